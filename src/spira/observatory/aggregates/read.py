"""Reading aggregates for a dashboard scope: each is one grouped SUM over the few Aggregate rows
the filters select (cells or their roll-ups, by index), never a scan of the source rows."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum

from spira.observatory.aggregates.cells import (
    ALL_BANDS,
    ALL_COUNTIES,
    ALL_KINDS,
    FINE_BANDS,
    bands_within,
)
from spira.observatory.choices import SIZE_BAND_RANGES, SMALL_MUNICIPALITY_LIMIT
from spira.observatory.models import Aggregate
from spira.observatory.scope import Scope
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import County


def _county_q(scope: Scope, rolled: bool) -> Q:
    if scope.county:
        # The id itself (not a subquery), so that the index finds the rows.
        county = County.objects.filter(code=scope.county).values_list("pk", flat=True).first()
        return Q(county=county if county is not None else 0)
    return Q(county=ALL_COUNTIES) if rolled else Q()


def _period_q(scope: Scope) -> Q:
    condition = Q()
    if scope.year_from or scope.year_to:
        # Year 0 holds rows without a date: no period includes them.
        condition &= Q(year__gte=max(scope.year_from or 1, 1))
    if scope.year_to:
        condition &= Q(year__lte=scope.year_to)
    return condition


def scope_q(scope: Scope, rolled: bool = True) -> Q:
    """The Aggregate rows that add up to `scope`: a filter's own value, or else the roll-up of
    that dimension (`rolled`; the map has no roll-ups, so there an open filter is no condition)."""
    condition = _county_q(scope, rolled) & _period_q(scope)
    if scope.kind:
        condition &= Q(kind=scope.kind)
    elif rolled:
        condition &= Q(kind=ALL_KINDS)
    if scope.size:
        condition &= Q(band__in=bands_within(scope.size))
    elif rolled:
        condition &= Q(band=ALL_BANDS)
    return condition


@dataclass
class Sums:
    """{chart: {(category, second category): (count, amount)}} of one measure in one scope."""

    charts: dict[str, dict[tuple[str, str], tuple[int, int]]]

    @property
    def total(self) -> int:
        return self.charts.get("n", {}).get(("", ""), (0, 0))[0]

    def counts(self, chart: str) -> dict[str, int]:
        result: dict[str, int] = defaultdict(int)
        for (a, _b), (n, _amount) in self.charts.get(chart, {}).items():
            result[a] += n
        return dict(result)

    def amounts(self, chart: str) -> dict[str, int]:
        result: dict[str, int] = defaultdict(int)
        for (a, _b), (_n, amount) in self.charts.get(chart, {}).items():
            result[a] += amount
        return dict(result)

    def pairs(self, chart: str) -> list[tuple[str, str, int]]:
        return [(a, b, n) for (a, b), (n, _amount) in self.charts.get(chart, {}).items()]


# Charts with too many categories to read whole (one per solution): see `largest`.
READ_SEPARATELY = ("map", "top")


def all_sums(scope: Scope) -> dict[str, Sums]:
    """Every measure's charts in `scope` (but READ_SEPARATELY), in one query; kept per scope in
    the observatory's cache, so that the providers and the API share it."""
    from spira.observatory.cache import cached
    from spira.observatory.registry import registry

    def compute() -> dict[str, Sums]:
        keys = [measure.key for measure in registry.measures()]
        rows = (
            Aggregate.objects.filter(scope_q(scope), measure__in=keys)
            .exclude(chart__in=READ_SEPARATELY)
            .values_list("measure", "chart", "a", "b")
            .annotate(count=Sum("n"), total=Sum("amount"))
            .filter(count__gt=0)
            .order_by()
        )
        measures: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
        for measure, chart, a, b, n, amount in rows:
            measures[measure][chart][(a, b)] = (n, amount)
        return {key: Sums(dict(charts)) for key, charts in measures.items()}

    return cached("sums", compute, scope.key)


