"""The open call and the programme: proposing, deciding on, changing and cancelling activities."""

from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spira.core.activity import apply_changes, log_action
from spira.core.notifications import notify
from spira.events import notifications as kinds
from spira.events.choices import (
    ACTIVE_REGISTRATION_STATUSES,
    MAX_CAPACITY,
    REASON_MAX_LENGTH,
    ActivityStatus,
    RegistrationMode,
)
from spira.events.models import Activity, EventSeries, Registration
from spira.events.services.common import bump_programme, check_fields, local, text, unique_slug

ACTIVITY_FIELDS = [
    "title",
    "description",
    "language",
    "track",
    "starts_at",
    "ends_at",
    "format",
    "audience",
    "venue",
    "address",
    "municipality",
    "online_url",
    "accessibility",
    "capacity",
    "registration_mode",
]
TEXT_FIELDS = {"title", "description", "venue", "address", "online_url", "accessibility"}
# Changes people who registered are told about (and calendars see as a new SEQUENCE).
NOTIFIED_FIELDS = {"title", "starts_at", "ends_at", "venue", "address", "municipality", "online_url"}


def _clean_values(values: dict) -> dict:
    return {name: text(value) if name in TEXT_FIELDS else value for name, value in values.items()}


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def _validate_whole_activity(activity: Activity) -> None:
    """The activity's own rules, then the model's."""
    validate_activity(activity)
    activity.full_clean()


def validate_activity(activity: Activity) -> None:
    """The rules every activity keeps, as one dict of field → message."""
    errors: dict[str, str] = {}
    series = activity.series
    if not activity.title:
        errors["title"] = _("Give the activity a title.")
    if not activity.format:
        errors["format"] = _("Choose a format.")
    if activity.starts_at is None:
        errors["starts_at"] = _("Give the start time.")
    if activity.ends_at is None:
        errors["ends_at"] = _("Give the end time.")
    if activity.starts_at and activity.ends_at:
        if activity.ends_at <= activity.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        elif (
            local(activity.starts_at).date() < series.starts_on
            or local(activity.ends_at).date() > series.ends_on
        ):
            errors["starts_at"] = _(
                "The activity must take place between %(first)s and %(last)s, the dates of %(series)s."
            ) % {"first": _date(series.starts_on), "last": _date(series.ends_on), "series": series.title}
    if activity.track_id and activity.track.series_id != series.pk:
        errors["track"] = _("Choose one of the tracks of this series.")
    if activity.municipality_id and activity.municipality.kind != "municipality":
        errors["municipality"] = _("Choose a municipality.")
    if not (activity.venue or activity.address or activity.municipality_id or activity.online_url):
        errors["venue"] = _("Give a place or an online link, or both.")
    if activity.capacity is not None and activity.capacity > MAX_CAPACITY:
        errors["capacity"] = _("At most %(max)d seats.") % {"max": MAX_CAPACITY}
    if activity.capacity is not None and activity.capacity < activity.confirmed_count:
        errors["capacity"] = _(
            "%(count)d people have a confirmed seat already; the number of seats cannot be lower."
        ) % {"count": activity.confirmed_count}
    if errors:
        raise ValidationError(errors)


def _moderators_of(series: EventSeries):
    """The series' moderators; without any, the platform's moderators."""
    users = get_user_model().objects.filter(moderated_event_series=series, is_active=True)
    if users.exists():
        return users
    return get_user_model().objects.filter(
        Q(is_superuser=True) | Q(platform_role__in=["moderator", "administrator"]), is_active=True
    )


def _build(series: EventSeries, organiser, values: dict) -> Activity:
    values = _clean_values(values)
    co_organisers = values.pop("co_organisers", None) or []
    activity = Activity(series=series, organiser=organiser)
    for name, value in values.items():
        setattr(activity, name, value)
    if activity.registration_mode is None:
        activity.registration_mode = RegistrationMode.OPEN
    validate_activity(activity)
    activity.slug = unique_slug(Activity, activity.title, max_length=120)
    activity.full_clean(exclude=["slug"])
    activity._co_organisers = co_organisers
    return activity


def _save_new(activity: Activity) -> Activity:
    activity.save()
    if activity._co_organisers:
        activity.co_organisers.set([o for o in activity._co_organisers if o.pk != activity.organiser_id])
    bump_programme(activity.series_id)
    return activity


