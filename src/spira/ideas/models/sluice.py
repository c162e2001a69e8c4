from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet
from spira.ideas.choices import (
    DEFAULT_CONTACT_RETENTION_DAYS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    StageType,
    TargetGroup,
)


class BilingualNameMixin:
    """`name` in the reader's language, falling back to the other one."""

    @property
    def name(self) -> str:
        if (get_language() or "sv").startswith("en"):
            return self.name_en or self.name_sv
        return self.name_sv or self.name_en


class Sluice(TimeStampedModel):
    """An idea sluice (idésluss) of one organisation, run by its coordinators.

    The coordinators are the organisation's coordinators and administrators plus the people
    named in `coordinators` (e.g. a development strategist without that role).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="idea_sluices",
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    target_group = models.CharField(
        _("who may hand in ideas"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.BOTH
    )
    is_open = models.BooleanField(_("open for new ideas"), default=True)
    contact_retention_days = models.PositiveIntegerField(
        _("days to keep contact e-mails after closing"),
        default=DEFAULT_CONTACT_RETENTION_DAYS,
        help_text=_(
            "The e-mail addresses of submitters without an account are deleted this long after the idea is closed."
        ),
    )
    anonymous_reviews = models.BooleanField(
        _("anonymous reviewing"),
        default=False,
        help_text=_("Reviewers do not see each other's names; the submitter's name is hidden from them."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_sluices",
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("idea sluice")
        verbose_name_plural = _("idea sluices")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ideas:sluice_detail", kwargs={"slug": self.slug})


class Challenge(TimeStampedModel):
    """A question the sluice asks ("How might we …?") for a time and a target group."""

    sluice = models.ForeignKey(
        Sluice, verbose_name=_("sluice"), on_delete=models.CASCADE, related_name="challenges"
    )
    title = models.CharField(_("question"), max_length=TITLE_MAX_LENGTH, help_text=_("How might we …?"))
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    starts_on = models.DateField(_("opens"), null=True, blank=True)
    ends_on = models.DateField(_("closes"), null=True, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.BOTH
    )
    strategy = models.CharField(
        _("strategy it serves"),
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text=_("E.g. the digitalisation strategy."),
    )
    strategy_url = models.URLField(_("link to the strategy"), blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day <= self.ends_on
        )


class Stage(BilingualNameMixin, models.Model):
    """One column of a sluice's pipeline, with the stage type analytics compare by."""

    sluice = models.ForeignKey(
        Sluice, verbose_name=_("sluice"), on_delete=models.CASCADE, related_name="stages"
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    stage_type = models.CharField(_("stage type"), max_length=20, choices=StageType.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("what happens here"), max_length=2000, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["sluice", "position", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        from spira.ideas.choices import CLOSED_TYPES

        return self.stage_type in CLOSED_TYPES


class Criterion(BilingualNameMixin, models.Model):
    """A weighted evaluation criterion of a sluice (benefit, feasibility, cost, strategy fit …)."""

    sluice = models.ForeignKey(
        Sluice, verbose_name=_("sluice"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["sluice", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name
