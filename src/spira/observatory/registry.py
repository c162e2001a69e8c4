"""The registry of indicator providers: each domain app contributes its measures through one
module in `spira/observatory/providers/`, loaded only when that app is installed.

A provider names the models whose changes make cached numbers stale, its `measures` (counts per
organisation, used by the map, the size comparison and the organisation profile), its
`charts(scope)` for the national dashboard, `profile_charts(organisation)` and its open-data
`datasets()`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db.models import Count, QuerySet

from spira.observatory.charts import Chart
from spira.observatory.scope import Scope


@dataclass(frozen=True)
class Measure:
    """A count of public rows per organisation (e.g. published initiatives per coordinator)."""

    key: str
    label: object
    queryset: Callable[[], QuerySet]
    organisation: str
    date: str | None = None
    on_map: bool = True

    def filtered(self, scope: Scope) -> QuerySet:
        return self.queryset().filter(scope.q(self.organisation, self.date))

    def total(self, scope: Scope) -> int:
        return self.filtered(scope).count()

    def by_organisation(self, scope: Scope) -> dict[int, int]:
        rows = self.filtered(scope).order_by().values_list(self.organisation).annotate(n=Count("pk"))
        return {org_id: n for org_id, n in rows if org_id is not None}

    def by_municipality_code(self, scope: Scope) -> dict[str, int]:
        field_name = f"{self.organisation}__municipality_code"
        rows = (
            self.filtered(scope)
            .filter(**{f"{field_name}__isnull": False})
            .order_by()
            .values_list(field_name)
            .annotate(n=Count("pk"))
        )
        return dict(rows)

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