@transaction.atomic
def propose_activity(actor, series: EventSeries, organiser, **values) -> Activity:
    """A member of `organiser` proposes an activity to the programme while the call is open.

    The proposal waits for the series' moderators, who are told about it.
    """
    if not actor.has_perm("events.propose_activity", organiser):
        raise PermissionDenied
    check_fields(values, [*ACTIVITY_FIELDS, "co_organisers"])
    now = timezone.now()
    if not series.call_is_open(now):
        if series.call_closes_at and now >= series.call_closes_at:
            message = _("The call for %(series)s closed on %(date)s. No more proposals can be made.") % {
                "series": series.title,
                "date": _date(local(series.call_closes_at)),
            }
        elif series.call_opens_at and now < series.call_opens_at:
            message = _("The call for %(series)s opens on %(date)s.") % {
                "series": series.title,
                "date": _date(local(series.call_opens_at)),
            }
        else:
            message = _("%(series)s has no open call.") % {"series": series.title}
        raise ValidationError({"__all__": message})
    activity = _build(series, organiser, values)
    activity.status = ActivityStatus.PROPOSED
    activity.proposed_by = actor
    _save_new(activity)
    log_action(actor, "events.activity.proposed", activity, data={"series": series.title})
    notify(
        _moderators_of(series),
        kinds.PROPOSAL_RECEIVED,
        format_lazy(
            gettext_lazy("New proposal for {series}: {title}"), series=series.title, title=activity.title
        ),
        format_lazy(gettext_lazy("Proposed by {organisation}."), organisation=organiser.display_name),
        activity.get_absolute_url(),
        actor=actor,
    )
    return activity


@transaction.atomic
def add_activity(actor, series: EventSeries, organiser, **values) -> Activity:
    """A series' moderators (or owners) put an activity straight into the programme, also
    outside the call: a hub's own breakfast, or the initiators' opening seminar."""
    if not actor.has_perm("events.moderate_eventseries", series):
        raise PermissionDenied
    check_fields(values, [*ACTIVITY_FIELDS, "co_organisers"])
    activity = _build(series, organiser, values)
    now = timezone.now()
    activity.status = ActivityStatus.PUBLISHED
    activity.proposed_by = actor
    activity.published_at = activity.decided_at = now
    activity.decided_by = actor
    _save_new(activity)
    log_action(actor, "events.activity.approved", activity, data={"series": series.title})
    return activity


def _check_reason(reason: str, required: bool) -> str:
    reason = text(reason)
    if required and not reason:
        raise ValidationError({"reason": _("Give a reason; the proposer will read it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Write at most %(count)d characters.") % {"count": REASON_MAX_LENGTH}}
        )
    return reason


def _lock(activity: Activity) -> Activity:
    """The activity row, locked until the end of the transaction (see registrations.py)."""
    return Activity.objects.select_for_update().select_related("series").get(pk=activity.pk)


@transaction.atomic
def approve_activity(actor, activity: Activity, reason: str = "") -> Activity:
    """A moderator publishes a proposal into the programme."""
    if not actor.has_perm("events.moderate_activity", activity):
        raise PermissionDenied
    reason = _check_reason(reason, required=False)
    locked = _lock(activity)
    if locked.status != ActivityStatus.PROPOSED:
        raise ValidationError({"__all__": _("Only proposals waiting for a decision can be approved.")})
    now = timezone.now()
    locked.status = ActivityStatus.PUBLISHED
    locked.decision_reason = reason
    locked.decided_by, locked.decided_at, locked.published_at = actor, now, now
    locked.save(
        update_fields=["status", "decision_reason", "decided_by", "decided_at", "published_at", "updated_at"]
    )
    bump_programme(locked.series_id)
    log_action(actor, "events.activity.approved", locked, changes={"status": ["proposed", "published"]})
    notify(
        [locked.proposed_by],
        kinds.PROPOSAL_DECIDED,
        format_lazy(gettext_lazy("Your activity is in the programme: {title}"), title=locked.title),
        reason,
        locked.get_absolute_url(),
        actor=actor,
    )
    _copy(locked, activity)
    return activity


@transaction.atomic
def reject_activity(actor, activity: Activity, reason: str) -> Activity:
    """A moderator turns a proposal down, with a reason the proposer is told."""
    if not actor.has_perm("events.moderate_activity", activity):
        raise PermissionDenied
    reason = _check_reason(reason, required=True)
    locked = _lock(activity)
    if locked.status != ActivityStatus.PROPOSED:
        raise ValidationError({"__all__": _("Only proposals waiting for a decision can be rejected.")})
    locked.status = ActivityStatus.REJECTED
    locked.decision_reason = reason
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"])
    log_action(
        actor,
        "events.activity.rejected",
        locked,
        changes={"status": ["proposed", "rejected"]},
        data={"reason": reason},
    )
    notify(
        [locked.proposed_by],
        kinds.PROPOSAL_DECIDED,
        format_lazy(gettext_lazy("Your proposal was not accepted: {title}"), title=locked.title),
        reason,
        locked.get_absolute_url(),
        actor=actor,
    )
    _copy(locked, activity)
    return activity


