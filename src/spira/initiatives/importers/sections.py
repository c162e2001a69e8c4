"""Section headings of project texts (Vinnova pages, SweCRIS abstracts) and the text's language."""

from __future__ import annotations

import re

from .values import clean_block, clean_inline

# Canonical section keys and every heading (old and new page forms, SweCRIS abstracts) that maps
# to them, with the heading's language.
SECTION_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "purpose": {
        "sv": ("Syfte och mål", "Projektets syfte och mål"),
        "en": ("Purpose and goal", "Purpose and goals", "Purpose and aim"),
    },
    "results": {
        "sv": ("Viktiga resultat som projektet gav", "Resultat och förväntade effekter",
               "Förväntade effekter och resultat", "Förväntade resultat och effekter"),
        "en": ("Important results from the project", "Results and expected effects",
               "Expected effects and result", "Expected effects and results", "Expected results and effects"),
    },
    "long_term_effects": {
        "sv": ("Långsiktiga effekter som förväntas",),
        "en": ("Expected long term effects", "Expected long-term effects"),
    },
    "approach": {
        "sv": ("Upplägg och genomförande", "Planerat upplägg och genomförande"),
        "en": ("Approach and implementation", "Planned approach and implementation"),
    },
}  # fmt: skip
_HEADING_LOOKUP = {
    heading.casefold(): (key, language)
    for key, by_language in SECTION_HEADINGS.items()
    for language, headings in by_language.items()
    for heading in headings
}
_INLINE_HEADING = re.compile(r"([^:]{8,60}):\s*(.*)", re.DOTALL)


def match_heading(line: str, *, inline: bool = False) -> tuple[str, str, str] | None:
    """(section key, heading language, text after the heading) if ``line`` is a section heading.

    A heading normally stands alone on its line (a trailing colon is allowed). With ``inline``,
    "Syfte och mål: text …" also counts, as SweCRIS abstracts sometimes run on.
    """
    text = clean_inline(line)
    found = _HEADING_LOOKUP.get(text.rstrip(":").rstrip().casefold())
    if found:
        return found[0], found[1], ""
    if inline and (match := _INLINE_HEADING.fullmatch(text)):
        found = _HEADING_LOOKUP.get(match.group(1).strip().casefold())
        if found:
            return found[0], found[1], match.group(2)
    return None


def split_sections(text: str | None, default_key: str = "summary") -> dict[str, str]:
    """Split an abstract with "Syfte och mål:"-style headings into canonical sections.

    Text before the first heading (or all of it, when there is none) goes under ``default_key``;
    a heading that occurs twice has its texts joined.
    """
    cleaned = clean_block(text)
    if not cleaned:
        return {}
    parts: dict[str, list[str]] = {}
    key = default_key
    for line in cleaned.split("\n"):
        heading = match_heading(line, inline=True)
        if heading:
            key, _, rest = heading
            parts.setdefault(key, [])
            line = rest
        parts.setdefault(key, []).append(line)
    return {key: body for key, lines in parts.items() if (body := clean_block("\n".join(lines)))}


_WORD = re.compile(r"[a-zåäöéü]+")
_SWEDISH_WORDS = frozenset(
    ("och", "att", "som", "för", "med", "det", "är", "av", "på", "en", "ett", "till", "har", "inte",
     "den", "de", "vi", "om", "kan", "ska", "samt", "även", "från", "där", "genom", "hur", "projektet")
)  # fmt: skip
_ENGLISH_WORDS = frozenset(
    ("the", "and", "of", "to", "is", "that", "for", "with", "as", "by", "on", "this", "are", "be",
     "has", "have", "from", "an", "it", "which", "will", "been", "was", "project")
)  # fmt: skip


def guess_language(text: str) -> str | None:
    """The language ("sv"/"en") by counting function words; None when the text cannot tell."""
    words = _WORD.findall(text[:4000].lower())
    swedish = sum(word in _SWEDISH_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    if swedish + english < 8:
        return None
    if swedish > 2 * english:
        return "sv"
    if english > 2 * swedish:
        return "en"
    return None
