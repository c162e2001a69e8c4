from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.initiatives.choices import (
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TEXT_FIELDS,
    TITLE_MAX_LENGTH,
    GenderIntegration,
    GovernmentLevel,
    InitiativeStatus,
    InnovationFacet,
    Language,
    Origin,
    PublicationState,
    Sector,
)
from spira.initiatives.queries_base import InitiativeQuerySet


class Initiative(TimeStampedModel):
    """A case in the library: a project or initiative, what it did, for whom, with what result.

    Texts exist in Swedish and/or English (`<field>_sv`, `<field>_en`); `original_language` says
    which one the authors wrote and `machine_translated_<lang>` marks a machine-translated version.
    Every change goes through `spira.initiatives.services`.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    machine_translated_sv = models.BooleanField(_("Swedish text is machine-translated"), default=False)
    machine_translated_en = models.BooleanField(_("English text is machine-translated"), default=False)

    title_sv = models.CharField(_("title (in Swedish)"), max_length=TITLE_MAX_LENGTH, blank=True)
    title_en = models.CharField(_("title (in English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    summary_sv = models.TextField(_("short summary (in Swedish)"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    summary_en = models.TextField(_("short summary (in English)"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    overview_sv = models.TextField(_("overview (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True)
    overview_en = models.TextField(_("overview (in English)"), max_length=SECTION_MAX_LENGTH, blank=True)
    innovation_sv = models.TextField(
        _("what makes it innovative (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    innovation_en = models.TextField(
        _("what makes it innovative (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    purpose_sv = models.TextField(
        _("purpose and goals (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    purpose_en = models.TextField(
        _("purpose and goals (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    results_sv = models.TextField(_("results (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True)
    results_en = models.TextField(_("results (in English)"), max_length=SECTION_MAX_LENGTH, blank=True)
    long_term_effects_sv = models.TextField(
        _("long-term effects (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    long_term_effects_en = models.TextField(
        _("long-term effects (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    approach_sv = models.TextField(
        _("approach and implementation (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    approach_en = models.TextField(
        _("approach and implementation (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    challenges_sv = models.TextField(
        _("challenges and failures (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    challenges_en = models.TextField(
        _("challenges and failures (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    success_conditions_sv = models.TextField(
        _("conditions for success (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    success_conditions_en = models.TextField(
        _("conditions for success (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    replication_sv = models.TextField(
        _("replication potential (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    replication_en = models.TextField(
        _("replication potential (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    lessons_sv = models.TextField(
        _("lessons learned (in Swedish)"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    lessons_en = models.TextField(
        _("lessons learned (in English)"), max_length=SECTION_MAX_LENGTH, blank=True
    )

    # Classification
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ONGOING,
        db_index=True,
    )
    stages = models.ManyToManyField(
        "initiatives.Stage", verbose_name=_("innovation stages"), blank=True, related_name="initiatives"
    )
    facet = models.CharField(
        _("innovation facet"), max_length=30, choices=InnovationFacet.choices, blank=True
    )
    sector = models.CharField(
        _("primary sector"), max_length=40, choices=Sector.choices, blank=True, db_index=True
    )
    government_level = models.CharField(
        _("level of government"), max_length=20, choices=GovernmentLevel.choices, blank=True
    )
    sdgs = models.ManyToManyField(
        "organisations.Sdg",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="initiatives",
    )
    tags = models.ManyToManyField(
        "initiatives.Tag", verbose_name=_("tags"), blank=True, related_name="initiatives"
    )

    # Organisations: the coordinator here (one, used in facets); partners, funders and
    # beneficiaries in InitiativeOrganisation.
    coordinator = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_initiatives",
    )
    coordinator_unit = models.CharField(_("coordinating unit"), max_length=200, blank=True)

    # Funding
    funder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_initiatives",
    )
    funding_sek = models.PositiveBigIntegerField(_("funding (SEK)"), null=True, blank=True)
    call = models.CharField(
        _("call"), max_length=300, blank=True, help_text=_("Utlysning (Vinnova's 'Venture').")
    )
    application_round = models.CharField(
        _("application round"),
        max_length=300,
        blank=True,
        help_text=_("Ansökningsomgång (Vinnova's 'Call')."),
    )
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    reference_number = models.CharField(
        _("reference number"), max_length=40, null=True, blank=True, unique=True, help_text=_("Diarienummer.")
    )
    start_month = models.DateField(_("start month"), null=True, blank=True, db_index=True)
    end_month = models.DateField(_("end month"), null=True, blank=True)

    # Gender equality integration (followed by national accompanying research)
    gender_equality = models.CharField(
        _("gender equality integration"), max_length=10, choices=GenderIntegration.choices, blank=True
    )
    gender_equality_text = models.TextField(
        _("how gender equality is integrated"), max_length=SECTION_MAX_LENGTH, blank=True
    )

    # Provenance
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.MANUAL)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_updated = models.DateField(_("source last updated"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    # Publication workflow
    state = models.CharField(
        _("publication state"),
        max_length=20,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_initiatives",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-authors"),
        blank=True,
        related_name="co_authored_initiatives",
    )
    review_comment = models.TextField(_("comment from the moderators"), blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            models.Index(fields=["coordinator", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True)
                | models.Q(start_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="initiative_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def text(self, name: str, language: str | None = None) -> str:
        """A text in the reader's language, falling back to the other language."""
        language = language or get_language() or "sv"
        other = "en" if language.startswith("sv") else "sv"
        preferred = "en" if language.startswith("en") else "sv"
        return getattr(self, f"{name}_{preferred}") or getattr(self, f"{name}_{other}")

    def text_language(self, name: str, language: str | None = None) -> str:
        """The language of the text `text(name)` returns (for the lang attribute)."""
        language = language or get_language() or "sv"
        preferred = "en" if language.startswith("en") else "sv"
        return preferred if getattr(self, f"{name}_{preferred}") else ("sv" if preferred == "en" else "en")

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def summary(self) -> str:
        return self.text("summary")

    @property
    def is_published(self) -> bool:
        return self.state == PublicationState.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("initiatives:initiative_detail", kwargs={"slug": self.slug})

    @classmethod
    def text_field_names(cls) -> list[str]:
        return [f"{name}_{lang}" for name in TEXT_FIELDS for lang in ("sv", "en")]
