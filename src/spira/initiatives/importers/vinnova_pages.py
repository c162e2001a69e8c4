"""Parser for Vinnova project pages (www.vinnova.se/p/…) saved as plain text or HTML.

A page has a title, a block of facts ("Koordinator X" lines, "| Coordinator | X |" rows, or a label
on its own line with the value on the next), sections under fixed headings, and a footer (external
links, a disclaimer, "Last updated …", the reference number again). Pages come in Swedish and English
and copies made by hand carry debris from neighbouring pages, so every line is classified once and
the parts are then read from the classified lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .html_text import html_to_text
from .records import MAX_PAGE_BYTES, ParsedInitiative, ParseError, ParseWarning, decode_text, read_bytes
from .sections import guess_language, match_heading
from .values import (
    DNR,
    check_period,
    clean_block,
    clean_inline,
    normalise_status,
    parse_amount,
    parse_day,
    parse_month,
    split_coordinator,
)

# Fact labels by canonical key and language; "" marks a label both languages use.
PAGE_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "reference": {"sv": ("Diarienummer",), "en": ("Reference number",)},
    "coordinator": {"sv": ("Koordinator",), "en": ("Coordinator",)},
    "funding": {"sv": ("Bidrag från Vinnova", "Beviljat bidrag"), "en": ("Funding from Vinnova",)},
    "duration": {"sv": ("Projektets löptid", "Projekttid"), "en": ("Project duration", "Project period")},
    "status": {"": ("Status",)},
    "call": {"sv": ("Utlysning",), "en": ("Venture",)},
    "application_round": {"sv": ("Ansökningsomgång",), "en": ("Call",)},
    "programme": {"": ("Program",), "en": ("Programme",)},
}
_LABEL_LOOKUP = {
    label.casefold(): (key, language)
    for key, by_language in PAGE_LABELS.items()
    for language, labels in by_language.items()
    for label in labels
}
# Longest first, so that "Programme" is not read as "Program" + "me".
_LABEL_ALTERNATIVES = "|".join(re.escape(label) for label in sorted(_LABEL_LOOKUP, key=len, reverse=True))
_LABEL_LINE = re.compile(rf"({_LABEL_ALTERNATIVES})(?:\s*:\s*|\s+|$)(.*)", re.IGNORECASE | re.DOTALL)
# Without this a page could never be told apart from any text that happens to say "Status …".
_CORE_FACTS = frozenset({"coordinator", "funding", "duration"})
_SKIPPED_KINDS = frozenset({"blank", "noise", "mt"})

_GLUED_DNR = re.compile(r"([0-9]{4}-[0-9]{5})(\S.*)")
_NOISE = re.compile(
    r"(?:your browser doesn.t support javascript|du har inte javascript påslaget"
    r"|statistik för sidan|page statistics|statistics for (?:the|this) page)",
    re.IGNORECASE,
)
_LINKS_HEADING = re.compile(r"(?:externa länkar|external links)\s*:?", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"(?:texten på den här sidan har projektgruppen|the project description has been provided by the project)",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"(?:senast uppdaterad|last updated)\s*:?\s*(.{0,40})", re.IGNORECASE)
# Sentence forms are removed wherever they occur; the bare words only when they are the whole line,
# because a project may well be *about* machine translation.
_MT_SENTENCE = re.compile(
    r"(?:denna text|texten|den här texten) (?:är|har) maskinöversatts?[.!]?"
    r"|(?:this|the) text (?:is|has been) machine[- ]translated[.!]?",
    re.IGNORECASE,
)
_MT_LINE = re.compile(
    r"\(?(?:maskinöversatt(?: text)?|machine[- ]translated(?: text)?)\)?[.!]?", re.IGNORECASE
)
_URL = re.compile(r"https?://[^\s<>()\"'|]+|\bwww\.[^\s<>()\"'|]+", re.IGNORECASE)
_DURATION_SPLIT = re.compile(
    r"\s*[–—]\s*|\s+-+\s*|\s*-+\s+|(?<=[0-9])-(?=[^\W\d_])|\s+(?:to|till|until|t\.o\.m\.)\s+",
    re.IGNORECASE,
)
_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|table|tr|td|h[1-6]|section|article|main|dl|ul|br)\b[^>]*>",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of the page, classified once.

    kind is one of: blank, noise, mt (machine-translation notice), heading, label, row (a table row
    with an unknown label), links, disclaimer, updated, text.
    """

    kind: str
    text: str
    key: str = ""
    language: str = ""
    value: str = ""


