from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spira.core.models import TimeStampedModel
from spira.core.permissions import VisibleQuerySet
from spira.observatory.choices import Unit

VALUE_DIGITS = 18
VALUE_PLACES = 4


class EffectGoalQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Goals of the initiatives the user may see (agrees with `observatory.view_effectgoal`)."""
        from spira.initiatives.models import Initiative

        return self.filter(initiative__in=Initiative.objects.visible_to(user).values("pk"))


class EffectGoal(TimeStampedModel):
    """What an initiative wants to change, measured by an indicator: from a baseline (value and
    date) to a target (value and date). Measured values are reported over time, also after the
    initiative is completed."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="effect_goals",
    )
    indicator = models.CharField(
        _("indicator"), max_length=200, help_text=_("What is measured, e.g. waiting time for a decision.")
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES
    )
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(
        _("target value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES
    )
    target_date = models.DateField(_("target date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EffectGoalQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "target_date", "pk"]
        verbose_name = _("effect goal")
        verbose_name_plural = _("effect goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="effect_goal_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=~models.Q(target_value=models.F("baseline_value")),
                name="effect_goal_target_differs",
            ),
        ]

    def __str__(self) -> str:
        return self.indicator

    def progress(self, value: Decimal | None) -> float | None:
        """The share of the way from baseline to target that `value` has come (1.0 = reached)."""
        if value is None:
            return None
        span = self.target_value - self.baseline_value
        return float((value - self.baseline_value) / span)


class Measurement(models.Model):
    """One measured value of an effect goal's indicator, in the goal's unit, at a date."""

    goal = models.ForeignKey(
        EffectGoal, verbose_name=_("effect goal"), on_delete=models.CASCADE, related_name="measurements"
    )
    value = models.DecimalField(_("value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    measured_on = models.DateField(_("measured on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["goal", "measured_on", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["goal", "-measured_on"], name="measurement_latest_idx")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} ({self.measured_on})"
