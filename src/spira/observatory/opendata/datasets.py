"""Open datasets: what each provider publishes, column by column.

Every column has a description (written to the README and the data dictionary). Large datasets
are read as dicts (`Dataset.queryset`), not model instances. Free text is
passed through `scrub`, which removes e-mail addresses and Swedish personal identity numbers, so
that nothing personal leaves Spira even when someone typed it into a description.
"""

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from spira.core.exports import ExportColumn

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# YYMMDD-NNNN or YYYYMMDD-NNNN with a real month and day (1-31, or 61-91 for coordination
# numbers). Organisation numbers have 20 or more in the month position, so they are kept.
PERSONAL_NUMBER = re.compile(
    r"\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+]?\d{4}\b"
)
REDACTED = "[…]"
CHUNK_SIZE = 2000


def scrub(value: Any) -> Any:
    if isinstance(value, str):
        if "@" in value:
            value = EMAIL.sub(REDACTED, value)
        return PERSONAL_NUMBER.sub(REDACTED, value)
    return value


@dataclass(frozen=True)
class Column:
    name: str
    description: object
    accessor: str | Callable[[Any], Any] | None = None
    free_text: bool = False

    @property
    def lookup(self) -> str | None:
        """The `values()` name of a column read by attribute path ("owner.slug": owner__slug)."""
        if self.accessor is None:
            return self.name
        return self.accessor.replace(".", "__") if isinstance(self.accessor, str) else None

    def export_column(self, from_values: bool = False) -> ExportColumn:
        accessor = key(self.lookup) if from_values and self.lookup else self.accessor
        base = ExportColumn(self.name, accessor)
        if not self.free_text:
            return base
        return ExportColumn(self.name, lambda obj: scrub(base.value(obj)))


@dataclass(frozen=True)
class Dataset:
    """One open dataset: a name (file name and IRI part), titles, a description, its columns
    and its rows: either `queryset`, read as dicts of the columns' attribute paths (and of
    `fields`, for columns computed by a function of the row), or `rows`, any iterable of
    objects or dicts."""

    name: str
    title: object
    description: object
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable] | None = None
    keywords: tuple[object, ...] = field(default_factory=tuple)
    theme: str = "GOVE"
    queryset: Callable[[], QuerySet] | None = None
    fields: tuple[str, ...] = ()

    def read(self) -> Iterable:
        if self.queryset is None:
            return self.rows()
        names = {column.lookup for column in self.columns if column.lookup} | set(self.fields)
        return values(self.queryset(), *sorted(names))

    def export_columns(self) -> list[ExportColumn]:
        return [column.export_column(from_values=self.queryset is not None) for column in self.columns]


def key(name: str) -> Callable[[dict], Any]:
    """An accessor for rows that are dicts (aggregates, or `values()` of a queryset)."""
    return lambda row: row.get(name)


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def values(queryset, *names: str) -> Iterator[dict]:
    """The rows of `queryset` as dicts of `names`, streamed: an export reads many rows, and
    model instances cost far more to build than the few values it writes."""
    return queryset.values(*names).iterator(chunk_size=CHUNK_SIZE)
