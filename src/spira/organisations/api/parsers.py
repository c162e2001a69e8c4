"""Moved to spira.core.api; kept while other apps switch their imports."""

from spira.core.api.exceptions import RequestTooLarge
from spira.core.api.parsers import StrictJSONParser

__all__ = ["RequestTooLarge", "StrictJSONParser"]
