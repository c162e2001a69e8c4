"""Parser for SweCRIS project records (the Swedish Research Council's national funding database).

The REST API names fields in UpperCamelCase (ProjectId, ProjectTitleSv …); exports made with other
tools use lowerCamelCase (projectId …). Keys are normalised to lowerCamelCase first. Abstracts carry
"Syfte och mål:"-style headings, which are split into the same sections as Vinnova's pages.
"""

from __future__ import annotations

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
from .sections import split_sections
from .values import (
    ORG_NUMBER,
    check_period,
    clean_inline,
    parse_amount,
    parse_day,
    parse_month,
    status_from_end,
)


def parse_swecris(data: Any, *, today: date | None = None) -> list[ParsedInitiative | ParseError]:
    """Parse decoded SweCRIS JSON: a list of project objects, or an object holding such a list.

    Returns one ParsedInitiative or ParseError (with ``record_index`` and ``reference``) per record;
    raises ParseError(field="file", code="wrong_shape") when ``data`` holds no list of records.
    A project whose end date is before ``today`` (default: the current date) is completed.
    """
    records = records_from_json(lower_first_keys(data), identity_key="projectId")
    return run_per_record(records, lambda raw: _parse_record(raw, today or date.today()), _reference_of)


def iter_swecris_file(
    path: str | Path, *, today: date | None = None
) -> Iterator[ParsedInitiative | ParseError]:
    """Load a SweCRIS JSON file and iterate over its parsed records.

    An unreadable file or invalid JSON raises ParseError(field="file") from this call itself.
    """
    return iter(parse_swecris(load_json_file(path), today=today))


def lower_first_keys(value: Any) -> Any:
    """``value`` with every object key's first letter in lower case, at every depth."""
    if isinstance(value, dict):
        return {_lower_first(key): lower_first_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_first_keys(item) for item in value]
    return value


def _lower_first(key: Any) -> Any:
    return key[:1].lower() + key[1:] if isinstance(key, str) else key


def reference_from_project_id(project_id: str) -> str:
    """The funder's own reference: "2021-02068_Vinnova" -> "2021-02068"."""
    reference, _, _funder = project_id.partition("_")
    return reference.strip() or project_id


def _reference_of(raw: dict[str, Any]) -> str | None:
    value = raw.get("projectId")
    return reference_from_project_id(value) if isinstance(value, str) and value.strip() else None


def _parse_record(raw: dict[str, Any], today: date) -> ParsedInitiative:
    project_id = _text(raw, "projectId")
    if not project_id:
        raise ParseError("reference_number", "missing_reference")
    title_sv, title_en = _text(raw, "projectTitleSv"), _text(raw, "projectTitleEn")
    abstract_sv, abstract_en = _raw_text(raw, "projectAbstractSv"), _raw_text(raw, "projectAbstractEn")
    language = "sv" if title_sv or abstract_sv else "en"
    title = title_sv if language == "sv" else title_en
    if not title:
        raise ParseError("title", "missing_title")
    sections_sv, sections_en = split_sections(abstract_sv), split_sections(abstract_en)
    organisation_id = _text(raw, "coordinatingOrganisationId")
    record = ParsedInitiative(
        title=title,
        origin="swecris",
        title_en=title_en if language == "sv" else None,
        reference_number=reference_from_project_id(project_id),
        coordinator=_text(raw, "coordinatingOrganisationNameSv")
        or _text(raw, "coordinatingOrganisationNameEn"),
        coordinator_org_number=organisation_id
        if organisation_id and ORG_NUMBER.fullmatch(organisation_id)
        else None,
        funder=_text(raw, "fundingOrganisationNameSv") or _text(raw, "fundingOrganisationNameEn"),
        funding_sek=parse_amount(raw.get("fundingsSek"), "funding_sek"),
        label_language=language,
        language=language,
        sections=sections_sv if language == "sv" else sections_en,
        sections_en=sections_en if language == "sv" else {},
    )
    _set_period_and_status(record, raw, today)
    updated = parse_day(raw.get("updatedDate"))
    record.last_updated = updated.isoformat() if updated else None
    return record


def _raw_text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParseError(key, "not_text", params={"kind": describe_kind(value)})
    return str(value)


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = _raw_text(raw, key)
    return (clean_inline(value) or None) if value is not None else None


def _set_period_and_status(record: ParsedInitiative, raw: dict[str, Any], today: date) -> None:
    start_raw, end_raw = raw.get("projectStartDate"), raw.get("projectEndDate")
    record.start = parse_month(start_raw, "start")
    record.end = parse_month(end_raw, "end")
    check_period(record.start, record.end)
    # SweCRIS has no status; the end date is the only evidence.
    record.status = status_from_end(parse_day(end_raw), today)
