"""Cells: the county, kind and size band of a counted row's organisation and the year of its date.

Every dashboard filter (county, kind, size band, period) is a condition on these four values, so
a filtered count is a sum over the cells it selects. A row without an organisation has kind ""
(and county 0, band ""), a row without a date year 0; filters never select those, as before.

Besides each cell, roll-ups are kept: the same sums with the county, the kind, the size band or
any combination of them replaced by ALL (every value). A filter that leaves a dimension open
reads its roll-up instead of all its values, so any filter reads a few rows per category: at
most the bands of a size class times the years of the period.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear

from spira.observatory.choices import SIZE_BAND_RANGES, SizeBand, size_band_of

Cell = tuple[int, str, str, int]  # county id, kind, size band, year
ALL_COUNTIES, ALL_KINDS, ALL_BANDS = -1, "*", "*"
# Which of county, kind and band each roll-up replaces by ALL (the cells themselves are not here).
ROLL_UPS = [(c, k, b) for c in (False, True) for k in (False, True) for b in (False, True)][1:]
FINE_BANDS = (SizeBand.UNDER_10K, SizeBand.FROM_10K_TO_50K, SizeBand.FROM_50K_TO_200K, SizeBand.OVER_200K)
YEAR = "obs_year"


def bands_within(size: str) -> list[str]:
    """The fine bands (what cells hold) that make up the size band `size` of a filter."""
    low, high = SIZE_BAND_RANGES[size]
    result = []
    for band in FINE_BANDS:
        band_low, band_high = SIZE_BAND_RANGES[band]
        if band_low >= low and (high is None or (band_high is not None and band_high <= high)):
            result.append(str(band))
    return result


def organisation_names(measure) -> tuple[str, str, str, str]:
    org = measure.organisation
    return f"{org}__county", f"{org}__kind", f"{org}__population", f"{org}__municipality_code"


def with_year(measure, queryset: QuerySet) -> QuerySet:
    """The year is computed by the database, exactly as the filters of `source_q` see it."""
    return queryset.annotate(**{YEAR: ExtractYear(measure.date)}) if measure.date else queryset


def cell_of(measure, row: dict) -> Cell:
    county, kind, population = (row[name] for name in organisation_names(measure)[:3])
    if not kind:
        return (0, "", "", row.get(YEAR) or 0)
    return (county or 0, kind, size_band_of(population), row.get(YEAR) or 0)


def roll_up(cell: Cell, mask: tuple[bool, bool, bool]) -> Cell:
    county, kind, band, year = cell
    return (
        ALL_COUNTIES if mask[0] else county,
        ALL_KINDS if mask[1] else kind,
        ALL_BANDS if mask[2] else band,
        year,
    )


def _groups(cells: Iterable[Cell]) -> dict[tuple[int, str, str], set[int]]:
    groups: dict[tuple[int, str, str], set[int]] = defaultdict(set)
    for county, kind, band, year in cells:
        groups[(county, kind, band)].add(year)
    return groups


def aggregate_q(cells: Iterable[Cell]) -> Q:
    """The Aggregate rows of `cells`."""
    condition = Q(pk__in=[])
    for (county, kind, band), years in _groups(cells).items():
        condition |= Q(county=county, kind=kind, band=band, year__in=sorted(years))
    return condition
