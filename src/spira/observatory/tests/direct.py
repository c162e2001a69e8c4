"""Direct counts on the source tables, written independently of the aggregates, and the check
that the aggregates the dashboard reads agree with them for a set of filter combinations."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from spira.ideas.choices import FUNNEL_TYPES
from spira.ideas.models import StageLog
from spira.observatory.aggregates import read
from spira.observatory.aggregates.store import differences
from spira.observatory.choices import SMALL_MUNICIPALITY_LIMIT
from spira.observatory.models import Aggregate, EffectGoal
from spira.observatory.queries import goal_state, goals_with_latest
from spira.observatory.registry import registry
from spira.observatory.scope import Scope
from spira.organisations.choices import OrganisationKind
from spira.spread.choices import AdoptionStatus

SCOPES = [
    Scope(),
    Scope(county="25"),
    Scope(county="01", year_from=2020),
    Scope(size="small"),
    Scope(size="under_10k"),
    Scope(kind="municipality", size="large"),
    Scope(kind="agency"),
    Scope(year_from=2019, year_to=2021),
    Scope(year_to=2020),
]


def grouped(queryset, name: str, count: str = "pk", distinct: bool = False) -> dict[str, int]:
    rows = queryset.order_by().values_list(name).annotate(n=Count(count, distinct=distinct))
    return {str(key): n for key, n in rows if key is not None}


def pairs(queryset, first: str, second: str) -> set[tuple[str, str, int]]:
    rows = queryset.order_by().values_list(first, second).annotate(n=Count("pk"))
    return {(str(a), str(b), n) for a, b, n in rows}


def by_year(measure, queryset) -> dict[str, int]:
    rows = queryset.filter(**{f"{measure.date}__isnull": False}).annotate(y=ExtractYear(measure.date))
    return grouped(rows, "y")


def goal_states(initiatives) -> dict[str, int]:
    counts: dict[str, int] = {}
    for goal in goals_with_latest(EffectGoal.objects.filter(initiative__in=initiatives.values("pk"))):
        state = goal_state(goal)
        counts[state] = counts.get(state, 0) + 1
    return counts


CHARTS = {
    "initiatives": {
        "status": lambda qs: grouped(qs, "status"),
        "sector": lambda qs: grouped(qs, "sector"),
        "facet": lambda qs: grouped(qs, "facet"),
        "stage": lambda qs: grouped(qs.filter(stages__isnull=False), "stages__code"),
        "sdg": lambda qs: grouped(qs.filter(sdgs__isnull=False), "sdgs__number"),
        "call": lambda qs: grouped(qs.exclude(call=""), "call"),
        "goal": goal_states,
    },
    "ideas": {
        "theme": lambda qs: grouped(qs, "theme"),
        "origin": lambda qs: grouped(qs, "origin"),
        "reached": lambda qs: grouped(
            StageLog.objects.filter(idea__in=qs.values("pk"), stage_type__in=FUNNEL_TYPES),
            "stage_type",
            "idea",
            distinct=True,
        ),
    },
    "adoptions": {
        "status": lambda qs: grouped(qs, "status"),
        "top": lambda qs: grouped(
            qs.filter(status__in=[AdoptionStatus.PILOTING, AdoptionStatus.IN_USE]),
            "solution",
            "adopter",
            distinct=True,
        ),
    },
    "adoptions_given": {},
    "barriers": {
        "status": lambda qs: grouped(qs, "status"),
        "unanswered": lambda qs: grouped(qs.filter(escalations__state="open"), "escalations__addressed_to"),
    },
    "events": {
        "format": lambda qs: grouped(qs, "format"),
        "county": lambda qs: grouped(qs, "municipality__county"),
    },
}
PAIRS = {
    "initiatives": {"gender-sector": ("sector", "gender_equality")},
    "barriers": {"kind-level": ("kind", "mandate_level")},
}


def stored_counts(measure_key: str, scope: Scope, chart: str) -> dict[str, int]:
    rows = (
        Aggregate.objects.filter(read.scope_q(scope), measure=measure_key, chart=chart)
        .values_list("a")
        .annotate(count=Sum("n"))
        .order_by()
    )
    return {a: n for a, n in rows if n}


def assert_aggregates_agree(measure_key: str, scopes=SCOPES) -> None:
    """What the dashboard reads equals a direct count, for every scope; and the stored
    aggregates equal a full recount."""
    measure = next(m for m in registry.measures() if m.key == measure_key)
    org = measure.organisation
    for scope in scopes:
        queryset = measure.filtered(scope).order_by()
        sums = read.sums(measure_key, scope)
        assert sums.total == queryset.count(), scope
        if measure.date:
            assert sums.counts("year") == by_year(measure, queryset), scope
        for chart, count in CHARTS[measure_key].items():
            assert stored_counts(measure_key, scope, chart) == count(queryset), (scope, chart)
            if chart not in read.READ_SEPARATELY:
                assert sums.counts(chart) == count(queryset), (scope, chart)
        for chart, (first, second) in PAIRS.get(measure_key, {}).items():
            assert set(sums.pairs(chart)) == pairs(queryset, first, second), (scope, chart)
        if measure.on_map:
            assert read.map_counts(measure_key, scope) == grouped(
                queryset.exclude(**{f"{org}__municipality_code": ""}), f"{org}__municipality_code"
            ), scope
        base = Scope(county=scope.county, year_from=scope.year_from, year_to=scope.year_to)
        municipal = measure.filtered(base).filter(**{f"{org}__kind": OrganisationKind.MUNICIPALITY})
        assert read.municipality_counts(base, [measure_key])[measure_key] == {
            "small": municipal.filter(**{f"{org}__population__lt": SMALL_MUNICIPALITY_LIMIT}).count(),
            "large": municipal.filter(**{f"{org}__population__gte": SMALL_MUNICIPALITY_LIMIT}).count(),
        }, scope
    assert differences(measure) == []
