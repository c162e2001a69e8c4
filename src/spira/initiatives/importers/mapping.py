"""From a parsed record to the values of an Initiative: validation and mapping, no database.

A record's texts, facts and links are checked here (lengths, amounts, months, URLs) and turned
into model field values; a value that cannot be used raises ParseError naming the field, so that
the loader reports the record as failed and writes nothing of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spira.initiatives.choices import (
    SECTION_FIELDS,
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    InitiativeStatus,
)

from .records import ParsedInitiative, ParseError
from .values import MAX_AMOUNT, check_period, parse_amount

FACT_MAX_LENGTH = 300
UNIT_MAX_LENGTH = 200
REFERENCE_MAX_LENGTH = 40
URL_MAX_LENGTH = 500
MAX_LINKS = 20
# Section keys of the parsers → the model's text fields (summary is handled apart).
SECTION_KEYS = frozenset(SECTION_FIELDS)
# Which section best describes a case when a summary has to be made from one.
SUMMARY_SOURCES = ("purpose", "overview", "results", "approach", "long_term_effects", "innovation")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


@dataclass
class Plan:
    """A validated record: the values to set and what to look the initiative up by."""

    record: ParsedInitiative
    values: dict[str, Any]
    links: list[str]
    language: str
    reference: str | None
    titles: tuple[str, ...]


def plan_record(record: ParsedInitiative) -> Plan:
    """The validated values of ``record``; ParseError naming the field when one is unusable."""
    language = record.language if record.language in ("sv", "en") else None
    if language is None:
        raise ParseError("language", "unknown_language", params={"value": record.language})
    title = _required_title(record.title)
    values: dict[str, Any] = {f"title_{language}": title}
    if language == "sv" and record.title_en:
        values["title_en"] = _limited(record.title_en, "title_en", TITLE_MAX_LENGTH)
    values.update(_texts(record.sections, language, "sections"))
    if record.sections_en and language == "sv":
        values.update(_texts(record.sections_en, "en", "sections_en"))
    values[f"machine_translated_{language}"] = bool(record.machine_translated)
    values.update(_facts(record))
    reference = values.get("reference_number")
    titles = tuple(title.casefold() for name in ("title_sv", "title_en") if (title := values.get(name)))
    return Plan(record, values, _links(record), language, reference, titles)


def reference_of(record: ParsedInitiative) -> str | None:
    return record.reference_number if isinstance(record.reference_number, str) else None


def _required_title(title: Any) -> str:
    if not isinstance(title, str) or not title.strip():
        raise ParseError("title", "missing_title")
    return _limited(title.strip(), "title", TITLE_MAX_LENGTH)


def _limited(text: Any, field_name: str, limit: int) -> str:
    if not isinstance(text, str):
        raise ParseError(field_name, "not_text", params={"kind": type(text).__name__})
    if len(text) > limit:
        raise ParseError(field_name, "too_long", params={"length": len(text), "limit": limit})
    return text


def _shortened(text: Any, limit: int) -> str:
    """A label (call, programme, unit) cut to fit its field."""
    text = str(text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _texts(sections: dict[str, str], language: str, field_name: str) -> dict[str, str]:
    """The model's text fields in ``language`` from a record's sections."""
    if not isinstance(sections, dict):
        raise ParseError(field_name, "not_text", params={"kind": type(sections).__name__})
    texts: dict[str, str] = {}
    for key, text in sections.items():
        if not text:
            continue
        _limited(text, f"{field_name}.{key}", SECTION_MAX_LENGTH)
        if key in SECTION_KEYS:
            texts[key] = text.strip()
    summary = (sections.get("summary") or "").strip()
    if len(summary) > SUMMARY_MAX_LENGTH:
        # A long abstract (Vinnova's Projektreferat) is the overview; its opening is the summary.
        texts["overview"] = f"{summary}\n\n{texts['overview']}" if texts.get("overview") else summary
        summary = excerpt(summary)
    if not summary:
        source = next((texts[key] for key in SUMMARY_SOURCES if texts.get(key)), "")
        summary = excerpt(source)
    if summary:
        texts["summary"] = summary
    return {f"{key}_{language}": text for key, text in texts.items()}


def excerpt(text: str, limit: int = SUMMARY_MAX_LENGTH) -> str:
    """The opening of ``text`` in at most ``limit`` characters, cut after a sentence if one fits
    in reasonable length, else at a word, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    window = flat[: limit + 1]
    ends = [match.end() for match in _SENTENCE_END.finditer(window) if match.end() <= limit]
    if ends and ends[-1] >= limit // 3:
        return window[: ends[-1]]
    cut = window[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def _facts(record: ParsedInitiative) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if record.status is not None:
        if record.status not in InitiativeStatus.values:
            raise ParseError("status", "unknown_status", params={"value": record.status})
        facts["status"] = record.status
    if record.funding_sek is not None:
        facts["funding_sek"] = _amount(record.funding_sek)
    start, end = _month(record.start, "start"), _month(record.end, "end")
    check_period(record.start if start else None, record.end if end else None)
    if start:
        facts["start_month"] = start
    if end:
        facts["end_month"] = end
    if record.reference_number:
        facts["reference_number"] = _limited(
            str(record.reference_number).strip(), "reference_number", REFERENCE_MAX_LENGTH
        )
    for name in ("call", "application_round", "programme"):
        if value := getattr(record, name):
            facts[name] = _shortened(value, FACT_MAX_LENGTH)
    if record.coordinator_unit:
        facts["coordinator_unit"] = _shortened(record.coordinator_unit, UNIT_MAX_LENGTH)
    if url := _url(record.source_url):
        facts["source_url"] = url
    if updated := _day(record.last_updated):
        facts["source_updated"] = updated
    return facts


def _amount(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParseError("funding_sek", "not_a_number", params={"value": value})
    if isinstance(value, str):
        parsed = parse_amount(value, "funding_sek")
        if parsed is None:
            raise ParseError("funding_sek", "not_a_number", params={"value": value})
        return parsed
    if value != value or value in (float("inf"), float("-inf")):
        raise ParseError("funding_sek", "not_a_number", params={"value": value})
    if value < 0:
        raise ParseError("funding_sek", "negative_amount", params={"value": value})
    if value > MAX_AMOUNT:
        raise ParseError("funding_sek", "amount_too_large", params={"value": value})
    return round(value)


def _month(value: Any, field_name: str) -> date | None:
    if value is None or value == "":
        return None
    match = _MONTH.fullmatch(value) if isinstance(value, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2200:
        raise ParseError(field_name, "bad_date", params={"value": value})
    return date(int(match.group(1)), int(match.group(2)), 1)


def _day(value: Any) -> date | None:
    match = _DAY.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _url(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= URL_MAX_LENGTH:
        return value
    return None


def _links(record: ParsedInitiative) -> list[str]:
    links = record.links if isinstance(record.links, list) else []
    return list(dict.fromkeys(url for link in links if (url := _url(link))))[:MAX_LINKS]
