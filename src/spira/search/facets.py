"""Facets of the typed search page: filters from checkboxes, with counts of the hits.

Within one facet the checked values are alternatives (OR); different facets narrow each other
(AND). A facet's counts are taken with the other facets' filters but not its own, so that
checking one value leaves its neighbours' counts visible and useful.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.db import models
from django.db.models import Count, F
from django.utils.functional import Promise
from django.utils.translation import get_language

MAX_VALUE_LENGTH = 300
MAX_VALUES = 50


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    facet: str = ""

    @property
    def dom_id(self) -> str:
        """A stable, unique id for the checkbox, so that focus survives an HTMX update."""
        digest = hashlib.blake2s(self.value.encode(), digest_size=5).hexdigest()
        return f"facet-{self.facet}-{digest}"


@dataclass(frozen=True)
class FacetResult:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def has_options(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class Facet:
    """A facet over `value_path` (a field, possibly across relations, like `coordinator__kind`).

    Labels come from `choices`, or from `label_path` (a path, or a dict of them by language).
    `many` says the path crosses a many-to-many relation, so a record may count under several
    values. Options are listed in the order of `choices`, else by count, at most `limit`.
    """

    name: str
    label: Promise | str
    value_path: str
    choices: Sequence[tuple[str, str]] | None = None
    label_path: str | dict[str, str] | None = None
    many: bool = False
    limit: int = 20

    # Reading the request ---------------------------------------------------------------------
    def clean(self, values: Sequence[str]) -> list[str]:
        """The usable values among those in the request, without duplicates; others are ignored."""
        cleaned = [
            v.strip() for v in values if v and v.strip() and len(v) <= MAX_VALUE_LENGTH and "\x00" not in v
        ]
        if self.choices is not None:
            known = {str(value) for value, _label in self.choices}
            cleaned = [v for v in cleaned if v in known]
        return list(dict.fromkeys(cleaned))[:MAX_VALUES]

    def filter(self, queryset: models.QuerySet, values: Sequence[str]) -> models.QuerySet:
        if not values:
            return queryset
        if self.many:
            # A subquery keeps one row per record however many values it has.
            matching = queryset.model._default_manager.filter(**{f"{self.value_path}__in": values})
            return queryset.filter(pk__in=matching.values("pk"))
        return queryset.filter(**{f"{self.value_path}__in": values})

    # Counting ----------------------------------------------------------------------------------
    def _label_field(self) -> str | None:
        if isinstance(self.label_path, dict):
            language = "en" if (get_language() or "sv").startswith("en") else "sv"
            return self.label_path.get(language) or next(iter(self.label_path.values()))
        return self.label_path

    def count_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        fields = {"facet_value": F(self.value_path)}
        label_field = self._label_field()
        if label_field:
            fields["facet_label"] = F(label_field)
        rows = (
            queryset.order_by()
            .values(**fields)
            .annotate(facet_count=Count("pk", distinct=self.many))
            .filter(facet_value__isnull=False)
        )
        if self.choices is None:
            rows = rows.order_by("-facet_count", "facet_value")[: self.limit]
        return rows

    def options(self, rows: Sequence[dict], selected: Sequence[str]) -> list[FacetOption]:
        counts = {str(row["facet_value"]): row for row in rows if row["facet_value"] not in (None, "")}
        if self.choices is not None:
            options = [
                FacetOption(
                    str(value),
                    str(label),
                    counts[str(value)]["facet_count"] if str(value) in counts else 0,
                    str(value) in selected,
                )
                for value, label in self.choices
            ]
            return [o for o in options if o.count or o.selected]
        options = [
            FacetOption(
                value, str(row.get("facet_label", value) or value), row["facet_count"], value in selected
            )
            for value, row in counts.items()
        ]
        # A checked value stays visible even with no hits left, so that it can be unchecked.
        shown = {o.value for o in options}
        options += [FacetOption(value, value, 0, True) for value in selected if value not in shown]
        return options

    def result(self, queryset: models.QuerySet, selected: Sequence[str]) -> FacetResult:
        options = self.options(list(self.count_queryset(queryset)), selected)
        options = [replace(option, facet=self.name) for option in options]
        return FacetResult(self.name, str(self.label), options)


@dataclass(frozen=True)
class YearFacet(Facet):
    """A facet over the year of a date field; `value_path` names the date field."""

    def clean(self, values: Sequence[str]) -> list[str]:
        return list(
            dict.fromkeys(
                v.strip()
                for v in values
                if v and v.strip().isascii() and v.strip().isdigit() and len(v.strip()) == 4
            )
        )

    def filter(self, queryset, values):
        if not values:
            return queryset
        return queryset.filter(**{f"{self.value_path}__year__in": [int(v) for v in values]})

    def count_queryset(self, queryset):
        return (
            queryset.order_by()
            .values(facet_value=F(f"{self.value_path}__year"))
            .annotate(facet_count=Count("pk"))
            .filter(facet_value__isnull=False)
            .order_by("-facet_value")[: self.limit]
        )

    def options(self, rows, selected):
        options = [
            FacetOption(
                str(row["facet_value"]),
                str(row["facet_value"]),
                row["facet_count"],
                str(row["facet_value"]) in selected,
            )
            for row in rows
        ]
        shown = {o.value for o in options}
        return options + [FacetOption(v, v, 0, True) for v in selected if v not in shown]
