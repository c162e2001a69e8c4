from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet, VisibleQuerySet
from spira.networks.choices import BookingStatus, ResourceKind, Weekday, WhoMayBook


class HubLocation(TimeStampedModel):
    """One place of a coworking hub network (Samverket Stockholm, Samverket Östersund)."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=120)
    address = models.CharField(_("address"), max_length=300)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_locations",
    )
    community_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("community manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_hub_locations",
    )
    description = models.TextField(_("description"), max_length=5_000, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["network", "name"]
        verbose_name = _("hub location")
        verbose_name_plural = _("hub locations")
        constraints = [models.UniqueConstraint(fields=["network", "slug"], name="unique_hub_location_slug")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:location_detail", kwargs={"slug": self.network.slug, "location": self.slug})


class OpeningHours(models.Model):
    """When a location is open on one weekday; a day without a row is closed."""

    location = models.ForeignKey(
        HubLocation, verbose_name=_("location"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["location", "weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["location", "weekday"], name="unique_opening_hours_day"),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_close_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class BookableResource(TimeStampedModel):
    """A room, desk or piece of equipment at a location, with its booking rules."""

    location = models.ForeignKey(
        HubLocation, verbose_name=_("location"), on_delete=models.CASCADE, related_name="resources"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.ROOM)
    capacity = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2_000, blank=True)
    who_may_book = models.CharField(
        _("who may book"), max_length=20, choices=WhoMayBook.choices, default=WhoMayBook.MEMBERS
    )
    max_days_ahead = models.PositiveSmallIntegerField(_("bookable days ahead"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    slot_minutes = models.PositiveSmallIntegerField(_("booking step (minutes)"), default=30)
    is_active = models.BooleanField(_("bookable"), default=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["location", "name"]
        verbose_name = _("bookable resource")
        verbose_name_plural = _("bookable resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(slot_minutes__lte=240),
                name="resource_slot_minutes_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.location})"

    def get_absolute_url(self) -> str:
        return reverse("networks:resource_detail", kwargs={"slug": self.location.network.slug, "pk": self.pk})


class BookingQuerySet(VisibleQuerySet):
    def confirmed(self):
        return self.filter(status=BookingStatus.CONFIRMED)

    def visible_to(self, user):
        """Own bookings, and every booking of the hubs the user manages. Agrees with
        `networks.view_booking`."""
        from spira.networks.queries import managed_network_ids

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self.all()
        return self.filter(
            Q(booked_by=user) | Q(resource__location__network_id__in=managed_network_ids(user))
        )


class Booking(TimeStampedModel):
    """A confirmed use of a resource from `starts_at` to `ends_at`. Its time slots (BookingSlot)
    are unique per resource, so the database itself refuses a double booking."""

    resource = models.ForeignKey(
        BookableResource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="bookings"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="hub_bookings",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("for organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_bookings",
    )
    title = models.CharField(_("purpose"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["resource", "starts_at"], name="booking_resource_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource.name} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingSlot(models.Model):
    """One step of a confirmed booking. The unique (resource, starts_at) makes overlapping
    bookings impossible on SQLite and PostgreSQL alike; a cancelled booking frees its slots."""

    resource = models.ForeignKey(BookableResource, on_delete=models.CASCADE, related_name="slots")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["resource", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["resource", "starts_at"], name="unique_booking_slot")]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.starts_at:%Y-%m-%d %H:%M}"
