"""The normalised record every case-library importer produces, and the errors it raises.

The importers (Vinnova project pages, Vinnova's open-data JSON, SweCRIS) turn three very different
sources into one shape, :class:`ParsedInitiative`, without touching the database; the initiatives
services decide what to create or update. Errors and warnings carry a stable ``code`` so that callers
can show a message in the user's language; the English text in :data:`MESSAGES` is the fallback.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
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


# --- values shared by the importers ---------------------------------------------------------------

# Zero-width characters and soft hyphens, deleted with str.translate (faster than a regex here).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACE_RUN = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_inline(text: str) -> str:
    """One line of text with every kind of space (non-breaking, thin …) as one plain space."""
    return " ".join(text.translate(_INVISIBLE).split())


def clean_block(text: str | None) -> str | None:
    """Multi-line text with tidy spaces, at most one blank line in a row; None when empty."""
    if not text:
        return None
    lines = (clean_inline(line) for line in text.splitlines())
    cleaned = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return cleaned or None


# Far above any grant; larger values are typing errors and would overflow the decimal arithmetic.
MAX_AMOUNT = 10**13
_AMOUNT_PREFIX = re.compile(r"^(?:SEK|kr)\.?\s*", re.IGNORECASE)
_AMOUNT_SUFFIX = re.compile(r"\s*(?:SEK|kronor|kr\.?|:-)$", re.IGNORECASE)
_PLAIN_INT = re.compile(r"-?[0-9]+")
_COMMA_GROUPS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DOT_GROUPS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_DECIMAL = re.compile(r"-?[0-9]+[.,][0-9]+")


def parse_amount(raw: Any, field_name: str = "funding_sek") -> int | None:
    """Whole kronor from ``3 270 000``, ``SEK 3,270,000``, ``1 940 289 kronor``, 3270000 or 3270000.0.

    Any kind of space may separate thousands. None/empty gives None; anything else that is not a
    non-negative amount raises ParseError(field=field_name).
    """
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ParseError(field_name, "not_a_number", params={"value": raw})
    value = raw if isinstance(raw, int | float) else _amount_from_text(raw, field_name)
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        raise ParseError(field_name, "not_a_number", params={"value": raw})
    if value < 0:
        raise ParseError(field_name, "negative_amount", params={"value": raw})
    if value > MAX_AMOUNT:
        raise ParseError(field_name, "amount_too_large", params={"value": raw})
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _amount_from_text(raw: str, field_name: str) -> int | Decimal | None:
    text = _AMOUNT_SUFFIX.sub("", _AMOUNT_PREFIX.sub("", clean_inline(raw)))
    digits = _SPACE_RUN.sub("", text)
    if not digits:
        return None
    if len(digits) > 30:  # also keeps int() clear of its limit on huge digit strings
        raise ParseError(field_name, "amount_too_large", params={"value": raw})
    if _PLAIN_INT.fullmatch(digits):
        return int(digits)
    if _COMMA_GROUPS.fullmatch(digits):
        return Decimal(digits.replace(",", ""))
    if _DOT_GROUPS.fullmatch(digits):
        return Decimal(digits.replace(".", "").replace(",", "."))
    if _DECIMAL.fullmatch(digits):
        return Decimal(digits.replace(",", "."))
    raise ParseError(field_name, "not_a_number", params={"value": raw})


_MONTH_NAMES = {
    "januari": 1, "january": 1, "februari": 2, "february": 2, "mars": 3, "march": 3,
    "april": 4, "maj": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "augusti": 8, "august": 8, "september": 9, "oktober": 10, "october": 10,
    "november": 11, "december": 12,
}  # fmt: skip
# Abbreviations are the first three letters of either language, plus the common "sept".
MONTHS = {**{name[:3]: number for name, number in _MONTH_NAMES.items()}, "sept": 9, **_MONTH_NAMES}

_ISO_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?(?:[t ][0-9:.+\-z ]*)?")
_MONTH_SLASH_YEAR = re.compile(r"([0-9]{1,2})[/.]([0-9]{4})")
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?: [0-9:]+(?: ?[AP]M)?)?", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"(?:([0-9]{1,2})\.?\s+)?([^\W\d_]+)\.?\s+([0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})")


def date_parts(raw: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) from the date forms the sources use, or None if unreadable.

    Understands 2021-06, 2021-06-01, 2021-06-01T00:00:00, 06/2021, 06/24/2024 23:22:09 (SweCRIS is
    month first), "juni 2021", "Jun. 2021", "9 December 2023" and "December 9, 2023".
    """
    text = clean_inline(raw).lower()
    parts = _numeric_date_parts(text) or _named_date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return parts


