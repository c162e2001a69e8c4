from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spira.core.models import Moderatable, ModeratableQuerySetMixin, TimeStampedModel
from spira.core.permissions import VisibleQuerySet
from spira.events.choices import (
    MAX_CAPACITY,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ActivityFormat,
    ActivityLanguage,
    ActivityStatus,
    Audience,
    RegistrationMode,
)


def managed_organisation_ids(user):
    """The organisations in which `user` is a coordinator or an administrator (a subquery)."""
    from spira.organisations.choices import MembershipRole
    from spira.organisations.models import Membership

    return Membership.objects.filter(
        user=user, role__in=[MembershipRole.COORDINATOR, MembershipRole.ADMIN]
    ).values("organisation_id")


def member_organisation_ids(user):
    from spira.organisations.models import Membership

    return Membership.objects.filter(user=user).values("organisation_id")


def moderated_series_ids(user):
    from spira.events.models.series import EventSeries

    return EventSeries.moderators.through.objects.filter(user=user).values("eventseries_id")


def place_line(venue: str, address: str, municipality: str | None) -> str:
    """Venue, address and municipality as one line (the municipality unless the address names it)."""
    parts = [venue, address]
    if municipality and municipality not in address:
        parts.append(municipality)
    return ", ".join(part for part in parts if part)


class ActivityQuerySet(ModeratableQuerySetMixin, VisibleQuerySet):
    def published(self) -> "ActivityQuerySet":
        """In the public programme: approved and not hidden by a moderator."""
        return self.filter(status=ActivityStatus.PUBLISHED, is_hidden=False)

    def visible_to(self, user) -> "ActivityQuerySet":
        """The published programme for everyone; proposals and hidden activities also for their
        proposer, the organiser's members, the series' moderators and owners, and platform
        moderators. Agrees with the rule `events.view_activity`."""
        public = Q(status=ActivityStatus.PUBLISHED, is_hidden=False)
        if not user or not user.is_authenticated:
            return self.filter(public)
        if user.is_moderator:
            return self.all()
        return self.filter(
            public
            | Q(proposed_by=user)
            | Q(organiser_id__in=member_organisation_ids(user))
            | Q(series__owner_id__in=managed_organisation_ids(user))
            | Q(series_id__in=moderated_series_ids(user))
        )

    def proposals(self) -> "ActivityQuerySet":
        return self.filter(status=ActivityStatus.PROPOSED)

    def online(self) -> "ActivityQuerySet":
        return self.exclude(online_url="")


class Activity(Moderatable, TimeStampedModel):
    """One activity in a series' programme: a seminar of Innovation Week or a hub's breakfast.

    The open call creates it as a proposal; a moderator publishes or rejects it. Registration
    counts are kept on the row (changed only under a lock on it, see services.registrations) so
    that the programme reads them without counting.
    """

    series = models.ForeignKey(
        "events.EventSeries", verbose_name=_("series"), on_delete=models.PROTECT, related_name="activities"
    )
    track = models.ForeignKey(
        "events.Track",
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=ActivityLanguage.choices, default=ActivityLanguage.SWEDISH
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_activities",
    )
    co_organisers = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="co_organised_activities",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=20, choices=ActivityFormat.choices)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities_held_here",
        limit_choices_to={"kind": "municipality"},
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    accessibility = models.TextField(_("accessibility"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    capacity = models.PositiveIntegerField(_("number of seats"), null=True, blank=True)
    registration_mode = models.CharField(
        _("registration"), max_length=10, choices=RegistrationMode.choices, default=RegistrationMode.OPEN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PROPOSED
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_activities",
    )
    # Raised by every change calendars should notice (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    confirmed_count = models.PositiveIntegerField(_("confirmed"), default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(_("on the waiting list"), default=0, editable=False)
    pending_count = models.PositiveIntegerField(_("awaiting approval"), default=0, editable=False)
    # Kept when the participants' personal data is deleted after the event.
    attended_count = models.PositiveIntegerField(_("attended"), default=0, editable=False)
    participants_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["series", "status", "starts_at"], name="events_act_series_status"),
            models.Index(fields=["status", "starts_at"], name="events_act_status_starts"),
            models.Index(fields=["organiser", "starts_at"], name="events_act_organiser"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_activity_ends_after_start"
            ),
            # The last line of defence of the waiting list: never more confirmed than seats.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=models.F("capacity")),
                name="events_activity_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__lte=MAX_CAPACITY),
                name="events_activity_capacity_max",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:activity_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ActivityStatus.PUBLISHED and not self.is_hidden

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode != RegistrationMode.NONE

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def place(self) -> str:
        """Venue and address as one line (for calendars and lists)."""
        municipality = self.municipality.name if self.municipality_id and self.municipality else ""
        return place_line(self.venue, self.address, municipality)
