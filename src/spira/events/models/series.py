from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet
from spira.events.choices import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, SeriesRole


class EventSeriesQuerySet(PublicQuerySet):
    """Series are public: their programme is what the open call is for."""


class EventSeries(TimeStampedModel):
    """An edition of a programme (Innovationsveckan 2024) or a hub's year of member activities.

    The owner is an organisation (a network or hub is an organisation of kind "network" until the
    networks app exists; `owner` can then point at the network's organisation). Its coordinators
    and administrators manage the series; `moderators` decide on proposals from the open call.
    """

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    title_en = models.CharField(_("title in English"), max_length=TITLE_MAX_LENGTH, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    description_en = models.TextField(_("description in English"), max_length=TEXT_MAX_LENGTH, blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_event_series",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        through="SeriesOrganisation",
        verbose_name=_("initiators and partners"),
        blank=True,
        related_name="event_series",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    call_opens_at = models.DateTimeField(_("call opens"), null=True, blank=True)
    call_closes_at = models.DateTimeField(_("call closes"), null=True, blank=True)
    call_text = models.TextField(_("about the call"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderators"),
        blank=True,
        related_name="moderated_event_series",
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Raised by every change to the programme; part of the key of the cached programme pages.
    programme_version = models.PositiveIntegerField(default=0, editable=False)

    objects = EventSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="events_series_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title

    @property
    def display_description(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("events:series_detail", kwargs={"slug": self.slug})

    @property
    def acronym(self) -> str:
        """The series' short name in the frab format: lowercase letters, digits and underscores."""
        return self.slug.replace("-", "_").ljust(4, "_")

    def call_is_open(self, at) -> bool:
        if self.call_opens_at is None or self.call_closes_at is None:
            return False
        return self.call_opens_at <= at < self.call_closes_at


class SeriesOrganisation(models.Model):
    """An organisation behind a series: an initiator (SKR, Vinnova, ...) or a partner (Viable Cities)."""

    series = models.ForeignKey(EventSeries, on_delete=models.CASCADE, related_name="series_organisations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(
        _("role"), max_length=20, choices=SeriesRole.choices, default=SeriesRole.INITIATOR
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "organisation"], name="events_series_org_unique")
        ]
        verbose_name = _("organisation of a series")
        verbose_name_plural = _("organisations of series")

    def __str__(self) -> str:
        return f"{self.series} – {self.organisation} ({self.get_role_display()})"


class Track(models.Model):
    """A theme within a series ("Together from the start", "Capacity for transition")."""

    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), on_delete=models.CASCADE, related_name="tracks"
    )
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    color = models.CharField(_("colour"), max_length=7, default="#1f5f8b")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["series", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["series", "slug"], name="events_track_slug_unique")]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name
