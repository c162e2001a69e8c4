"""Reusable reads of the observatory."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spira.observatory.choices import MIN_GROUP_SIZE, size_band_of
from spira.observatory.models import EffectGoal, Measurement, PortfolioAssessment

GOAL_STATES = {
    "reached": _("target reached"),
    "on_the_way": _("on the way"),
    "not_moving": _("no progress yet"),
    "no_value": _("no value reported yet"),
}


def goals_with_latest(queryset=None):
    """Goals annotated with their latest measured value and its date (one query)."""
    latest = Measurement.objects.filter(goal=OuterRef("pk")).order_by("-measured_on", "-pk")
    return (queryset if queryset is not None else EffectGoal.objects.all()).annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
    )


def goal_state(goal) -> str:
    progress = goal.progress(goal.latest_value)
    if progress is None:
        return "no_value"
    if progress >= 1:
        return "reached"
    return "on_the_way" if progress > 0 else "not_moving"


def goal_progress_counts(initiatives) -> dict:
    counts = dict.fromkeys(GOAL_STATES, 0)
    for goal in goals_with_latest(
        EffectGoal.objects.filter(initiative__in=initiatives.values("pk"))
    ).order_by():
        counts[goal_state(goal)] += 1
    return {GOAL_STATES[state]: n for state, n in counts.items()}


def goals_of(initiative):
    return goals_with_latest(initiative.effect_goals.all()).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "pk"))
    )


def current_assessment(organisation) -> PortfolioAssessment | None:
    return PortfolioAssessment.objects.filter(organisation=organisation, is_current=True).first()


def similar_organisations(organisation):
    """Organisations of the same kind, and for municipalities and regions the same size band."""
    from spira.observatory.choices import SIZE_BAND_RANGES
    from spira.organisations.models import Organisation

    others = Organisation.objects.filter(kind=organisation.kind).exclude(pk=organisation.pk)
    band = size_band_of(organisation.population)
    if band:
        low, high = SIZE_BAND_RANGES[band]
        others = others.filter(population__gte=low)
        if high is not None:
            others = others.filter(population__lt=high)
    return others


def similar_portfolio_average(organisation) -> tuple[dict[str, float] | None, int]:
    """The mean facet scores of similar organisations' current assessments, or None when fewer
    than MIN_GROUP_SIZE answered (so that no single organisation can be recognised)."""
    from django.db.models import Avg, Count

    rows = PortfolioAssessment.objects.filter(
        is_current=True, organisation__in=similar_organisations(organisation).values("pk")
    ).aggregate(
        n=Count("pk"),
        mission_oriented=Avg("mission_oriented"),
        enhancement_oriented=Avg("enhancement_oriented"),
        adaptive=Avg("adaptive"),
        anticipatory=Avg("anticipatory"),
    )
    n = rows.pop("n")
    if n < MIN_GROUP_SIZE:
        return None, n
    return {name: round(value, 1) for name, value in rows.items()}, n


def today():
    return timezone.localdate()