def _copy(source: Activity, target: Activity) -> None:
    """Give the caller's object the saved state (services lock and change their own copy)."""
    if source is target:
        return
    for field in Activity._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _registrants(activity: Activity):
    return (
        get_user_model()
        .objects.filter(
            event_registrations__activity=activity,
            event_registrations__status__in=ACTIVE_REGISTRATION_STATUSES,
            is_active=True,
        )
        .distinct()
    )


def _tell_registrants(actor, activity: Activity, kind: str, title, body) -> None:
    """People with accounts get a notification; visitors without one get an e-mail."""
    from spira.events.tasks import send_registration_emails

    notify(
        _registrants(activity), kinds.ACTIVITY_CHANGED, title, body, activity.get_absolute_url(), actor=actor
    )
    guests = list(
        Registration.objects.filter(
            activity=activity, user__isnull=True, status__in=ACTIVE_REGISTRATION_STATUSES
        ).values_list("pk", flat=True)
    )
    if guests:
        transaction.on_commit(partial(send_registration_emails.enqueue, guests, kind))


@transaction.atomic
def update_activity(actor, activity: Activity, **values) -> Activity:
    """Change an activity. People registered for a published activity are told when its time or
    place changes; more seats move people up from the waiting list."""
    from spira.events.services.registrations import promote_waitlisted

    if not actor.has_perm("events.change_activity", activity):
        raise PermissionDenied
    check_fields(values, [*ACTIVITY_FIELDS, "co_organisers"])
    values = _clean_values(values)
    co_organisers = values.pop("co_organisers", None)
    locked = _lock(activity)
    if locked.status in (ActivityStatus.REJECTED, ActivityStatus.CANCELLED):
        raise ValidationError({"__all__": _("A rejected or cancelled activity cannot be changed.")})
    if (
        values.get("registration_mode") == RegistrationMode.NONE
        and locked.registration_mode != RegistrationMode.NONE
        and locked.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).exists()
    ):
        raise ValidationError(
            {"registration_mode": _("People have registered already; registration cannot be turned off.")}
        )
    changes = apply_changes(locked, values, ACTIVITY_FIELDS, _validate_whole_activity)
    if co_organisers is not None:
        old = sorted(locked.co_organisers.values_list("pk", flat=True))
        new = sorted({o.pk for o in co_organisers if o.pk != locked.organiser_id})
        if old != new:
            locked.co_organisers.set(new)
            changes["co_organisers"] = [old, new]
    if not changes:
        _copy(locked, activity)
        return activity
    notable = NOTIFIED_FIELDS & set(changes)
    if notable:
        locked.sequence += 1
    locked.save()
    promoted = promote_waitlisted(actor, locked)
    bump_programme(locked.series_id)
    log_action(actor, "events.activity.updated", locked, changes=changes, data={"promoted": len(promoted)})
    if notable and locked.status == ActivityStatus.PUBLISHED:
        when = formats.date_format(local(locked.starts_at), "j F Y H:i")
        _tell_registrants(
            actor,
            locked,
            "changed",
            format_lazy(gettext_lazy("Changed: {title}"), title=locked.title),
            format_lazy(
                gettext_lazy("The activity you registered for has changed. It starts {when}."), when=when
            ),
        )
    _copy(locked, activity)
    return activity


@transaction.atomic
def cancel_activity(actor, activity: Activity, reason: str) -> Activity:
    """Call a published activity off. It stays in the programme, marked cancelled, and the
    calendars of those registered show it cancelled."""
    if not actor.has_perm("events.change_activity", activity):
        raise PermissionDenied
    reason = _check_reason(reason, required=True)
    locked = _lock(activity)
    if locked.status != ActivityStatus.PUBLISHED:
        raise ValidationError({"__all__": _("Only a published activity can be cancelled.")})
    locked.status = ActivityStatus.CANCELLED
    locked.decision_reason = reason
    locked.sequence += 1
    locked.save(update_fields=["status", "decision_reason", "sequence", "updated_at"])
    bump_programme(locked.series_id)
    log_action(
        actor,
        "events.activity.cancelled",
        locked,
        changes={"status": ["published", "cancelled"]},
        data={"reason": reason},
    )
    _tell_registrants(
        actor,
        locked,
        "activity_cancelled",
        format_lazy(gettext_lazy("Cancelled: {title}"), title=locked.title),
        reason,
    )
    _copy(locked, activity)
    return activity
