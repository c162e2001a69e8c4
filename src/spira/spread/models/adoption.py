from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import PublicQuerySet
from spira.spread.choices import ACTIVE_STATUSES, REASON_MAX_LENGTH, TEXT_MAX_LENGTH, AdoptionStatus


class AdoptionQuerySet(PublicQuerySet):
    """Adoptions are public records, verified or not (the page says which)."""

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def verified(self):
        return self.filter(adopter_confirmed_at__isnull=False, source_confirmed_at__isnull=False)


class Adoption(TimeStampedModel):
    """An organisation takes up a solution, learning it from another (the owner or an adopter).

    Verified when both the adopter and the source organisation have confirmed it. Every change goes
    through `spira.spread.services`.
    """

    solution = models.ForeignKey(
        "spread.Solution", verbose_name=_("solution"), on_delete=models.CASCADE, related_name="adoptions"
    )
    adopter = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("adopting organisation"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    source = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("learned from"),
        on_delete=models.PROTECT,
        related_name="adoptions_as_source",
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=AdoptionStatus.choices,
        default=AdoptionStatus.INTERESTED,
        db_index=True,
    )
    interested_on = models.DateField(_("interested since"), null=True, blank=True)
    pilot_started_on = models.DateField(_("pilot started"), null=True, blank=True)
    in_use_since = models.DateField(_("in use since"), null=True, blank=True)
    discontinued_on = models.DateField(_("discontinued on"), null=True, blank=True)
    discontinued_reason = models.TextField(
        _("reason for discontinuing"), max_length=REASON_MAX_LENGTH, blank=True
    )
    adaptations = models.TextField(_("what was adapted"), max_length=TEXT_MAX_LENGTH, blank=True)
    effect = models.TextField(_("effect seen"), max_length=TEXT_MAX_LENGTH, blank=True)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    indicator_unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    result = models.DecimalField(_("result"), max_digits=14, decimal_places=2, null=True, blank=True)
    adopter_confirmed_at = models.DateTimeField(_("confirmed by the adopter"), null=True, blank=True)
    source_confirmed_at = models.DateTimeField(_("confirmed by the source"), null=True, blank=True)
    # The first date of the adoption (interest, pilot or use), kept by services for timelines.
    started_on = models.DateField(_("started"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions_registered",
    )

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [models.UniqueConstraint(fields=["solution", "adopter"], name="unique_adoption")]
        indexes = [
            models.Index(fields=["solution", "status"], name="spread_adoption_sol_status"),
            # Covers "organisations like yours" (peers' active adoptions counted per solution) with
            # an index-only scan.
            models.Index(fields=["adopter", "status", "solution"], name="spread_adoption_org_st_sol"),
            models.Index(fields=["source", "status"], name="spread_adoption_src_status"),
        ]

    def __str__(self) -> str:
        return f"{self.adopter} – {self.solution}"

    def get_absolute_url(self) -> str:
        return self.solution.get_absolute_url() + f"#adoption-{self.pk}"

    @property
    def is_verified(self) -> bool:
        return self.adopter_confirmed_at is not None and self.source_confirmed_at is not None

    @property
    def effect_change(self):
        if self.baseline is None or self.result is None:
            return None
        return self.result - self.baseline
