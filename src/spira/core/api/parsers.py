"""The API's JSON parser: bodies whose strings no database can store are refused before any field is read."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


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
