"""Turning text into search terms, the same way for documents and queries, on every database.

Words are runs of Unicode letters and digits (å, ä and ö are letters and stay as they are), lower-
cased after NFKC normalisation. A document's text is stemmed with the Snowball stemmer of the
language it is written in; a query word is stemmed both as Swedish and as English, and either stem
may match, so "äldreboenden" finds "äldreboende" and "municipalities" finds "municipality" whatever
language the reader searches in. No stop words are dropped from documents or queries.

Swedish Snowball keeps the definite neuter ending -et in most words ("äldreboendet", "projektet",
"samhället"), so those never met their other forms; a Swedish stem that still ends in -et is cut
and stemmed once more. Applied to every Swedish stem, this maps all forms of a word alike
("budget", "budgeten" and "budgetar" all become "budg").
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

LANGUAGES = ("sv", "en")
_STEMMER_NAMES = {"sv": "swedish", "en": "english"}
# Words longer than this are not words (hashes, glued URLs); they would only bloat the index.
MAX_WORD_LENGTH = 60
# A query longer than this is cut: nobody types more, and every word costs an index lookup.
MAX_QUERY_WORDS = 12

_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    found = _WORD.findall(normalise(text))
    if found and max(map(len, found)) > MAX_WORD_LENGTH:
        return [w for w in found if len(w) <= MAX_WORD_LENGTH]
    return found


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised word) for each word of the original `text`, for highlighting."""
    text = text or ""
    # Most texts are normalised already: then lower-casing each word is enough.
    plain = text.isascii() or unicodedata.is_normalized("NFKC", text)
    for match in _WORD.finditer(text):
        word = match.group().lower() if plain else normalise(match.group())
        # NFKC may turn one character into several (ligatures); the span stays the original's.
        if 0 < len(word) <= MAX_WORD_LENGTH:
            yield match.start(), match.end(), word


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return snowballstemmer.stemmer(_STEMMER_NAMES[language])


def language_of(language: str | None) -> str:
    """One of LANGUAGES for any language code; Swedish unless it is English."""
    return "en" if (language or "").lower().startswith("en") else "sv"


# Stems by language and word: the same few thousand words recur in every text, and a dictionary
# lookup is far cheaper than the stemmer. Bounded: cleared when it grows past MAX_CACHED_STEMS.
_STEMS: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
MAX_CACHED_STEMS = 200_000
# A Swedish stem shorter than this keeps its -et ("het", "det", "meet").
_MIN_ET_STEM = 5


def _compute_stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    # Numbers are their own stems (and texts are full of unique ones: years, reference numbers).
    result = word if word.isdigit() else (stemmer.stemWord(word) or word)
    if language == "sv" and result.endswith("et") and len(result) >= _MIN_ET_STEM:
        result = stemmer.stemWord(result[:-2]) or result
    cache = _STEMS[language]
    if len(cache) >= MAX_CACHED_STEMS:
        cache.clear()
    cache[word] = result
    return result


def stem(word: str, language: str) -> str:
    """The stem of one normalised word; words the stemmer cuts to nothing stay whole."""
    language = language_of(language)
    return _STEMS[language].get(word) or _compute_stem(word, language)


def stems(text: str, language: str) -> list[str]:
    """The stems of `text` in order, stemmed as `language` ("sv" or "en")."""
    language = language_of(language)
    found = words(text)
    # Looked up in C; only the (few) words not seen before go through the stemmer.
    result = list(map(_STEMS[language].get, found))
    if None in result:
        result = [
            stem if stem is not None else _compute_stem(word, language)
            for stem, word in zip(result, found, strict=True)
        ]
    return result


def stem_text(text: str, language: str) -> str:
    """The stems of `text` joined by spaces: the form stored in the search index."""
    return " ".join(stems(text, language))


def query_terms(query: str) -> list[frozenset[str]]:
    """The terms of a query: for each distinct word, its Swedish and English stems.

    A document matches when it has, for every term, at least one of the term's stems.
    """
    terms: list[frozenset[str]] = []
    for word in dict.fromkeys(words(query or "")):
        term = frozenset(stem(word, language) for language in LANGUAGES)
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_QUERY_WORDS:
            break
    return terms


def all_stems(terms: list[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*terms) if terms else frozenset()
