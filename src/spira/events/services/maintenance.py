"""Scheduled work: reminders before an activity, and deleting participants' data after it."""

import os
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from spira.core.activity import log_action
from spira.events.choices import ActivityStatus, RegistrationStatus
from spira.events.models import Activity, Registration


def send_event_reminders(now=None, hours: int = 24) -> int:
    """E-mail a reminder to everyone with a confirmed seat at a published activity starting within
    `hours`. Each registration is claimed before sending, so running twice sends nothing twice."""
    from spira.events.tasks import send_registration_emails

    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        activity__status=ActivityStatus.PUBLISHED,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + timedelta(hours=hours),
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        claimed = list(
            Registration.objects.filter(pk__in=ids, reminder_sent_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        Registration.objects.filter(pk__in=claimed).update(reminder_sent_at=now)
        transaction.on_commit(partial(send_registration_emails.enqueue, claimed, "reminder"))
    return len(claimed)


def retention_days() -> int:
    """Days after an activity that its participants' data is kept: the setting
    SPIRA_EVENTS_RETENTION_DAYS, else the environment variable of that name, else 90."""
    configured = getattr(settings, "SPIRA_EVENTS_RETENTION_DAYS", None)
    if configured is None:
        configured = os.environ.get("SPIRA_EVENTS_RETENTION_DAYS", "90")
    return int(configured)


def purge_participant_data(now=None, days: int | None = None) -> dict[str, int]:
    """Delete the registrations (names, e-mail addresses, attendance) of activities that ended
    more than `days` ago (SPIRA_EVENTS_RETENTION_DAYS, 90 by default). The numbers stay on the
    activity. Safe to run twice."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    cutoff = now - timedelta(days=days)
    activities = Activity.objects.filter(ends_at__lt=cutoff, participants_purged_at__isnull=True).order_by(
        "pk"
    )
    purged = deleted = 0
    for activity_id in list(activities.values_list("pk", flat=True)):
        with transaction.atomic():
            activity = Activity.objects.select_for_update().get(pk=activity_id)
            if activity.participants_purged_at is not None:
                continue
            attended = activity.registrations.aggregate(n=Count("pk", filter=Q(attended=True)))["n"]
            count, _ = activity.registrations.all().delete()
            activity.attended_count = attended
            activity.participants_purged_at = now
            activity.save(update_fields=["attended_count", "participants_purged_at"])
            log_action(None, "events.registrations.purged", activity, data={"registrations": count})
            purged += 1
            deleted += count
    return {"activities": purged, "registrations": deleted}
