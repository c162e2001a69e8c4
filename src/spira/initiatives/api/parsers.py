"""JSON bodies the initiatives API accepts: within the size limit and storable by any database.

(The organisations app has the same idea; the lead may move one shared copy into core.api.)
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class RequestTooLarge(exceptions.APIException):
    """Django raises RequestDataTooBig above DATA_UPLOAD_MAX_MEMORY_SIZE; the API answers 413."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def storable(value) -> bool:
    """False when the data holds a NUL character or a lone surrogate (no database stores those)."""
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


class StorableJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not storable(data):
            raise exceptions.ParseError(_("The request contains characters that cannot be stored."))
        return data
