"""The importers' error messages in the reader's language, looked up by the error's stable code.

The parsers and the loader store a code, its parameters and an English text with every failure;
pages and commands show the translated text from here, and the stored English text for a code this
catalogue does not know.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

FAILURE_MESSAGES = {
    "not_a_vinnova_page": _(
        "This does not look like a Vinnova project page: no project facts "
        "(coordinator, funding, duration …) were found."
    ),
    "missing_title": _("No project title was found."),
    "missing_reference": _("The record has no reference number (diarienummer)."),
    "not_a_number": _("The amount “%(value)s” is not a number."),
    "negative_amount": _("The amount “%(value)s” is negative."),
    "amount_too_large": _("The amount “%(value)s” is too large to be a grant."),
    "bad_date": _("“%(value)s” is not a date that can be read."),
    "bad_duration": _("The project duration “%(value)s” could not be read as a start and an end."),
    "end_before_start": _("The project ends (%(end)s) before it starts (%(start)s)."),
    "not_text": _("The field holds %(kind)s, not text."),
    "empty_file": _("The file is empty."),
    "file_too_large": _("The file is larger than %(limit)s MB."),
    "unreadable_file": _("The file could not be read: %(reason)s"),
    "invalid_json": _("The file is not valid JSON: %(reason)s"),
    "wrong_shape": _("Expected a list of records (or an object holding one), not %(kind)s."),
    "not_an_object": _("The record is %(kind)s, not an object."),
    "too_long": _("The text is %(length)s characters long; at most %(limit)s are allowed."),
    "unknown_status": _("Unknown status “%(value)s”."),
    "unknown_language": _("Unknown language “%(value)s”; use sv or en."),
    "database_error": _("The record could not be saved: %(reason)s"),
    "no_records": _("The file holds no records."),
    "no_readable_records": _("None of the %(count)s records could be read. The first problem: %(first)s"),
}


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return f"%({key})s"


def failure_text(failure: dict[str, Any]) -> str:
    """The message of a stored failure ({"code", "params", "message", ...}) in the active language."""
    template = FAILURE_MESSAGES.get(failure.get("code") or "")
    if template is None:
        return str(failure.get("message") or failure.get("code") or "")
    params = _Params({key: _shorten(value) for key, value in (failure.get("params") or {}).items()})
    try:
        return str(template) % params
    except (TypeError, ValueError):
        return str(failure.get("message") or template)


def _shorten(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