def sums(measure_key: str, scope: Scope) -> Sums:
    return all_sums(scope).get(measure_key) or Sums({})


def largest(measure_key: str, scope: Scope, chart: str, queryset, name: str, limit: int):
    """The `limit` largest categories of `chart` (ids of `queryset`'s model) as (name, count),
    ties ordered by name: the database sums, and only the rows that can be among them are read."""
    rows = (
        Aggregate.objects.filter(scope_q(scope), measure=measure_key, chart=chart)
        .values_list("a")
        .annotate(count=Sum("n"))
        .filter(count__gt=0)
    )
    # Usually the first rows hold every tie of the last place; if not, read all of them.
    first = list(rows.order_by("-count")[: limit * 4])
    if not first:
        return []
    floor = first[min(limit, len(first)) - 1][1]
    if len(first) == limit * 4 and first[-1][1] == floor:
        first = list(rows.filter(count__gte=floor).order_by())
    counts = {pk: n for pk, n in first if n >= floor}
    names = dict(queryset.filter(pk__in=[int(pk) for pk in counts]).values_list("pk", name))
    named = [(names.get(int(pk), ""), n) for pk, n in counts.items()]
    return sorted(named, key=lambda row: (-row[1], row[0]))[:limit]


def map_counts(measure_key: str, scope: Scope) -> dict[str, int]:
    """{kommunkod: count} of the measure in `scope`."""
    rows = (
        Aggregate.objects.filter(scope_q(scope, rolled=False), measure=measure_key, chart="map")
        .values_list("a")
        .annotate(count=Sum("n"))
        .filter(count__gt=0)
        .order_by()
    )
    return dict(rows)


def municipality_counts(scope: Scope, measure_keys: list[str]) -> dict[str, dict[str, int]]:
    """{measure: {"small": n, "large": n}}: counts of municipalities' rows under and over
    SMALL_MUNICIPALITY_LIMIT inhabitants (those with no known population in neither)."""
    rows = (
        Aggregate.objects.filter(
            _county_q(scope, rolled=True),
            _period_q(scope),
            measure__in=measure_keys,
            chart="n",
            kind=OrganisationKind.MUNICIPALITY,
            band__in=FINE_BANDS,
        )
        .values_list("measure", "band")
        .annotate(count=Sum("n"))
        .order_by()
    )
    result = {key: {"small": 0, "large": 0} for key in measure_keys}
    for key, band, n in rows:
        small = SIZE_BAND_RANGES[band][0] < SMALL_MUNICIPALITY_LIMIT
        result[key]["small" if small else "large"] += n
    return result


def kind_totals(measure_keys: list[str], kind: str, band: str) -> dict[str, int]:
    """{measure: count} over every organisation of `kind` (and of the fine `band`, if any)."""
    rows = (
        Aggregate.objects.filter(
            measure__in=measure_keys, chart="n", county=ALL_COUNTIES, kind=kind, band=band or ALL_BANDS
        )
        .values_list("measure")
        .annotate(count=Sum("n"))
        .order_by()
    )
    return dict.fromkeys(measure_keys, 0) | dict(rows)


def largest_named(counts: dict[str, int], queryset, name: str, limit: int) -> list[tuple[str, int]]:
    """The `limit` largest of `counts` (keyed by str(id) of `queryset`'s model) as (name, count),
    ties ordered by name; only the names that can be among them are read."""
    values = sorted((n for n in counts.values() if n), reverse=True)
    if not values:
        return []
    floor = values[min(limit, len(values)) - 1]
    ids = [int(pk) for pk, n in counts.items() if n >= floor]
    names = dict(queryset.filter(pk__in=ids).values_list("pk", name))
    named = [(names.get(int(pk), ""), n) for pk, n in counts.items() if n >= floor]
    return sorted(named, key=lambda row: (-row[1], row[0]))[:limit]
