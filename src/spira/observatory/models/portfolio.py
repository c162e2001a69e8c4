from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel


class PortfolioAssessment(TimeStampedModel):
    """An organisation's self-assessment of its innovation portfolio on OPSI's four facets.

    `answers` holds the 1–5 answer to each statement (PORTFOLIO_QUESTIONS); the four scores are
    the mean per facet on a 0–100 scale, stored so that averages over similar organisations are
    one aggregate query. The latest assessment of an organisation is its current one."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="portfolio_assessments",
    )
    answers = models.JSONField(_("answers"))
    mission_oriented = models.PositiveSmallIntegerField(_("mission-oriented"))
    enhancement_oriented = models.PositiveSmallIntegerField(_("enhancement-oriented"))
    adaptive = models.PositiveSmallIntegerField(_("adaptive"))
    anticipatory = models.PositiveSmallIntegerField(_("anticipatory"))
    is_current = models.BooleanField(_("current"), default=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("portfolio self-assessment")
        verbose_name_plural = _("portfolio self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_current=True),
                name="one_current_portfolio_assessment",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.organisation} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.organisation)
        )

    def scores(self) -> dict[str, int]:
        return {
            "mission_oriented": self.mission_oriented,
            "enhancement_oriented": self.enhancement_oriented,
            "adaptive": self.adaptive,
            "anticipatory": self.anticipatory,
        }
