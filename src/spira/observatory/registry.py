"""The registry of indicator providers: each domain app contributes its measures through one
module in `spira/observatory/providers/`, loaded only when that app is installed.

A provider names the models whose changes make cached numbers stale, its `measures` (counts per
organisation, kept as aggregates: see spira.observatory.aggregates), its `charts(scope)` for the
national dashboard (read from those aggregates), `profile_charts(organisation)` and its open-data
`datasets()`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from spira.observatory.charts import Chart
from spira.observatory.scope import Scope

Row = dict[str, Any]
# (chart, category, second category, amount): one contribution of a counted row to a chart.
Emitted = tuple[str, str, str, int]


@dataclass(frozen=True)
class Child:
    """Values related to each counted row (an initiative's stages, an idea's funnel steps):
    `rows(queryset)` yields (counted row's pk, value) for the rows of `queryset`. `watch` names
    the models whose changes alter those values, each with the lookup from that model to the
    counted row ("goal__initiative"); `m2m` a many-to-many field of the counted model."""

    name: str
    rows: Callable[[QuerySet], Iterable[tuple[int, Any]]]
    watch: tuple[tuple[str, str], ...] = ()
    m2m: str = ""


@dataclass(frozen=True)
class Measure:
    """A count of public rows per organisation (e.g. published initiatives per coordinator).

    The dashboard never counts the rows themselves: `spira.observatory.aggregates` keeps, per
    cell (county, kind and size band of the organisation, year of `date`), the count and the
    sum of `amount`, plus whatever `emit(row)` contributes to the charts, where `row` holds
    `fields` and each child's values as a list."""

    key: str
    label: object
    queryset: Callable[[], QuerySet]
    organisation: str
    date: str | None = None
    on_map: bool = True
    fields: tuple[str, ...] = ()
    amount: str | None = None
    emit: Callable[[Row], Iterable[Emitted]] | None = None
    children: tuple[Child, ...] = ()
    # Models between the counted model and its organisation: (label, path from the counted model,
    # the fields that matter), e.g. ("ideas.Sluice", "sluice", ("organisation_id",)).
    watch: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def filtered(self, scope: Scope) -> QuerySet:
        """The counted rows in `scope`, read directly (for checks; the dashboard reads aggregates)."""
        return self.queryset().filter(scope.q(self.organisation, self.date))

    def total(self, scope: Scope) -> int:
        from spira.observatory.aggregates.read import sums

        return sums(self.key, scope).total

    def by_municipality_code(self, scope: Scope) -> dict[str, int]:
        from spira.observatory.aggregates.read import map_counts

        return map_counts(self.key, scope)

    def for_organisation(self, organisation) -> int:
        return self.queryset().filter(**{self.organisation: organisation.pk}).count()


class Provider:
    """Base class: override what the domain has."""

    name: str = ""
    label: object = ""
    order: int = 100
    app: str = ""
    counted_models: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()

    def charts(self, scope: Scope) -> list[Chart]:
        return []

    def profile_charts(self, organisation) -> list[Chart]:
        return []

    def datasets(self) -> list:
        return []

    def research_datasets(self) -> list:
        return self.datasets()


@dataclass
class Registry:
    providers: dict[str, Provider] = field(default_factory=dict)

    def register(self, provider: Provider) -> Provider:
        self.providers[provider.name] = provider
        return provider

    def all(self) -> list[Provider]:
        return sorted(self.providers.values(), key=lambda p: p.order)

    def measures(self) -> list[Measure]:
        return [measure for provider in self.all() for measure in provider.measures]

    def measure(self, key: str) -> Measure | None:
        return next((m for m in self.measures() if m.key == key), None)


registry = Registry()

# Module per domain app, in the observatory; each is imported only if its app is installed.
PROVIDER_MODULES = {
    "spira.initiatives": "spira.observatory.providers.initiatives",
    "spira.ideas": "spira.observatory.providers.ideas",
    "spira.spread": "spira.observatory.providers.spread",
    "spira.barriers": "spira.observatory.providers.barriers",
    "spira.events": "spira.observatory.providers.events",
    "spira.organisations": "spira.observatory.providers.organisations",
}


def load_providers() -> None:
    for app_name, module in PROVIDER_MODULES.items():
        # A provider is written against the app's committed models; until it exists, the app
        # simply contributes nothing.
        if apps.is_installed(app_name) and find_spec(module) is not None:
            provider = import_module(module).provider
            registry.register(provider)
