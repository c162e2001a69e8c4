""" "Have others done this?": the public records most like a given one, by their words.

A record is characterised by its stems weighted by where they stand (title, summary, body) and how
rare they are in the whole index (rare words say more, and find fewer, closer relatives). The
relatives are looked for in tiers, each ranked by all characteristic stems: first the records
holding the three most characteristic stems, then the two, then any of them. The first tiers are
selective, so the index reads few rows; the last one is reached only when they find too little.
The ids found are cached under the index version (spira.search.index.index_version), so showing
the same page again costs one query for the records, and any write to the index is seen at once.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models

from spira.search import backends, facets, keys, registry
from spira.search.backends import Match
from spira.search.index import OWNER_FACET, build_document, index_version
from spira.search.models import SearchText
from spira.search.stopwords import stop_stems

# Stems that characterise a record: enough to find relatives, few enough to be fast.
SIMILAR_TERMS = 12
SIMILAR_WEIGHTS = {"title": 3, "summary": 2, "body": 1}
# The most characteristic stems by weight whose rarity is looked up.
CANDIDATE_STEMS = 24
# Document frequencies are counted up to this; a stem in more documents is simply common.
COMMON = 2_000
# The ids found are cached under the index version (any index write gives a new one).
SIMILAR_TIMEOUT = 3600
# Tiers: all of the first 3 stems, all of the first 2, then any stem.
TIERS = (3, 2)


def characteristic_terms(
    search_text: SearchText,
    limit: int = SIMILAR_TERMS,
    frequencies: Mapping[str, int] | None = None,
) -> list[frozenset[str]]:
    """The stems that say most about a record: frequent in it, in heavy fields, not stop words,
    and, given document `frequencies` (counted up to COMMON), rare in the index."""
    scores: Counter[str] = Counter()
    ignored = stop_stems()
    for field_name, weight in SIMILAR_WEIGHTS.items():
        for stem in getattr(search_text, field_name).split():
            if len(stem) > 2 and not stem.isdigit() and stem not in ignored:
                scores[stem] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if frequencies is not None:
        rarity = {stem: math.log(1 + COMMON / (1 + frequencies.get(stem, 0))) for stem, _n in ranked}
        ranked = sorted(ranked, key=lambda item: (-item[1] * rarity[item[0]], item[0]))
    return [frozenset([stem]) for stem, _score in ranked[:limit]]


def _terms_of(spec, obj, content_type, using) -> list[frozenset[str]]:
    search_text = (
        SearchText.objects.using(using)
        .filter(document__content_type=content_type, document__object_id=obj.pk)
        .first()
        or build_document(spec, obj, public=False).search_text
    )
    candidates = characteristic_terms(search_text, CANDIDATE_STEMS)
    frequencies = backends.document_frequencies(
        [stem for term in candidates for stem in term], cap=COMMON, using=using
    )
    return characteristic_terms(search_text, SIMILAR_TERMS, frequencies)


def similar(obj: models.Model, limit: int = 5, exclude_same: Sequence[str] | None = None) -> list:
    """The public records of `obj`'s type most like it, from others: not itself, and none that
    share its value of a field in `exclude_same` (by default the spec's `owner_field`, for
    initiatives the coordinating organisation; `()` excludes nobody).

    Lexical similarity (see the module docstring), ranked by BM25 (SQLite) or ts_rank
    (PostgreSQL). Only the spec's `owner_field` can be excluded.
    """
    spec = registry.spec_for(obj)
    if spec is None:
        return []
    if exclude_same is None:
        exclude_same = (spec.owner_field,) if spec.owner_field else ()
    unknown = set(exclude_same) - {spec.owner_field}
    if unknown:
        raise ValueError(
            f"similar() can only exclude the owner field {spec.owner_field!r}, not {sorted(unknown)}"
        )
    using = spec.public_queryset().db
    content_type = ContentType.objects.db_manager(using).get_for_model(spec.model)
    key = f"search:similar:{index_version()}:{using}:{content_type.pk}:{obj.pk}:{limit}:{','.join(exclude_same)}"
    ids = cache.get(key)
    if ids is None:
        ids = _similar_ids(spec, obj, content_type, using, limit, exclude_same)
        cache.set(key, ids, SIMILAR_TIMEOUT)
    # Read through the public queryset every time: a record unpublished since is left out.
    objects = spec.public_queryset().select_related(*spec.select_related).in_bulk(ids)
    return [objects[object_id] for object_id in ids if object_id in objects]


def _similar_ids(spec, obj, content_type, using, limit, exclude_same) -> list:
    """The ids of the records most like `obj`, best first (see `similar`)."""
    terms = _terms_of(spec, obj, content_type, using)
    if not terms:
        return []
    without = ()
    if exclude_same:
        owner = getattr(obj, spec.model._meta.get_field(spec.owner_field).attname, None)
        if owner is not None:
            without = ((keys.facet_key(facets.encode(OWNER_FACET, owner)),),)
    base = Match(tuple(terms), any_term=True, keys=(keys.type_key(spec.model),), without=without)
    ranking = backends.render(Match(tuple(terms), any_term=True), using)
    found: dict[int, None] = {}
    tiers = [base.replace(required=tuple(terms[:size])) for size in TIERS if len(terms) >= size] + [base]
    for tier in tiers:
        rows = backends.document_rows(
            backends.render(tier, using),
            columns=["d.object_id"],
            where=["d.object_id <> %s"],
            params=[obj.pk],
            rank=True,
            rank_expression=ranking,
            order_by=backends.RANK_ORDER,
            limit=limit + len(found),
            using=using,
        )
        for object_id, _score in rows:
            found.setdefault(object_id)
        if len(found) >= limit:
            break
    return list(found)[:limit]
