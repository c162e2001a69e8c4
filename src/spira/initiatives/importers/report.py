"""What one import did: counts, the records it touched and why each failed record failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .records import ParseError


@dataclass
class ImportReport:
    """What one import did: counts, the ids it touched and why each failed record failed."""

    origin: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    created_organisations: list[int] = field(default_factory=list)
    run_id: int | None = None

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.unchanged + self.failed

    def to_json(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "origin": self.origin,
            "processed": self.processed,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": self.failures,
        }


def failure_from_error(error: ParseError, index: int | None = None) -> dict[str, Any]:
    """The stored form of a ParseError (its record index, reference, field, code and message)."""
    return {
        "index": error.record_index if error.record_index is not None else index,
        "reference": error.reference,
        "source": error.source,
        "field": error.field,
        "code": error.code,
        "params": {key: str(value)[:200] for key, value in error.params.items()},
        "message": error.message,
    }
