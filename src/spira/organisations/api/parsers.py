"""A JSON parser that keeps Django's request size limit and refuses text no database can store.

DRF's parsers read the request stream directly, so DATA_UPLOAD_MAX_MEMORY_SIZE (which Django
checks only in `request.body`) does not apply to them; without this, any body size is parsed.
"""

import io

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def _storable(value) -> bool:
    """False when the data holds a lone surrogate or a NUL character (PostgreSQL stores neither)."""
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


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if stream is None:
            return super().parse(stream, media_type, parser_context)
        if limit is not None:
            request = (parser_context or {}).get("request")
            if request is not None and _declared_length(request) > limit:
                raise RequestTooLarge
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise RequestTooLarge
        else:
            body = stream.read()
        data = super().parse(io.BytesIO(body), media_type, parser_context)
        if not _storable(data):
            raise exceptions.ParseError(_("The request contains characters that cannot be stored."))
        return data
