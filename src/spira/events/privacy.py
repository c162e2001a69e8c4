"""What the events app holds about a person: their registrations (see spira.core.privacy)."""

from django.db import transaction
from django.utils import timezone

from spira.events.models import Activity, CalendarFeedToken, Registration
from spira.events.services.registrations import promote_waitlisted, refresh_counts


def export_registrations(user) -> dict:
    return {
        "registrations": [
            {
                "activity": registration.activity.title,
                "activity_slug": registration.activity.slug,
                "starts_at": registration.activity.starts_at,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation_name,
                "status": registration.status,
                "attended": registration.attended,
                "registered_at": registration.queued_at,
                "cancelled_at": registration.cancelled_at,
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("activity")
            .order_by("queued_at", "id")
        ],
        "has_private_calendar_link": CalendarFeedToken.objects.filter(user=user).exists(),
    }


def erase_registrations(user) -> None:
    """Delete the person's registrations; freed seats go to the waiting lists."""
    activity_ids = sorted(set(Registration.objects.filter(user=user).values_list("activity_id", flat=True)))
    for activity_id in activity_ids:
        with transaction.atomic():
            activity = Activity.objects.select_for_update().get(pk=activity_id)
            Registration.objects.filter(user=user, activity=activity).delete()
            refresh_counts(activity)
            if activity.starts_at > timezone.now():
                promote_waitlisted(None, activity)
    CalendarFeedToken.objects.filter(user=user).delete()
