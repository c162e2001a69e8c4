"""Snippets with the matched words marked, cut from the original (unstemmed) text.

A word is marked when its Swedish or English stem is one of the query's stems. Every piece of the
text is escaped first; only the <mark> tags we add are markup.
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from spira.search import text

SNIPPET_WORDS = 36
WORDS_BEFORE_FIRST_MATCH = 8


def _is_match(word: str, stems: frozenset[str]) -> bool:
    return any(text.stem(word, language) in stems for language in text.LANGUAGES)


def snippet(original: str, stems: Iterable[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `original` around the first match, matches in <mark>, all escaped."""
    stems = frozenset(stems)
    original = original or ""
    spans = list(text.word_spans(original))
    if not spans:
        return mark_safe(escape(original[:300]))
    matches = [i for i, (_s, _e, word) in enumerate(spans) if _is_match(word, stems)] if stems else []
    before = min(WORDS_BEFORE_FIRST_MATCH, words // 2)
    first = max(0, matches[0] - before) if matches else 0
    last = min(len(spans), first + words)
    first = max(0, min(first, last - words))
    marked = set(matches)
    parts: list[str] = []
    if first > 0:
        parts.append("… ")
    position = spans[first][0] if first > 0 else 0
    for index in range(first, last):
        start, end, _word = spans[index]
        parts.append(escape(original[position:start]))
        piece = escape(original[start:end])
        parts.append(f"<mark>{piece}</mark>" if index in marked else piece)
        position = end
    if last < len(spans):
        parts.append(" …")
    else:
        parts.append(escape(original[position:]))
    return mark_safe("".join(parts))


def best_text(candidates: Iterable[str], stems: Iterable[str]) -> str:
    """The first non-empty candidate text with a match, else the first non-empty one."""
    stems = frozenset(stems)
    texts = [t for t in candidates if t]
    for candidate in texts:
        if any(_is_match(word, stems) for _s, _e, word in text.word_spans(candidate)):
            return candidate
    return texts[0] if texts else ""
