"""Registrations: seats, the waiting list, approval, cancellation and attendance.

Concurrency: every change that moves a seat first locks the activity row
(`select_for_update`) and then counts the registrations, so two people can never take the last
seat at once. On PostgreSQL the lock queues the transactions; on SQLite `select_for_update` does
nothing, but the IMMEDIATE transaction mode (settings.DATABASES) takes the database's write lock
when the transaction begins, which serialises the writers just the same. The check constraint
`events_activity_within_capacity` is the last line of defence.
"""

from functools import partial

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from spira.core.activity import log_action
from spira.core.notifications import notify
from spira.events import notifications as kinds
from spira.events.choices import (
    ACTIVE_REGISTRATION_STATUSES,
    ActivityStatus,
    RegistrationMode,
    RegistrationStatus,
)
from spira.events.models import Activity, Registration
from spira.events.services.common import bump_programme, local, text
from spira.organisations.rules import roles_in

CANCEL_SALT = "spira.events.registration.cancel"


# Tokens for the cancellation link -----------------------------------------------------------------


def cancellation_token(registration: Registration) -> str:
    return signing.dumps([registration.pk, registration.secret], salt=CANCEL_SALT, compress=True)


def registration_from_token(token: str) -> Registration:
    """The registration a cancellation link is for; ValidationError when the link is not valid."""
    invalid = ValidationError(
        {"__all__": _("This cancellation link is not valid. Check that the whole link was copied.")}
    )
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature as exc:
        raise invalid from exc
    if not (
        isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and isinstance(data[1], str)
    ):
        raise invalid
    registration = (
        Registration.objects.select_related("activity", "activity__series").filter(pk=data[0]).first()
    )
    if registration is None or registration.secret != data[1]:
        raise ValidationError(
            {
                "__all__": _(
                    "This registration no longer exists: the participants' data may have been deleted after the event."
                )
            }
        )
    return registration


# Counting and the waiting list -------------------------------------------------------------------


def _lock(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().get(pk=activity.pk)


def refresh_counts(activity: Activity) -> None:
    """Recount the registrations of a locked activity and store the numbers on it."""
    counts = activity.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
    )
    activity.confirmed_count = counts["confirmed"]
    activity.waitlist_count = counts["waitlisted"]
    activity.pending_count = counts["pending"]
    activity.save(update_fields=["confirmed_count", "waitlist_count", "pending_count"])
    if activity.capacity is not None and activity.takes_registrations:
        # The programme shows the seats left (and only then): its cached pages are out of date.
        bump_programme(activity.series_id)


def managers_of(activity: Activity):
    """Who runs an activity: its proposer and the organiser's coordinators and administrators."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            Q(pk=activity.proposed_by_id)
            | Q(
                memberships__organisation_id=activity.organiser_id,
                memberships__role__in=["coordinator", "admin"],
            ),
            is_active=True,
        )
        .distinct()
    )


def _has_seat(activity: Activity) -> bool:
    return activity.capacity is None or activity.confirmed_count < activity.capacity


def _enqueue_emails(registration_ids: list[int], kind: str) -> None:
    if registration_ids:
        from spira.events.tasks import send_registration_emails

        transaction.on_commit(partial(send_registration_emails.enqueue, list(registration_ids), kind))


def promote_waitlisted(actor, activity: Activity) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. The caller holds the lock
    on `activity` (a locked instance)."""
    refresh_counts(activity)
    promoted = []
    while _has_seat(activity):
        nxt = (
            activity.registrations.filter(status=RegistrationStatus.WAITLISTED)
            .order_by("queued_at", "id")
            .first()
        )
        if nxt is None:
            break
        nxt.status = RegistrationStatus.CONFIRMED
        nxt.save(update_fields=["status", "updated_at"])
        activity.confirmed_count += 1
        promoted.append(nxt)
    if promoted:
        refresh_counts(activity)
        log_action(
            actor, "events.registration.promoted", activity, data={"registrations": [r.pk for r in promoted]}
        )
        _enqueue_emails([r.pk for r in promoted], "promoted")
    return promoted


# Registering -------------------------------------------------------------------------------------


def _check_open(activity: Activity, now) -> None:
    if activity.status != ActivityStatus.PUBLISHED or activity.is_hidden:
        raise ValidationError({"__all__": _("This activity is not open for registration.")})
    if activity.registration_mode == RegistrationMode.NONE:
        raise ValidationError({"__all__": _("This activity has no registration: just come.")})
    if activity.starts_at <= now:
        raise ValidationError({"__all__": _("Registration has closed: the activity has already started.")})


def _is_member_of_organisers(user, activity: Activity) -> bool:
    if not user or not user.is_authenticated:
        return False
    organisers = {activity.organiser_id, *activity.co_organisers.values_list("pk", flat=True)}
    return any(roles_in(user, organisation_id) for organisation_id in organisers)


def _identity(actor, name: str, email: str) -> tuple[str, str]:
    if getattr(actor, "is_authenticated", False):
        return (text(name) or str(actor))[:150], actor.email.lower()
    name, email = text(name), text(email).lower()
    errors = {}
    if not name:
        errors["name"] = _("Give your name.")
    elif len(name) > 150:
        errors["name"] = _("Write at most %(count)d characters.") % {"count": 150}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Give a valid e-mail address; the confirmation is sent there.")
    if errors:
        raise ValidationError(errors)
    return name, email


