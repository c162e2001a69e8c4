"""The normalised record every case-library importer produces, and the errors it raises.

The importers (Vinnova project pages, Vinnova's open-data JSON, SweCRIS) turn three very different
sources into one shape, :class:`ParsedInitiative`, without touching the database; the initiatives
services decide what to create or update. Errors and warnings carry a stable ``code`` so that callers
can show a message in the user's language; the English text in :data:`MESSAGES` is the fallback.
Reading files is here too; the values inside records are read by :mod:`.values`, section headings
and languages by :mod:`.sections`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ORIGINS = ("vinnova-page", "vinnova-json", "swecris")

# English fallback texts, keyed by the code that callers translate. Placeholders are filled from
# the error's ``params``.
MESSAGES: dict[str, str] = {
    # errors
    "not_a_vinnova_page": (
        "This does not look like a Vinnova project page: no project facts "
        "(coordinator, funding, duration …) were found."
    ),
    "missing_title": "No project title was found.",
    "missing_reference": "The record has no reference number (diarienummer).",
    "not_a_number": "The amount “{value}” is not a number.",
    "negative_amount": "The amount “{value}” is negative.",
    "amount_too_large": "The amount “{value}” is too large to be a grant.",
    "bad_date": "“{value}” is not a date that can be read.",
    "bad_duration": "The project duration “{value}” could not be read as a start and an end.",
    "end_before_start": "The project ends ({end}) before it starts ({start}).",
    "not_text": "The field holds {kind}, not text.",
    "empty_file": "The file is empty.",
    "file_too_large": "The file is larger than {limit} MB.",
    "unreadable_file": "The file could not be read: {reason}",
    "invalid_json": "The file is not valid JSON: {reason}",
    "wrong_shape": "Expected a list of records (or an object holding one), not {kind}.",
    "not_an_object": "The record is {kind}, not an object.",
    # warnings
    "unknown_status": "Unknown status “{value}”; it was left empty.",
    "unknown_label": "Unknown fact “{value}” was ignored.",
    "unexpected_reference": "The reference number “{value}” does not look like a diarienummer (YYYY-NNNNN).",
    "conflicting_reference": "The page header says {value} but the footer says {other}; the header was used.",
    "previous_page_reference": (
        "The reference number {value} glued before the title belongs to the previous page and was ignored."
    ),
    "text_outside_sections": "Text before the first section heading was kept as a summary.",
    "language_differs": "The labels are in {label_language} but the text looks like {language}.",
    "bad_last_updated": "The date “{value}” after “Last updated” could not be read.",
}


class _KeepMissing(dict):
    """Leaves unknown placeholders visible instead of failing while reporting another failure."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(code: str, params: dict[str, Any] | None = None) -> str:
    """The English fallback message for ``code`` with ``params`` filled in."""
    template = MESSAGES.get(code, code)
    shown = {key: _shorten(value) for key, value in (params or {}).items()}
    return template.format_map(_KeepMissing(shown))


def _shorten(value: Any, limit: int = 80) -> str:
    # Garbage input can be huge; a message only needs enough to recognise it.
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_kind(value: Any) -> str:
    """A short English name of a JSON value's type, for messages."""
    names = {dict: "an object", list: "a list", str: "a text", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


class ParseError(Exception):
    """A file or record that cannot be imported.

    ``field`` names the record field (or "file"/"record") that is wrong, ``code`` is a key of
    :data:`MESSAGES`. For multi-record sources ``record_index`` and ``reference`` locate the record.
    """

    def __init__(
        self,
        field: str,
        code: str,
        message: str | None = None,
        *,
        params: dict[str, Any] | None = None,
        record_index: int | None = None,
        reference: str | None = None,
        source: str = "",
    ) -> None:
        self.field = field
        self.code = code
        self.params = dict(params or {})
        self.message = message or render_message(code, self.params)
        self.record_index = record_index
        self.reference = reference
        self.source = source
        super().__init__(self.message)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.record_index is not None:
            where += f"record {self.record_index}"
            where += f" ({self.reference}): " if self.reference else ": "
        return f"{where}{self.field}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable description of the error."""
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "params": {key: str(value) for key, value in self.params.items()},
            "record_index": self.record_index,
            "reference": self.reference,
            "source": self.source,
        }


