"""The national dashboard and the organisation profile, assembled from the providers and cached
per filter combination (see cache.py)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from spira.observatory import geo
from spira.observatory.aggregates import read
from spira.observatory.cache import cached
from spira.observatory.charts import Chart
from spira.observatory.choices import SMALL_MUNICIPALITY_LIMIT, size_band_of
from spira.observatory.queries import similar_organisations
from spira.observatory.registry import registry
from spira.observatory.scope import Scope
from spira.organisations.choices import OrganisationKind
from spira.organisations.models import Organisation

PER_INHABITANTS = 10_000


@dataclass
class Section:
    name: str
    label: str
    charts: list[Chart]


def map_layers() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in registry.measures() if m.on_map]


def national_sections(scope: Scope) -> list[Section]:
    sections = []
    for provider in registry.all():
        charts = cached(f"charts:{provider.name}", lambda p=provider: p.charts(scope), scope.key)
        if charts:
            sections.append(Section(provider.name, str(provider.label), charts))
    return sections


def map_data(scope: Scope, layer: str) -> dict:
    def compute():
        measure = registry.measure(layer)
        counts = measure.by_municipality_code(scope) if measure else {}
        names = geo.municipality_names()
        title = _("%(measure)s per municipality") % {"measure": measure.label if measure else layer}
        rows = sorted(
            ((names.get(code, code), n) for code, n in counts.items() if code in names),
            key=lambda r: (-r[1], r[0]),
        )
        table = Chart(
            "map",
            title,
            [name for name, _n in rows],
            {str(measure.label) if measure else layer: [n for _name, n in rows]},
        )
        return {
            "svg": geo.render_map(counts, title),
            "table": table,
            "legend": geo.legend(geo.classes(list(counts.values()))),
        }

    return cached(f"map:{layer}", compute, scope.key)


def size_comparison(scope: Scope) -> Chart:
    """Every measure per 10,000 inhabitants in smaller (< 50,000) and larger municipalities."""

    def compute():
        base = Scope(county=scope.county, year_from=scope.year_from, year_to=scope.year_to)
        small = Q(population__lt=SMALL_MUNICIPALITY_LIMIT)
        populations = (
            Organisation.objects.filter(base.organisations(), kind=OrganisationKind.MUNICIPALITY)
            .order_by()
            .aggregate(
                small=Sum("population", filter=small),
                large=Sum("population", filter=~small),
                n_small=Count("pk", filter=small),
                n_large=Count("pk", filter=~small),
            )
        )
        small_label = _("Under 50,000 inhabitants (%(n)s municipalities)") % {"n": populations["n_small"]}
        large_label = _("50,000 or more (%(n)s municipalities)") % {"n": populations["n_large"]}
        measures = registry.measures()
        counts = read.municipality_counts(base, [measure.key for measure in measures])
        categories, small_values, large_values = [], [], []
        for measure in measures:
            categories.append(str(measure.label))
            small_values.append(_rate(counts[measure.key]["small"], populations["small"]))
            large_values.append(_rate(counts[measure.key]["large"], populations["large"]))
        return Chart(
            "size-comparison",
            _("Smaller and larger municipalities, per 10,000 inhabitants"),
            categories,
            {small_label: small_values, large_label: large_values},
            value_format="{:,.2f}",
        )

    return cached("sizes", compute, scope.key)


def _rate(count: int, population: int | None) -> float:
    return round(count / population * PER_INHABITANTS, 2) if population else 0.0


def find_chart(scope: Scope, chart_id: str, layer: str) -> Chart | None:
    if chart_id == "size-comparison":
        return size_comparison(scope)
    if chart_id == "map":
        return map_data(scope, layer)["table"]
    for section in national_sections(scope):
        for chart in section.charts:
            if chart.id == chart_id:
                return chart
    return None


def organisation_profile(organisation) -> dict:
    """The organisation's own numbers next to the mean of similar organisations."""

    def compute():
        similar = similar_organisations(organisation)
        n_similar = similar.count()
        measures = registry.measures()
        # The similar organisations are those of the same kind and fine size band (see
        # similar_organisations), which is how aggregates are kept: their sum less our own.
        totals = read.kind_totals(
            [measure.key for measure in measures],
            organisation.kind,
            size_band_of(organisation.population),
        )
        own, average, labels = [], [], []
        for measure in measures:
            labels.append(str(measure.label))
            count = measure.for_organisation(organisation)
            own.append(count)
            average.append(round((totals[measure.key] - count) / n_similar, 2) if n_similar else 0)
        comparison = Chart(
            "profile-comparison",
            _("Compared with similar organisations"),
            labels,
            {
                str(organisation.display_name): own,
                _("Mean of %(n)s similar organisations") % {"n": n_similar}: average,
            },
            value_format="{:,.2f}",
        )
        charts = [chart for provider in registry.all() for chart in provider.profile_charts(organisation)]
        return {"comparison": comparison, "charts": charts, "n_similar": n_similar}

    return cached("profile", compute, organisation.pk)