@transaction.atomic
def register(
    actor, activity: Activity, *, name: str = "", email: str = "", organisation_name: str = ""
) -> Registration:
    """Take a seat at `activity`, or a place on its waiting list when it is full.

    People with an account register as themselves; visitors give a name and an e-mail address.
    With approval the registration waits for the organiser. A confirmation e-mail with a
    calendar file and a cancellation link goes out once the transaction is committed.
    """
    name, email = _identity(actor, name, email)
    organisation_name = text(organisation_name)[:200]
    locked = _lock(activity)
    _check_open(locked, timezone.now())
    if locked.registration_mode == RegistrationMode.MEMBERS and not _is_member_of_organisers(actor, locked):
        raise ValidationError(
            {
                "__all__": _(
                    "Only members of the organising organisations can register for this activity. Log in first if you are one."
                )
            }
        )
    user = actor if getattr(actor, "is_authenticated", False) else None
    same_person = Q(email=email) | Q(user=user) if user else Q(email=email)
    if locked.registrations.filter(same_person, status__in=ACTIVE_REGISTRATION_STATUSES).exists():
        raise ValidationError({"__all__": _("You are already registered for this activity.")})
    refresh_counts(locked)
    if locked.registration_mode == RegistrationMode.APPROVAL:
        status = RegistrationStatus.PENDING
    elif _has_seat(locked):
        status = RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITLISTED
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                activity=locked,
                user=user,
                name=name,
                email=email,
                organisation_name=organisation_name,
                status=status,
                language=(user.preferred_language if user else get_language() or "sv")[:2],
            )
    except IntegrityError as exc:
        raise ValidationError({"__all__": _("You are already registered for this activity.")}) from exc
    refresh_counts(locked)
    log_action(
        actor,
        "events.registration.created",
        locked,
        data={"registration_id": registration.pk, "status": status},
    )
    _enqueue_emails([registration.pk], status)
    if status == RegistrationStatus.PENDING:
        notify(
            managers_of(locked),
            kinds.REGISTRATION_RECEIVED,
            format_lazy(gettext_lazy("A registration waits for your approval: {title}"), title=locked.title),
            "",
            locked.get_absolute_url(),
            actor=user,
        )
    registration.activity = locked
    return registration


def _cancel(actor, registration: Registration) -> Registration:
    locked = _lock(registration.activity)
    current = Registration.objects.get(pk=registration.pk)
    if current.status not in ACTIVE_REGISTRATION_STATUSES:
        raise ValidationError({"__all__": _("This registration is already cancelled.")})
    if locked.ends_at <= timezone.now():
        raise ValidationError(
            {"__all__": _("The activity is over; the registration can no longer be cancelled.")}
        )
    was = current.status
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at", "updated_at"])
    log_action(
        actor, "events.registration.cancelled", locked, data={"registration_id": current.pk, "was": was}
    )
    _enqueue_emails([current.pk], "cancelled")
    promote_waitlisted(actor, locked)
    current.activity = locked
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    return current


@transaction.atomic
def cancel_registration(actor, registration: Registration) -> Registration:
    """Cancel one's own registration (or, as the organiser, someone's). A freed seat goes to the
    first person on the waiting list."""
    if not actor.has_perm("events.cancel_registration", registration):
        raise PermissionDenied(_("You can only cancel your own registration."))
    return _cancel(actor, registration)


@transaction.atomic
def cancel_registration_by_token(token: str) -> Registration:
    """Cancel through the signed link in the confirmation e-mail, without logging in."""
    registration = registration_from_token(token)
    return _cancel(None, registration)


# The organiser's side ---------------------------------------------------------------------------


def _decide(actor, registration: Registration, approve: bool) -> Registration:
    activity = registration.activity
    if not actor.has_perm("events.manage_registrations", activity):
        raise PermissionDenied
    locked = _lock(activity)
    current = Registration.objects.get(pk=registration.pk)
    if current.status != RegistrationStatus.PENDING:
        raise ValidationError({"__all__": _("Only registrations awaiting approval can be decided on.")})
    refresh_counts(locked)
    if approve:
        current.status = RegistrationStatus.CONFIRMED if _has_seat(locked) else RegistrationStatus.WAITLISTED
        code = "events.registration.approved"
    else:
        current.status = RegistrationStatus.DECLINED
        code = "events.registration.declined"
    current.save(update_fields=["status", "updated_at"])
    refresh_counts(locked)
    log_action(actor, code, locked, data={"registration_id": current.pk, "status": current.status})
    _enqueue_emails([current.pk], current.status)
    registration.status = current.status
    return current


@transaction.atomic
def approve_registration(actor, registration: Registration) -> Registration:
    """The organiser lets someone in: a seat if there is one, otherwise the waiting list."""
    return _decide(actor, registration, approve=True)


@transaction.atomic
def decline_registration(actor, registration: Registration) -> Registration:
    return _decide(actor, registration, approve=False)


@transaction.atomic
def mark_attendance(actor, activity: Activity, attended: dict[int, bool | None]) -> int:
    """Record who came: `{registration_id: True/False/None}` for confirmed registrations."""
    if not actor.has_perm("events.manage_registrations", activity):
        raise PermissionDenied
    if local(activity.starts_at).date() > local(timezone.now()).date():
        raise ValidationError({"__all__": _("Attendance can be marked from the day of the activity.")})
    registrations = {
        r.pk: r
        for r in activity.registrations.filter(pk__in=list(attended), status=RegistrationStatus.CONFIRMED)
    }
    unknown = sorted(set(attended) - set(registrations))
    if unknown:
        raise ValidationError({"attended": _("Only confirmed participants of this activity can be marked.")})
    changed = []
    for pk, value in attended.items():
        registration = registrations[pk]
        if registration.attended != value:
            registration.attended = value
            changed.append(registration)
    Registration.objects.bulk_update(changed, ["attended"])
    if changed:
        log_action(actor, "events.registration.attendance", activity, data={"changed": len(changed)})
    return len(changed)