@dataclass(frozen=True)
class ParseWarning:
    """Something odd that did not stop the import; translatable by ``code`` like ParseError."""

    field: str
    code: str
    message: str

    @classmethod
    def make(cls, field: str, code: str, **params: Any) -> ParseWarning:
        """Build a warning with its English fallback message."""
        return cls(field=field, code=code, message=render_message(code, params))


@dataclass
class ParsedInitiative:
    """One project or case, normalised from any importer source.

    ``title`` and ``sections`` are in ``language``. ``title_en`` and ``sections_en`` hold an English
    version only when the record is Swedish and the source also has English text, so nothing is
    stored twice. ``start``/``end`` are "YYYY-MM", ``last_updated`` is "YYYY-MM-DD".
    """

    title: str
    origin: str
    title_en: str | None = None
    reference_number: str | None = None
    coordinator: str | None = None
    coordinator_unit: str | None = None
    coordinator_org_number: str | None = None
    funder: str | None = None
    funding_sek: int | None = None
    start: str | None = None
    end: str | None = None
    status: str | None = None
    call: str | None = None
    application_round: str | None = None
    programme: str | None = None
    label_language: str = "sv"
    language: str = "sv"
    sections: dict[str, str] = field(default_factory=dict)
    sections_en: dict[str, str] = field(default_factory=dict)
    machine_translated: bool = False
    last_updated: str | None = None
    source_url: str | None = None
    source_name: str = ""
    links: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def warn(self, field_name: str, code: str, **params: Any) -> None:
        """Record a non-fatal problem found while parsing."""
        self.warnings.append(ParseWarning.make(field_name, code, **params))

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict of every field (warnings as dicts)."""
        return dataclasses.asdict(self)


# --- reading files -------------------------------------------------------------------------------

MAX_PAGE_BYTES = 5 * 1024 * 1024
# Vinnova's full project export is tens of megabytes; this only stops accidents.
MAX_JSON_BYTES = 500 * 1024 * 1024


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The content of ``path``; ParseError if it cannot be read, is empty or is over ``limit`` bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ParseError("file", "file_too_large", params={"limit": limit // (1024 * 1024)})
        data = path.read_bytes()
    except OSError as error:
        raise ParseError("file", "unreadable_file", params={"reason": error.strerror or error}) from error
    if not data.strip():
        raise ParseError("file", "empty_file")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to Windows-1252 for pages saved by old tools."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load_json_file(path: str | Path) -> Any:
    """The parsed JSON in ``path``; ParseError(field="file") if it is unreadable or not JSON."""
    text = decode_text(read_bytes(path, MAX_JSON_BYTES))
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError, and too-long integers
        raise ParseError("file", "invalid_json", params={"reason": error}) from error
    except RecursionError as error:
        raise ParseError("file", "invalid_json", params={"reason": "nested too deeply"}) from error


def records_from_json(data: Any, identity_key: str) -> list[Any]:
    """The list of records in a JSON document.

    Accepts a list, an object holding the list under some key (e.g. {"records": [...]}), or a single
    record recognised by ``identity_key``. Anything else raises ParseError(field="file",
    code="wrong_shape"). Items that are not objects are returned as they are, so that the caller can
    report them as bad records without losing the good ones.
    """
    if isinstance(data, dict):
        if any(isinstance(key, str) and key.lower() == identity_key.lower() for key in data):
            return [data]
        lists = [value for value in data.values() if _holds_records(value)]
        # Prefer a list that has records over an empty one ({"errors": [], "records": [...]}).
        if lists:
            return max(lists, key=len)
    if _holds_records(data):
        return data
    raise ParseError("file", "wrong_shape", params={"kind": describe_kind(data)})


def _holds_records(value: Any) -> bool:
    return isinstance(value, list) and (not value or any(isinstance(item, dict) for item in value))


def run_per_record(
    records: list[Any],
    parse_one: Callable[[dict[str, Any]], ParsedInitiative],
    reference_of: Callable[[dict[str, Any]], str | None],
) -> list[ParsedInitiative | ParseError]:
    """Parse each record with ``parse_one``; a bad record becomes a ParseError in the result list."""
    results: list[ParsedInitiative | ParseError] = []
    for index, raw in enumerate(records):
        try:
            if not isinstance(raw, dict):
                raise ParseError("record", "not_an_object", params={"kind": describe_kind(raw)})
            results.append(parse_one(raw))
        except ParseError as error:
            error.record_index = index
            error.reference = reference_of(raw) if isinstance(raw, dict) else None
            results.append(error)
    return results
