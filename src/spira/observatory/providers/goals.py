"""Open datasets of effect goals and their measured values (the observatory's own data)."""

from django.utils.translation import gettext_lazy

from spira.observatory.models import EffectGoal, Measurement
from spira.observatory.opendata.datasets import Column, Dataset


def goal_datasets() -> list[Dataset]:
    from spira.initiatives.models import Initiative

    published = Initiative.objects.published().values("pk")
    return [
        Dataset(
            name="effect-goals",
            title=gettext_lazy("Effect goals of initiatives"),
            description=gettext_lazy(
                "Effect goals that published initiatives declared: indicator, unit, baseline and target."
            ),
            keywords=(gettext_lazy("effect goals"), gettext_lazy("follow-up")),
            rows=lambda: (
                EffectGoal.objects.filter(initiative__in=published)
                .select_related("initiative")
                .order_by("pk")
            ),
            columns=(
                Column("id", gettext_lazy("Number of the goal.")),
                Column("initiative", gettext_lazy("Identifier (slug) of the initiative."), "initiative.slug"),
                Column("indicator", gettext_lazy("What is measured."), free_text=True),
                Column("unit", gettext_lazy("Unit of all values of this goal.")),
                Column("baseline_value", gettext_lazy("Value at the baseline.")),
                Column("baseline_date", gettext_lazy("Date of the baseline (ISO 8601).")),
                Column("target_value", gettext_lazy("Target value.")),
                Column("target_date", gettext_lazy("Date the target should be reached (ISO 8601).")),
            ),
        ),
        Dataset(
            name="effect-measurements",
            title=gettext_lazy("Measured values of effect goals"),
            description=gettext_lazy("Values the initiatives reported for their effect goals over time."),
            keywords=(gettext_lazy("effect goals"), gettext_lazy("follow-up")),
            rows=lambda: Measurement.objects.filter(goal__initiative__in=published).order_by("pk"),
            columns=(
                Column("goal", gettext_lazy("Number of the goal (see effect-goals)."), "goal_id"),
                Column("measured_on", gettext_lazy("Date of the measurement (ISO 8601).")),
                Column("value", gettext_lazy("Measured value, in the goal's unit.")),
                Column("unit", gettext_lazy("Unit.")),
            ),
        ),
    ]
