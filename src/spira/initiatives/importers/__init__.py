"""Parsers that turn external case-library sources into ParsedInitiative records (no database)."""

from .records import ParsedInitiative, ParseError, ParseWarning
from .swecris import iter_swecris_file, parse_swecris
from .vinnova_json import iter_vinnova_json_file, parse_vinnova_json
from .vinnova_pages import parse_vinnova_file, parse_vinnova_page

__all__ = [
    "ParseError",
    "ParseWarning",
    "ParsedInitiative",
    "iter_swecris_file",
    "iter_vinnova_json_file",
    "parse_swecris",
    "parse_vinnova_file",
    "parse_vinnova_json",
    "parse_vinnova_page",
]