# --- public API ----------------------------------------------------------------------------------


def parse_vinnova_page(text: str, source_name: str = "") -> ParsedInitiative:
    """Parse the text (or HTML) of one Vinnova project page into a ParsedInitiative.

    Raises ParseError (with ``field`` and ``code``) when the text is not a Vinnova project page or a
    fact cannot be read: an amount that is not a number, a project that ends before it starts.
    """
    try:
        return _parse_page(text, source_name)
    except ParseError as error:
        error.source = error.source or source_name
        raise


def parse_vinnova_file(path: str | Path) -> ParsedInitiative:
    """Read a saved Vinnova page (.txt or .html; UTF-8, else Windows-1252) and parse it.

    Raises ParseError(field="file") for a file that is unreadable, empty or larger than 5 MB.
    """
    path = Path(path)
    try:
        text = decode_text(read_bytes(path, MAX_PAGE_BYTES))
    except ParseError as error:
        error.source = path.name
        raise
    return parse_vinnova_page(text, source_name=path.name)


# --- the parse, step by step ----------------------------------------------------------------------


def _parse_page(text: str, source_name: str) -> ParsedInitiative:
    if not isinstance(text, str) or not text.strip():
        raise ParseError("file", "empty_file")
    title_hint = source_url = None
    if _HTML_HINT.search(text, 0, 65536):
        text, title_hint, source_url = html_to_text(text)
    machine_translated = 0
    lowered = text.lower()
    if "översatt" in lowered or "translated" in lowered:  # a cheap test first: most pages have none
        text, machine_translated = _MT_SENTENCE.subn("", text)
    lines = [_classify(line) for line in text.splitlines()]
    warnings: list[ParseWarning] = []

    start = _find_facts(lines)
    if start is None:
        raise ParseError("file", "not_a_vinnova_page")
    title, start = _find_title(lines, start, warnings)
    facts, languages, end = _read_facts(lines, start, warnings)
    if not _CORE_FACTS & facts.keys() or len(facts) < 2:
        raise ParseError("file", "not_a_vinnova_page")
    title = clean_inline(title_hint or title or "")
    if not title:
        raise ParseError("title", "missing_title")

    record = ParsedInitiative(title=title, origin="vinnova-page", funder="Vinnova", source_name=source_name)
    record.source_url = source_url
    record.warnings = warnings
    record.machine_translated = bool(machine_translated) or any(line.kind == "mt" for line in lines)
    footer_reference = _read_body(lines, end, record)
    _apply_facts(record, facts, footer_reference)
    _set_languages(record, languages)
    return record


def _classify(raw: str) -> _Line:
    text = clean_inline(raw)
    if not text:
        return _Line("blank", "")
    if "|" in text and (row := _classify_row(text)):
        return row
    if _NOISE.match(text):
        return _Line("noise", text)
    if _MT_LINE.fullmatch(text):
        return _Line("mt", text)
    if heading := match_heading(text):
        return _Line("heading", text, key=heading[0], language=heading[1])
    if label := _LABEL_LINE.fullmatch(text):
        key, language = _LABEL_LOOKUP[label.group(1).casefold()]
        return _Line("label", text, key=key, language=language, value=label.group(2).strip())
    return _classify_footer(text)


def _classify_row(text: str) -> _Line | None:
    """A "| Label | Value |" row (the leading pipe is sometimes lost) or None for prose with a pipe."""
    cells = [cell.strip() for cell in text.strip("|").split("|")]
    if len(cells) < 2:
        return _Line("text", cells[0]) if cells[0] else _Line("blank", "")
    value = " ".join(cell for cell in cells[1:] if cell)
    found = _LABEL_LOOKUP.get(cells[0].rstrip(":").casefold())
    if found:
        return _Line("label", text, key=found[0], language=found[1], value=value)
    if cells[0] and len(cells[0]) <= 40:
        return _Line("row", text, key=cells[0], value=value)
    return None


