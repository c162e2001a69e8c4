"""Coworking hubs: locations, opening hours, bookable resources and bookings.

No double bookings: a booking takes one BookingSlot row per step of its time, unique per
resource, so the database refuses an overlap on SQLite and PostgreSQL alike. The service also
locks the resource row (select_for_update; on SQLite the IMMEDIATE transaction takes the write
lock) and checks again under the lock, so that the loser of a race gets a clear message.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from spira.core.activity import log_action
from spira.networks.choices import BookingStatus, ResourceKind, WhoMayBook
from spira.networks.models import BookableResource, Booking, BookingSlot, HubLocation, Network, OpeningHours
from spira.networks.services.common import check_fields, require, text, unique_slug

RESOURCE_FIELDS = [
    "name",
    "kind",
    "capacity",
    "description",
    "who_may_book",
    "max_days_ahead",
    "max_minutes",
    "slot_minutes",
    "is_active",
]
LOCATION_FIELDS = ["name", "address", "city", "municipality", "community_manager", "description"]


@transaction.atomic
def add_location(actor, network: Network, **values) -> HubLocation:
    if not actor.has_perm("networks.change_network", network):
        raise PermissionDenied
    check_fields(values, LOCATION_FIELDS)
    require(values, "name", _("Give the location a name."))
    require(values, "address", _("Give the address."))
    location = HubLocation(
        network=network, slug=unique_slug(network.locations.all(), values["name"], "plats"), **values
    )
    try:
        location.full_clean(exclude=["network"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    location.save()
    log_action(actor, "networks.location.added", network, data={"location": location.name})
    return location


@transaction.atomic
def set_opening_hours(actor, location: HubLocation, hours: dict[int, tuple[time, time] | None]) -> None:
    """Set the opening hours per weekday (0 = Monday); None closes the day."""
    if not actor.has_perm("networks.change_network", location.network):
        raise PermissionDenied
    errors = {}
    for weekday, span in hours.items():
        if weekday not in range(7):
            errors["weekday"] = _("Unknown weekday.")
        elif span is not None and span[1] <= span[0]:
            errors[f"day_{weekday}"] = _("A day must close after it opens.")
    if errors:
        raise ValidationError(errors)
    for weekday, span in hours.items():
        if span is None:
            location.opening_hours.filter(weekday=weekday).delete()
        else:
            OpeningHours.objects.update_or_create(
                location=location, weekday=weekday, defaults={"opens": span[0], "closes": span[1]}
            )
    log_action(
        actor,
        "networks.location.hours_changed",
        location.network,
        data={
            "location": location.name,
            "hours": {str(d): [s[0].isoformat(), s[1].isoformat()] if s else None for d, s in hours.items()},
        },
    )


@transaction.atomic
def add_resource(actor, location: HubLocation, **values) -> BookableResource:
    if not actor.has_perm("networks.change_network", location.network):
        raise PermissionDenied
    check_fields(values, RESOURCE_FIELDS)
    require(values, "name", _("Give the resource a name."))
    values.setdefault("kind", ResourceKind.ROOM)
    values.setdefault("who_may_book", WhoMayBook.MEMBERS)
    resource = BookableResource(location=location, **values)
    try:
        resource.full_clean(exclude=["location"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    if 60 % resource.slot_minutes and resource.slot_minutes % 60:
        raise ValidationError({"slot_minutes": _("The booking step must divide an hour, or be whole hours.")})
    resource.save()
    log_action(actor, "networks.resource.added", location.network, data={"resource": resource.name})
    return resource


def _slot_starts(starts_at: datetime, ends_at: datetime, minutes: int) -> list[datetime]:
    step = timedelta(minutes=minutes)
    slots, current = [], starts_at
    while current < ends_at:
        slots.append(current)
        current += step
    return slots


def _check_times(resource: BookableResource, starts_at, ends_at, now: datetime) -> None:
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise ValidationError({"starts_at": _("Give the start and end times.")})
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError({"starts_at": _("Give the start and end times with a time zone.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The booking must end after it starts.")})
    if starts_at < now:
        raise ValidationError({"starts_at": _("The time has already passed.")})
    if starts_at > now + timedelta(days=resource.max_days_ahead):
        raise ValidationError(
            {
                "starts_at": _("%(resource)s can be booked at most %(days)d days ahead.")
                % {"resource": resource.name, "days": resource.max_days_ahead}
            }
        )
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes > resource.max_minutes:
        raise ValidationError(
            {
                "ends_at": _("A booking of %(resource)s may last at most %(minutes)d minutes.")
                % {"resource": resource.name, "minutes": resource.max_minutes}
            }
        )
    local_start = timezone.localtime(starts_at)
    local_end = timezone.localtime(ends_at)
    step = resource.slot_minutes
    if (
        (local_start.hour * 60 + local_start.minute) % step
        or local_start.second
        or local_start.microsecond
        or minutes % step
    ):
        raise ValidationError(
            {
                "starts_at": _("Bookings start and end on whole steps of %(minutes)d minutes.")
                % {"minutes": step}
            }
        )
    hours = resource.location.opening_hours.filter(weekday=local_start.weekday()).first()
    closed_message = _(
        "%(location)s is open %(hours)s that day; the booking must fit within the opening hours."
    )
    if hours is None:
        raise ValidationError(
            {"starts_at": _("%(location)s is closed that day.") % {"location": resource.location.name}}
        )
    if local_end.date() != local_start.date() and not (
        local_end.time() == time(0) and local_end.date() == local_start.date() + timedelta(days=1)
    ):
        raise ValidationError(
            {"ends_at": closed_message % {"location": resource.location.name, "hours": _hours_text(hours)}}
        )
    end_time = local_end.time() if local_end.date() == local_start.date() else time(23, 59, 59)
    if local_start.time() < hours.opens or end_time > hours.closes:
        raise ValidationError(
            {"starts_at": closed_message % {"location": resource.location.name, "hours": _hours_text(hours)}}
        )


def _hours_text(hours: OpeningHours) -> str:
    return f"{time_format(hours.opens, 'H:i')}–{time_format(hours.closes, 'H:i')}"


def _overlap_error() -> ValidationError:
    return ValidationError(
        {"starts_at": _("The resource is already booked at that time. Choose another time.")}
    )


@transaction.atomic
def book_resource(
    actor, resource: BookableResource, starts_at, ends_at, *, organisation=None, title: str = "", now=None
) -> Booking:
    """Book a resource for `starts_at`–`ends_at`, within the location's opening hours, the
    booking window and the longest booking, for a member organisation of the hub."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to book."))
    now = now or timezone.now()
    locked = (
        BookableResource.objects.select_for_update()
        .select_related("location", "location__network")
        .get(pk=resource.pk)
    )
    if not locked.is_active:
        raise ValidationError({"__all__": _("This resource cannot be booked at the moment.")})
    if not actor.has_perm("networks.book_resource", locked):
        if locked.who_may_book == WhoMayBook.MANAGERS:
            raise PermissionDenied(
                _("Only the hub's community managers can book %(resource)s.") % {"resource": locked.name}
            )
        raise PermissionDenied(
            _("Only members of %(hub)s can book. Ask your organisation to join the hub first.")
            % {"hub": locked.location.network.display_name}
        )
    _check_times(locked, starts_at, ends_at, now)
    title = text(title)
    if len(title) > 150:
        raise ValidationError({"title": _("Write at most %(count)d characters.") % {"count": 150}})
    if (
        organisation is not None
        and not actor.memberships.filter(organisation=organisation).exists()
        and not actor.is_platform_admin
    ):
        raise ValidationError({"organisation": _("You can book only for an organisation you belong to.")})
    if locked.bookings.confirmed().filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise _overlap_error()
    booking = Booking(
        resource=locked,
        booked_by=actor,
        organisation=organisation,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    try:
        with transaction.atomic():
            booking.save()
            BookingSlot.objects.bulk_create(
                BookingSlot(resource=locked, booking=booking, starts_at=slot)
                for slot in _slot_starts(starts_at, ends_at, locked.slot_minutes)
            )
    except IntegrityError as exc:
        raise _overlap_error() from exc
    log_action(
        actor,
        "networks.booking.created",
        locked.location.network,
        data={"booking_id": booking.pk, "resource": locked.name, "starts_at": starts_at, "ends_at": ends_at},
    )
    return booking


@transaction.atomic
def cancel_booking(actor, booking: Booking) -> Booking:
    """Cancel a booking (by whoever booked it, or the hub's managers); its time is free again."""
    if not actor.has_perm("networks.cancel_booking", booking):
        raise PermissionDenied
    locked = (
        Booking.objects.select_for_update().select_related("resource__location__network").get(pk=booking.pk)
    )
    if locked.status == BookingStatus.CANCELLED:
        raise ValidationError({"__all__": _("The booking is already cancelled.")})
    locked.status = BookingStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at", "updated_at"])
    locked.slots.all().delete()
    log_action(
        actor, "networks.booking.cancelled", locked.resource.location.network, data={"booking_id": locked.pk}
    )
    return locked
