"""Snippets with the matched words marked, cut from the original (unstemmed) text.

A word is marked when its Swedish or English stem is one of the query's stems. Every piece of the
text is escaped first; only the <mark> tags we add are markup.
"""

import html
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from spira.search import text

SNIPPET_WORDS = 36
WORDS_BEFORE_FIRST_MATCH = 8
# Per query: enough for the words of many pages of hits, bounded all the same.
MAX_REMEMBERED_WORDS = 50_000


@lru_cache(maxsize=64)
def _matcher(stems: frozenset[str]) -> Callable[[str], bool]:
    """Whether a normalised word matches `stems`, remembered per word: texts and the hits of one
    page repeat their words, and a page's snippets share their query's stems."""
    seen: dict[str, bool] = {}

    def is_match(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            found = any(text.stem(word, language) in stems for language in text.LANGUAGES)
            if len(seen) < MAX_REMEMBERED_WORDS:
                seen[word] = found
        return found

    return is_match


def snippet(original: str, stems: Iterable[str], *, words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of `original` around the first match, matches in <mark>, all escaped."""
    stems = frozenset(stems)
    original = original or ""
    is_match = _matcher(stems)
    before = min(WORDS_BEFORE_FIRST_MATCH, words // 2)
    # Words are read only as far as the snippet reaches (and one more, to know whether it ends
    # the text): the first match, then `words` words from a little before it.
    spans: list[tuple[int, int, str]] = []
    matches: list[int] = []
    needed = None if stems else words + 1
    for span in text.word_spans(original):
        spans.append(span)
        if stems and is_match(span[2]):
            if not matches:
                needed = max(0, len(spans) - 1 - before) + words + 1
            matches.append(len(spans) - 1)
        if needed is not None and len(spans) >= needed:
            break
    if not spans:
        return mark_safe(escape(original[:300]))
    more = needed is not None and len(spans) >= needed  # there are words after those read
    if more:
        spans.pop()
    first = max(0, matches[0] - before) if matches else 0
    last = min(len(spans), first + words)
    first = max(0, min(first, last - words))
    parts: list[str] = ["… "] if first > 0 else []
    position = spans[first][0] if first > 0 else 0
    # The unmarked stretches are escaped whole; only the marked words are cut out.
    for index in matches:
        if first <= index < last:
            start, end, _word = spans[index]
            parts.append(html.escape(original[position:start]))
            parts.append(f"<mark>{html.escape(original[start:end])}</mark>")
            position = end
    if last < len(spans) or more:
        parts.append(html.escape(original[position : spans[last - 1][1]]))
        parts.append(" …")
    else:
        parts.append(html.escape(original[position:]))
    return mark_safe("".join(parts))


def best_text(candidates: Iterable[str], stems: Iterable[str]) -> str:
    """The first non-empty candidate text with a match, else the first non-empty one."""
    is_match = _matcher(frozenset(stems))
    texts = [t for t in candidates if t]
    for candidate in texts:
        if any(map(is_match, text.words(candidate))):
            return candidate
    return texts[0] if texts else ""
