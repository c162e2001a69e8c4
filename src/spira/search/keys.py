"""Filter keys: tokens indexed with a document's text so that the full-text index itself filters by
publicity and type, by facet values and by "this word is in the title or summary", instead of
every matching row being read and tested.

A key contains underscores, which never occur in a stem (spira.search.text splits words there), so
no word a reader types can match a key. The keys of a document are stored in `SearchText.keys`,
separated by spaces; the FTS5 table indexes them as a fourth column (weight 0) and the PostgreSQL
tsvector as position-less lexemes (see spira.search.migrations._fulltext_keys).
"""

import hashlib

from django.db import models

# Every public document.
PUBLIC = "_public"
# A stem of the title or summary, as `h_<stem>` (the head of the document).
HEAD_PREFIX = "h_"


def type_key(model: type[models.Model]) -> str:
    """The key of a model's public documents (`_public_initiatives_initiative`): publicity and
    type in one key, so that a typed search reads one long list of documents, not two."""
    return f"_public_{model._meta.app_label}_{model._meta.model_name}"


def head_key(stem: str) -> str:
    return HEAD_PREFIX + stem


def facet_key(line: str) -> str:
    """The key of one facet line (`spira.search.facets.encode`): a short digest, since values may
    hold any character and be long."""
    return "_f_" + hashlib.blake2s(line.encode(), digest_size=8).hexdigest()
