"""Open datasets: what each provider publishes, column by column.

Every column has a description (written to the README and the data dictionary). Free text is
passed through `scrub`, which removes e-mail addresses and Swedish personal identity numbers, so
that nothing personal leaves Spira even when someone typed it into a description.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spira.core.exports import ExportColumn

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# YYMMDD-NNNN or YYYYMMDD-NNNN with a real month and day (1-31, or 61-91 for coordination
# numbers). Organisation numbers have 20 or more in the month position, so they are kept.
PERSONAL_NUMBER = re.compile(
    r"\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+]?\d{4}\b"
)
REDACTED = "[…]"


def scrub(value: Any) -> Any:
    if isinstance(value, str):
        return PERSONAL_NUMBER.sub(REDACTED, EMAIL.sub(REDACTED, value))
    return value


@dataclass(frozen=True)
class Column:
    name: str
    description: object
    accessor: str | Callable[[Any], Any] | None = None
    free_text: bool = False

    def export_column(self) -> ExportColumn:
        base = ExportColumn(self.name, self.accessor)
        if not self.free_text:
            return base
        return ExportColumn(self.name, lambda obj: scrub(base.value(obj)))


@dataclass(frozen=True)
class Dataset:
    """One open dataset: a name (file name and IRI part), titles, a description, its columns
    and the rows (a queryset of public rows, or any iterable of objects or dicts)."""

    name: str
    title: object
    description: object
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable]
    keywords: tuple[object, ...] = field(default_factory=tuple)
    theme: str = "GOVE"

    def export_columns(self) -> list[ExportColumn]:
        return [column.export_column() for column in self.columns]


def key(name: str) -> Callable[[dict], Any]:
    """An accessor for rows that are dicts (aggregates)."""
    return lambda row: row.get(name)