def _classify_footer(text: str) -> _Line:
    if _LINKS_HEADING.fullmatch(text):
        return _Line("links", text)
    if _DISCLAIMER.match(text):
        return _Line("disclaimer", text)
    if updated := _UPDATED.fullmatch(text):
        return _Line("updated", text, value=updated.group(1))
    return _Line("text", text)


def _next_content(lines: list[_Line], index: int) -> int | None:
    """Index of the next line at or after ``index`` that is not blank or noise."""
    for position in range(index, len(lines)):
        if lines[position].kind not in _SKIPPED_KINDS:
            return position
    return None


def _find_facts(lines: list[_Line]) -> int | None:
    """Index of the first fact label that is followed by another (directly or after its value)."""
    for index, line in enumerate(lines):
        if line.kind != "label" or _GLUED_DNR.fullmatch(line.value):
            continue
        following = _next_content(lines, index + 1)
        if following is None:
            return None
        if lines[following].kind in ("label", "row"):
            return index
        after_value = _next_content(lines, following + 1)
        if not line.value and after_value is not None and lines[after_value].kind == "label":
            return index
    return None


def _find_title(lines: list[_Line], start: int, warnings: list[ParseWarning]) -> tuple[str | None, int]:
    """The title (first meaningful line before the facts) and the possibly moved start of the facts."""
    for line in lines[:start]:
        if line.kind == "label" and line.key == "reference":
            # "Reference number 2021-02068<Title>": the previous page's footer glued to this title.
            if glued := _GLUED_DNR.fullmatch(line.value):
                warnings.append(
                    ParseWarning.make("reference_number", "previous_page_reference", value=glued[1])
                )
                return glued[2], start
            continue
        if line.kind in ("text", "label", "row", "heading"):
            return line.text, start
    # No line before the facts: a title that starts like a label ("Call for …", "Program för …") was
    # read as the first fact. It is the title if its label comes again, or if it is a label a title
    # can plausibly start with rather than one of the facts every page has.
    first = lines[start]
    later_keys = {line.key for line in lines[start + 1 : start + 30] if line.kind == "label"}
    if first.value and (first.key in later_keys or first.key not in _CORE_FACTS | {"reference"}):
        following = _next_content(lines, start + 1)
        if following is not None and lines[following].kind == "label":
            return first.text, following
    return None, start


def _read_facts(
    lines: list[_Line], start: int, warnings: list[ParseWarning]
) -> tuple[dict[str, str], list[str], int]:
    """The facts from ``start`` on: {key: value}, the label languages, and the index where they end."""
    facts: dict[str, str] = {}
    languages: list[str] = []
    pending: str | None = None  # a label whose value may be on the next line
    values_on_own_line = False  # once seen, a value that looks like a label is still a value
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind in _SKIPPED_KINDS:
            continue
        if pending and _is_value_line(line, values_on_own_line):
            facts[pending] = line.text
            pending, values_on_own_line = None, True
            continue
        pending = None
        if line.kind == "label":
            languages.append(line.language)
            if not facts.get(line.key):
                facts[line.key] = line.value
                pending = None if line.value else line.key
        elif line.kind == "row":
            warnings.append(ParseWarning.make("file", "unknown_label", value=line.key))
        else:
            return facts, languages, index
    return facts, languages, len(lines)


def _is_value_line(line: _Line, values_on_own_line: bool) -> bool:
    """Whether ``line`` is the value of the label on the line before it."""
    if line.kind in ("text", "row"):
        return True
    # "Reference number" (empty) followed by "Coordinator X" is two labels, unless this page has
    # already shown that it puts values on their own lines.
    return line.kind == "label" and bool(line.value) and values_on_own_line


