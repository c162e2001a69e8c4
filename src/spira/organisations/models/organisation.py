from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet
from spira.organisations.choices import POPULATION_BAND_RANGES, OrganisationKind
from spira.organisations.validators import (
    validate_county_code,
    validate_municipality_code,
    validate_org_number,
)


class County(models.Model):
    """A Swedish county (län), identified by its two-digit länskod."""

    code = models.CharField(_("county code"), max_length=2, unique=True, validators=[validate_county_code])
    letter = models.CharField(_("county letter"), max_length=2, blank=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(PublicQuerySet):
    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def search(self, text: str):
        """Organisations whose names contain `text`, ignoring case also for å, ä and ö.

        SQLite's LIKE folds only ASCII letters, so the folding is done in Python: `search_name`
        holds the casefolded names, and the query text is casefolded the same way.
        """
        folded = fold(text)
        return self.filter(search_name__contains=folded) if folded else self

    def in_population_band(self, band: str):
        low, high = POPULATION_BAND_RANGES[band]
        condition = Q(population__gte=low)
        if high is not None:
            condition &= Q(population__lt=high)
        return self.filter(condition)


def fold(text: str) -> str:
    """The form of a text used for case-insensitive search: casefolded, spaces collapsed."""
    return " ".join((text or "").casefold().split())


class Organisation(TimeStampedModel):
    """Any organisation taking part in public-sector innovation: municipality, region, agency, ..."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    full_name = models.CharField(
        _("full name"),
        max_length=250,
        blank=True,
        help_text=_("As the organisation calls itself, e.g. Piteå kommun."),
    )
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_municipality_code],
        help_text=_("Kommunkod, four digits."),
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Organisationsnummer, NNNNNN-NNNN."),
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True, db_index=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    department = models.CharField(_("ministry"), max_length=150, blank=True)
    management_form = models.CharField(_("form of management"), max_length=100, blank=True)
    is_reference = models.BooleanField(
        _("from reference data"),
        default=False,
        help_text=_("Loaded from official registers by load_reference."),
    )
    extra = models.JSONField(_("other register facts"), default=dict, blank=True)
    # All names, casefolded, kept by save(): see OrganisationQuerySet.search.
    search_name = models.CharField(max_length=800, blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The list filters by kind, county and population band and sorts by name.
        indexes = [
            models.Index(fields=["kind", "name"], name="org_kind_name_idx"),
            models.Index(fields=["county", "kind", "name"], name="org_county_kind_name_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.full_name or self.name

    def save(self, *args, **kwargs):
        self.search_name = self.build_search_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def build_search_name(self) -> str:
        names = dict.fromkeys(
            fold(n) for n in (self.name, self.full_name, self.name_en, self.short_name) if n
        )
        return " | ".join(names)

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation_detail", kwargs={"slug": self.slug})
