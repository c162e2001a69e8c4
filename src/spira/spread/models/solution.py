from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet
from spira.spread.choices import (
    NAME_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    CostBand,
    Effort,
    Maturity,
    SolutionKind,
)


class SolutionQuerySet(PublicQuerySet):
    """Solutions are public records: everyone sees every solution (see rules.py)."""

    def software(self):
        return self.filter(kind=SolutionKind.SOFTWARE)

    def procurable(self):
        return self.filter(has_procurement_documents=True)


class Solution(TimeStampedModel):
    """A reusable result of one or more initiatives that other organisations can take up.

    Software is described by its publiccode.yml (kept as imported in `publiccode`); the fields
    used in lists, filters and exports are copied out of it. Every change goes through
    `spira.spread.services`.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    language = models.CharField(
        _("language of the texts"),
        max_length=2,
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        default="sv",
    )
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=SolutionKind.choices, db_index=True)
    maturity = models.CharField(
        _("maturity"), max_length=10, choices=Maturity.choices, default=Maturity.PILOT, db_index=True
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="solutions",
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives"), blank=True, related_name="solutions"
    )
    # What it takes to adopt.
    cost_band = models.CharField(_("cost"), max_length=10, choices=CostBand.choices, blank=True)
    effort = models.CharField(_("effort"), max_length=10, choices=Effort.choices, blank=True)
    competences = models.TextField(_("competences needed"), max_length=TEXT_MAX_LENGTH, blank=True)
    licence = models.CharField(
        _("licence"), max_length=200, blank=True, help_text=_("An SPDX licence expression, e.g. EUPL-1.2.")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    # Software.
    repository_url = models.URLField(_("repository URL"), max_length=500, blank=True, db_index=True)
    software_version = models.CharField(_("software version"), max_length=100, blank=True)
    development_status = models.CharField(_("development status"), max_length=20, blank=True)
    software_type = models.CharField(_("software type"), max_length=40, blank=True)
    publiccode = models.JSONField(_("publiccode.yml"), default=dict, blank=True)
    # Innovation procurement: what the next organisation needs to procure it.
    procurement_requirements = models.TextField(
        _("requirements specification"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    procurement_evaluation_model = models.TextField(
        _("evaluation model"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    framework_agreement = models.CharField(_("framework agreement reference"), max_length=300, blank=True)
    has_procurement_documents = models.BooleanField(
        _("has procurement documents"), default=False, db_index=True
    )
    # Kept by services: the number of organisations piloting or using it (for sorting at scale).
    adopter_count = models.PositiveIntegerField(_("adopters"), default=0, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solutions_created",
    )

    objects = SolutionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        indexes = [models.Index(fields=["-adopter_count", "name"], name="spread_solution_spread_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spread:solution_detail", kwargs={"slug": self.slug})

    @property
    def is_software(self) -> bool:
        return self.kind == SolutionKind.SOFTWARE


class SolutionLink(models.Model):
    """A document or link that belongs to a solution (manual, template, tender documents, ...)."""

    solution = models.ForeignKey(
        Solution, verbose_name=_("solution"), on_delete=models.CASCADE, related_name="links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    is_procurement = models.BooleanField(_("procurement document"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title
