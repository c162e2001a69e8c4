"""The API's JSON parser and errors for bodies no database can store or no server should read."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class RequestTooLarge(exceptions.APIException):
    """DRF reads JSON bodies through `request.body`, which raises Django's RequestDataTooBig above
    DATA_UPLOAD_MAX_MEMORY_SIZE; DRF's handler does not know it, so it would become an HTML 400."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def _storable(value) -> bool:
    """False when the data holds a lone surrogate or a NUL character (PostgreSQL stores neither,
    and SQLite cannot encode a lone surrogate)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return False
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


class StrictJSONParser(JSONParser):
    """JSON whose every string can be stored; anything else is a 400 before any field is read."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not _storable(data):
            raise exceptions.ParseError(_("The request contains characters that cannot be stored."))
        return data
