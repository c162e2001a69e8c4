"""Parser for project records from Vinnova's open data API (data.vinnova.se/api/projekt).

Records have Swedish field names (Diarienummer, Ärenderubrik, MalSvenska, BeviljatBidrag …). Swedish
texts become ``sections``, English ones ``sections_en``. One bad record becomes a ParseError in the
result list and never stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .records import (
    ParsedInitiative,
    ParseError,
    describe_kind,
    load_json_file,
    records_from_json,
    run_per_record,
)
from .values import (
    DNR,
    check_period,
    clean_block,
    clean_inline,
    normalise_status,
    parse_amount,
    parse_day,
    parse_month,
    status_from_end,
)

# Section key -> (Swedish field, English field).
_SECTION_FIELDS = {
    "purpose": ("MalSvenska", "MalEngelska"),
    "results": ("ResultatSvenska", "ResultatEngelska"),
    "approach": ("ImplementationSvenska", "ImplementationEngelska"),
    "summary": ("Projektreferat", None),
}
# "Beviljat" (granted) says nothing about whether the work is done; the dates decide.
_GRANTED = frozenset({"beviljat", "beviljad", "granted"})
_URL_KEYS = ("url", "lankadress", "länkadress", "href", "link", "adress")
_URL_IN_TEXT = re.compile(r"https?://[^\s,;<>\"']+", re.IGNORECASE)


def parse_vinnova_json(data: Any, *, today: date | None = None) -> list[ParsedInitiative | ParseError]:
    """Parse decoded Vinnova API JSON: a list of project objects, or an object holding such a list.

    Returns one ParsedInitiative or ParseError (with ``record_index`` and ``reference``) per record.
    Raises ParseError(field="file", code="wrong_shape") when ``data`` holds no list of records.
    ``today`` decides the status of merely "granted" projects (default: the current date).
    """
    records = records_from_json(data, identity_key="Diarienummer")
    return run_per_record(records, lambda raw: _parse_record(raw, today or date.today()), _reference_of)


def iter_vinnova_json_file(
    path: str | Path, *, today: date | None = None
) -> Iterator[ParsedInitiative | ParseError]:
    """Load a Vinnova API JSON file and iterate over its parsed records.

    The file is read and checked before the first item is returned, so an unreadable file or
    invalid JSON raises ParseError(field="file") from this call itself.
    """
    return iter(parse_vinnova_json(load_json_file(path), today=today))


def _reference_of(raw: dict[str, Any]) -> str | None:
    value = raw.get("Diarienummer")
    return (clean_inline(str(value)) or None) if value is not None else None


def _parse_record(raw: dict[str, Any], today: date) -> ParsedInitiative:
    reference = _text(raw, "Diarienummer", inline=True)
    if not reference:
        raise ParseError("reference_number", "missing_reference")
    title_sv = _text(raw, "Ärenderubrik", inline=True)
    title_en = _text(raw, "ÄrenderubrikEngelska", inline=True)
    sections_sv, sections_en = _sections(raw)
    language = "sv" if title_sv or sections_sv else "en"
    title = title_sv if language == "sv" else title_en
    if not title:
        raise ParseError("title", "missing_title")
    record = ParsedInitiative(
        title=title,
        origin="vinnova-json",
        title_en=title_en if language == "sv" else None,
        reference_number=reference,
        coordinator=_text(raw, "KoordinatorOrg", inline=True),
        coordinator_unit=_text(raw, "KoordinatorArb", inline=True),
        funder="Vinnova",
        funding_sek=parse_amount(raw.get("BeviljatBidrag"), "funding_sek"),
        call=_text(raw, "DiarienummerUtlysning", inline=True),
        application_round=_text(raw, "DiarienummerAnsokningsomgang", inline=True),
        programme=_text(raw, "DiarienummerProgram", inline=True),
        label_language=language,
        language=language,
        sections=sections_sv if language == "sv" else sections_en,
        sections_en=sections_en if language == "sv" else {},
        links=_links(raw.get("LankLista")),
    )
    if not DNR.fullmatch(reference):
        record.warn("reference_number", "unexpected_reference", value=reference)
    _set_period_and_status(record, raw, today)
    return record


def _text(raw: dict[str, Any], key: str, *, inline: bool = False) -> str | None:
    """The text in ``raw[key]``; numbers are accepted as text, objects and lists are not."""
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(key, "not_text", params={"kind": describe_kind(value)})
    text = str(value)
    return (clean_inline(text) or None) if inline else clean_block(text)


def _sections(raw: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    swedish: dict[str, str] = {}
    english: dict[str, str] = {}
    for key, (sv_field, en_field) in _SECTION_FIELDS.items():
        if text := _text(raw, sv_field):
            swedish[key] = text
        if en_field and (text := _text(raw, en_field)):
            english[key] = text
    return swedish, english


def _set_period_and_status(record: ParsedInitiative, raw: dict[str, Any], today: date) -> None:
    start_raw, end_raw = raw.get("ProjektStart"), raw.get("ProjektSlut")
    record.start = parse_month(start_raw, "start")
    record.end = parse_month(end_raw, "end")
    check_period(record.start, record.end)
    status_text = clean_inline(str(raw.get("Status") or ""))
    end_day = parse_day(end_raw)
    if status_text.lower() in _GRANTED or not status_text:
        record.status = status_from_end(end_day, today)
        return
    record.status = normalise_status(status_text)
    if record.status is None:
        record.warn("status", "unknown_status", value=status_text)
        record.status = status_from_end(end_day, today)


def _links(raw: Any) -> list[str]:
    """URLs from LankLista: a list of URLs, a list of {"Url": …}/{"Lankadress": …}, or a text."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    urls: list[str] = []
    for item in items:
        if isinstance(item, dict):
            urls.extend(_url_from_object(item))
        elif isinstance(item, str):
            urls.extend(_URL_IN_TEXT.findall(item))
    return list(dict.fromkeys(url.rstrip(".,;:)") for url in urls))


def _url_from_object(item: dict[str, Any]) -> list[str]:
    by_key = {str(key).lower(): value for key, value in item.items()}
    for key in _URL_KEYS:
        value = by_key.get(key)
        if isinstance(value, str) and _URL_IN_TEXT.match(value.strip()):
            return [value.strip()]
    # Unknown key names: take any value that is an address.
    return [value.strip() for value in item.values() if isinstance(value, str) and _URL_IN_TEXT.match(value)]
