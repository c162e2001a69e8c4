"""Values shared by the importers: tidy text, amounts in kronor, dates and durations, statuses,
reference and organisation numbers. Pure functions; a value that cannot be read raises ParseError
naming the field."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .records import ParseError

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