def _numeric_date_parts(text: str) -> tuple[int, int, int | None] | None:
    if match := _ISO_DATE.fullmatch(text):
        day = match.group(3)
        return int(match.group(1)), int(match.group(2)), int(day) if day else None
    if match := _US_DATE.fullmatch(text):
        return int(match.group(3)), int(match.group(1)), int(match.group(2))
    if match := _MONTH_SLASH_YEAR.fullmatch(text):
        return int(match.group(2)), int(match.group(1)), None
    return None


def _named_date_parts(text: str) -> tuple[int, int, int | None] | None:
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, name, year = match.groups()
    elif match := _MONTH_DAY_YEAR.fullmatch(text):
        name, day, year = match.groups()
    else:
        return None
    month = MONTHS.get(name)
    if month is None:
        return None
    return int(year), month, int(day) if day else None


def parse_month(raw: Any, field_name: str) -> str | None:
    """The month as YYYY-MM from any form :func:`date_parts` reads; None if empty; else ParseError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    parts = date_parts(raw) if isinstance(raw, str) else None
    if parts is None:
        raise ParseError(field_name, "bad_date", params={"value": raw})
    return f"{parts[0]:04d}-{parts[1]:02d}"


def parse_day(raw: Any) -> date | None:
    """The full date in ``raw`` (a day must be given), or None."""
    parts = date_parts(raw) if isinstance(raw, str) else None
    if parts is None or parts[2] is None:
        return None
    return date(*parts)


def check_period(start: str | None, end: str | None) -> None:
    """ParseError(field="end") when ``end`` (YYYY-MM) is before ``start``."""
    if start and end and end < start:
        raise ParseError("end", "end_before_start", params={"start": start, "end": end})


_STATUSES = {
    "completed": ("avslutat", "avslutad", "avslutade", "genomfört", "genomförd", "slutfört", "slutförd",
                  "klart", "completed", "finished", "closed", "ended", "done"),
    "ongoing": ("pågående", "pågår", "aktivt", "aktiv", "ongoing", "on-going", "active", "running",
                "in progress"),
}  # fmt: skip
_STATUS_BY_WORD = {word: status for status, words in _STATUSES.items() for word in words}


def normalise_status(raw: str | None) -> str | None:
    """The status word as "completed" or "ongoing"; None when it is empty or unknown."""
    if not raw:
        return None
    return _STATUS_BY_WORD.get(clean_inline(raw).rstrip(".").lower())


def status_from_end(end: date | None, today: date) -> str | None:
    """The status implied by the end date alone: a project that has ended is completed."""
    if end is None:
        return None
    return "completed" if end < today else "ongoing"


ORG_NUMBER = re.compile(r"[0-9]{6}-[0-9]{4}")
DNR = re.compile(r"[0-9]{4}-[0-9]{5}")  # Vinnova's diarienummer
_ORG_NUMBER_IN_NAME = re.compile(r"\(?\b([0-9]{6}-[0-9]{4})\b\)?")
_UNIT_SEPARATOR = re.compile(r"\s+[-–—]\s+")


def split_coordinator(raw: str | None) -> tuple[str | None, str | None, str | None]:
    """(organisation, unit, organisation number) from "Piteå kommun - KOMMUNLEDNINGSKONTORET".

    Vinnova writes "<organisation> - <workplace>"; the first " - " separates them because unit names
    are more likely than organisation names to contain further dashes.
    """
    text = clean_inline(raw or "")
    org_number = None
    if match := _ORG_NUMBER_IN_NAME.search(text):
        org_number = match.group(1)
        text = clean_inline(text[: match.start()] + text[match.end() :])
    organisation, unit = text, ""
    if match := _UNIT_SEPARATOR.search(text):
        organisation, unit = text[: match.start()].strip(), text[match.end() :].strip()
    return organisation or None, unit or None, org_number


# Canonical section keys and every heading (old and new page forms, SweCRIS abstracts) that maps
# to them, with the heading's language.
SECTION_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "purpose": {
        "sv": ("Syfte och mål", "Projektets syfte och mål"),
        "en": ("Purpose and goal", "Purpose and goals", "Purpose and aim"),
    },
    "results": {
        "sv": ("Viktiga resultat som projektet gav", "Resultat och förväntade effekter",
               "Förväntade effekter och resultat", "Förväntade resultat och effekter"),
        "en": ("Important results from the project", "Results and expected effects",
               "Expected effects and result", "Expected effects and results", "Expected results and effects"),
    },
    "long_term_effects": {
        "sv": ("Långsiktiga effekter som förväntas",),
        "en": ("Expected long term effects", "Expected long-term effects"),
    },
    "approach": {
        "sv": ("Upplägg och genomförande", "Planerat upplägg och genomförande"),
        "en": ("Approach and implementation", "Planned approach and implementation"),
    },
}  # fmt: skip
_HEADING_LOOKUP = {
    heading.casefold(): (key, language)
    for key, by_language in SECTION_HEADINGS.items()
    for language, headings in by_language.items()
    for heading in headings
}
_INLINE_HEADING = re.compile(r"([^:]{8,60}):\s*(.*)", re.DOTALL)


def match_heading(line: str, *, inline: bool = False) -> tuple[str, str, str] | None:
    """(section key, heading language, text after the heading) if ``line`` is a section heading.

    A heading normally stands alone on its line (a trailing colon is allowed). With ``inline``,
    "Syfte och mål: text …" also counts, as SweCRIS abstracts sometimes run on.
    """
    text = clean_inline(line)
    found = _HEADING_LOOKUP.get(text.rstrip(":").rstrip().casefold())
    if found:
        return found[0], found[1], ""
    if inline and (match := _INLINE_HEADING.fullmatch(text)):
        found = _HEADING_LOOKUP.get(match.group(1).strip().casefold())
        if found:
            return found[0], found[1], match.group(2)
    return None


def split_sections(text: str | None, default_key: str = "summary") -> dict[str, str]:
    """Split an abstract with "Syfte och mål:"-style headings into canonical sections.

    Text before the first heading (or all of it, when there is none) goes under ``default_key``;
    a heading that occurs twice has its texts joined.
    """
    cleaned = clean_block(text)
    if not cleaned:
        return {}
    parts: dict[str, list[str]] = {}
    key = default_key
    for line in cleaned.split("\n"):
        heading = match_heading(line, inline=True)
        if heading:
            key, _, rest = heading
            parts.setdefault(key, [])
            line = rest
        parts.setdefault(key, []).append(line)
    return {key: body for key, lines in parts.items() if (body := clean_block("\n".join(lines)))}


_WORD = re.compile(r"[a-zåäöéü]+")
_SWEDISH_WORDS = frozenset(
    ("och", "att", "som", "för", "med", "det", "är", "av", "på", "en", "ett", "till", "har", "inte",
     "den", "de", "vi", "om", "kan", "ska", "samt", "även", "från", "där", "genom", "hur", "projektet")
)  # fmt: skip
_ENGLISH_WORDS = frozenset(
    ("the", "and", "of", "to", "is", "that", "for", "with", "as", "by", "on", "this", "are", "be",
     "has", "have", "from", "an", "it", "which", "will", "been", "was", "project")
)  # fmt: skip


def guess_language(text: str) -> str | None:
    """The language ("sv"/"en") by counting function words; None when the text cannot tell."""
    words = _WORD.findall(text[:4000].lower())
    swedish = sum(word in _SWEDISH_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    if swedish + english < 8:
        return None
    if swedish > 2 * english:
        return "sv"
    if english > 2 * swedish:
        return "en"
    return None
