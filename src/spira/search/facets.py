"""Facets of the typed search page: filters from checkboxes, with counts of the hits.

Within one facet the checked values are alternatives (OR); different facets narrow each other
(AND). A facet's counts are taken with the other facets' filters but not its own, so that
checking one value leaves its neighbours' counts visible and useful.

Facet values are read from the record when it is indexed and kept with its search document
(`SearchDocument.facets`), so counting never touches the records' own tables.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise

MAX_VALUE_LENGTH = 300
MAX_VALUES = 50


def encode(name: str, value) -> str:
    """The line of one facet value in `SearchDocument.facets`."""
    text = " ".join(str(value).split())[:MAX_VALUE_LENGTH]
    return f"{name}={text}"


def needle(name: str, value: str) -> str:
    """The exact substring that finds `name=value` in `SearchDocument.facets`."""
    return f"\n{encode(name, value)}\n"


def _follow(obj, path: str) -> list:
    """The values at `path` (Django `__` notation) from `obj`, across to-many relations too."""
    current = [obj]
    for part in path.split("__"):
        following = []
        for item in current:
            # Prefetched relations are read from the cache without building a manager (indexing
            # reads them for every record of a batch).
            prefetched = getattr(item, "_prefetched_objects_cache", None)
            if prefetched and part in prefetched:
                following.extend(prefetched[part])
                continue
            value = getattr(item, part, None)
            if isinstance(value, models.Manager):
                following.extend(value.all())
            elif value is not None:
                following.append(value)
        current = following
    return current


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

    Labels come from `choices`, or from `labels` (a callable taking the values shown and returning
    {value: label}), or are the values themselves. Options are listed in the order of `choices`,
    else by count, at most `limit`.
    """

    name: str
    label: Promise | str
    value_path: str
    choices: Sequence[tuple[str, str]] | None = None
    labels: Callable[[Iterable[str]], dict[str, str]] | None = field(default=None, compare=False)
    limit: int = 20

    # Indexing ----------------------------------------------------------------------------------
    def values(self, obj: models.Model) -> list[str]:
        values = [str(v) for v in _follow(obj, self.value_path) if v not in (None, "")]
        return list(dict.fromkeys(values))

    # Reading the request ---------------------------------------------------------------------
    def clean(self, values: Sequence[str]) -> list[str]:
        """The usable values among those in the request, without duplicates; others are ignored."""
        cleaned = [
            " ".join(v.split()) for v in values if v and len(v) <= MAX_VALUE_LENGTH and "\x00" not in v
        ]
        cleaned = [v for v in cleaned if v]
        if self.choices is not None:
            known = {str(value) for value, _label in self.choices}
            cleaned = [v for v in cleaned if v in known]
        return list(dict.fromkeys(cleaned))[:MAX_VALUES]

    # Showing counts --------------------------------------------------------------------------
    def options(self, counts: dict[str, int], selected: Sequence[str]) -> list[FacetOption]:
        if self.choices is not None:
            options = [
                FacetOption(
                    str(value), str(label), counts.get(str(value), 0), str(value) in selected, self.name
                )
                for value, label in self.choices
            ]
            return [o for o in options if o.count or o.selected]
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: self.limit]
        values = [value for value, _count in top]
        # A checked value stays visible even with no hits left, so that it can be unchecked.
        values += [value for value in selected if value not in counts]
        labels = self.labels(values) if (self.labels and values) else {}
        return [
            FacetOption(
                value, str(labels.get(value, value)), counts.get(value, 0), value in selected, self.name
            )
            for value in values
        ]


@dataclass(frozen=True)
class YearFacet(Facet):
    """A facet over the year of a date field; `value_path` names the date field. Newest first."""

    def values(self, obj):
        return [str(v.year) for v in _follow(obj, self.value_path) if hasattr(v, "year")]

    def clean(self, values):
        stripped = (v.strip() for v in values if v)
        return list(dict.fromkeys(v for v in stripped if len(v) == 4 and v.isascii() and v.isdigit()))

    def options(self, counts, selected):
        values = sorted(counts, reverse=True)[: self.limit]
        values += [v for v in selected if v not in counts]
        return [FacetOption(v, v, counts.get(v, 0), v in selected, self.name) for v in values]