def _read_body(lines: list[_Line], start: int, record: ParsedInitiative) -> str | None:
    """Fill sections, links and last_updated from the lines after the facts; return the footer's dnr."""
    sections: dict[str, list[str]] = {}
    current = "summary"  # text before any heading
    mode = "body"
    footer_reference = None
    awaiting_reference = False
    for line in lines[start:]:
        if line.kind in ("noise", "mt"):
            continue
        if awaiting_reference and line.kind != "blank":
            awaiting_reference = False
            if DNR.fullmatch(line.text):
                footer_reference = line.text
                continue
        if line.kind == "heading":
            current, mode = line.key, "body"
            sections.setdefault(current, [])
        elif (
            line.kind == "label" and line.key == "reference" and (not line.value or DNR.fullmatch(line.value))
        ):
            mode, footer_reference = "footer", line.value or footer_reference
            awaiting_reference = not line.value
        elif line.kind in ("links", "disclaimer", "updated"):
            mode = "links" if line.kind == "links" else "footer"
            if line.kind == "updated":
                _set_last_updated(record, line.value)
        elif mode == "links":
            record.links.extend(_urls(line.text))
        elif mode == "body":
            sections.setdefault(current, []).append(line.text)
    _store_sections(record, sections)
    return footer_reference


def _urls(text: str) -> list[str]:
    found = (url.rstrip(".,;:!?") for url in _URL.findall(text))
    return [url if url.lower().startswith("http") else f"https://{url}" for url in found]


def _set_last_updated(record: ParsedInitiative, value: str) -> None:
    day = parse_day(value)
    if day is None:
        record.warn("last_updated", "bad_last_updated", value=value)
    else:
        record.last_updated = day.isoformat()


def _store_sections(record: ParsedInitiative, sections: dict[str, list[str]]) -> None:
    for key, section_lines in sections.items():
        body = clean_block("\n".join(section_lines))
        if body:
            record.sections[key] = body
    if "summary" in record.sections:
        record.warn("sections", "text_outside_sections")
    record.links = list(dict.fromkeys(record.links))


def _apply_facts(record: ParsedInitiative, facts: dict[str, str], footer_reference: str | None) -> None:
    """Validate and store the facts read from the page header."""
    record.reference_number = _reference(record, clean_inline(facts.get("reference", "")), footer_reference)
    record.coordinator, record.coordinator_unit, record.coordinator_org_number = split_coordinator(
        facts.get("coordinator")
    )
    record.funding_sek = parse_amount(facts.get("funding"), "funding_sek")
    record.start, record.end = parse_duration(facts.get("duration"))
    status_text = clean_inline(facts.get("status", ""))
    record.status = normalise_status(status_text)
    if status_text and record.status is None:
        record.warn("status", "unknown_status", value=status_text)
    record.call = clean_inline(facts.get("call", "")) or None
    record.application_round = clean_inline(facts.get("application_round", "")) or None
    record.programme = clean_inline(facts.get("programme", "")) or None


def _reference(record: ParsedInitiative, header: str, footer: str | None) -> str | None:
    if header and footer and header != footer:
        record.warn("reference_number", "conflicting_reference", value=header, other=footer)
    reference = header or footer or None
    if reference and not DNR.fullmatch(reference):
        record.warn("reference_number", "unexpected_reference", value=reference)
    return reference


def parse_duration(value: str | None) -> tuple[str | None, str | None]:
    """(start, end) as YYYY-MM from "June 2021 - November 2023", "oktober 2021 – juni 2023", "2021-06 – 2023-11".

    An open end ("June 2021 -") gives end None. ParseError for text that is not two dates, or for an
    end before the start.
    """
    text = clean_inline(value or "")
    if not text:
        return None, None
    parts = _DURATION_SPLIT.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip():
        raise ParseError("start", "bad_duration", params={"value": text})
    start = parse_month(parts[0], "start")
    end = parse_month(parts[1], "end")
    check_period(start, end)
    return start, end


def _set_languages(record: ParsedInitiative, label_languages: list[str]) -> None:
    swedish, english = label_languages.count("sv"), label_languages.count("en")
    record.label_language = "sv" if swedish > english else "en"
    record.language = record.label_language
    guessed = guess_language(" ".join(record.sections.values()))
    if guessed and guessed != record.language:
        # Some English pages show the Swedish text when no translation exists; trust the text.
        record.warn("language", "language_differs", label_language=record.label_language, language=guessed)
        record.language = guessed
