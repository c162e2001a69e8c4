"""Reading the search index: the search page's results and facets, the typed API hits and
"have others done this?" (`similar`, in spira.search.similar). Nothing here writes;
spira.search.index does.

Relevance puts first the hits with every word in their title or summary ("the head"): those with
more of the words in the title first, the newest first among equals. Then come the others, ranked
by all their text (BM25 on SQLite, ts_rank on PostgreSQL): title hits above summary hits above
body hits. The full-text rank is computed only when a page reaches past the head hits, and only
for the others. Sorting and paging are done by the database, so a page reads its twenty rows,
whatever the number of hits.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch

from spira.search import backends, counting, highlight, keys, registry, text
from spira.search.backends import Match
from spira.search.facets import FacetResult
from spira.search.models import SearchDocument
from spira.search.similar import SIMILAR_TERMS, characteristic_terms, similar  # noqa: F401  (public API)

PER_PAGE = 20
SORTS = ("relevance", "newest", "title")
# Added to the score of head hits, so that a higher rank is better across both tiers.
HEAD_RANK_BONUS = 1000.0


@dataclass
class Hit:
    obj: models.Model
    spec: registry.SearchSpec = field(repr=False)
    snippet: str
    rank: float | None = None

    @property
    def type_name(self) -> str:
        return self.spec.type_name

    @property
    def type_label(self) -> str:
        return str(self.spec.model._meta.verbose_name)

    @property
    def title(self) -> str:
        return self.spec.title(self.obj)

    @property
    def url(self) -> str:
        try:
            return self.obj.get_absolute_url()
        except NoReverseMatch:
            # A type whose pages are not mounted (yet) is still findable, shown without a link.
            return ""

    @property
    def template(self) -> str:
        return self.spec.hit_template


@dataclass
class SearchResults:
    query: str
    terms: list[frozenset[str]]
    spec: registry.SearchSpec | None
    sort: str
    page: Page
    hits: list[Hit]
    facets: list[FacetResult] = field(default_factory=list)
    type_counts: list[tuple[registry.SearchSpec, int]] = field(default_factory=list)
    selected: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def has_words(self) -> bool:
        return bool(self.terms)


def _snippet(spec: registry.SearchSpec, obj: models.Model, stems: frozenset[str]) -> str:
    reader = getattr(obj, "text", None)
    candidates = [
        reader(name) if callable(reader) else getattr(obj, name, "") for name in spec.snippet_fields
    ]
    return highlight.snippet(highlight.best_text(candidates, stems), stems)


def _getlist(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def default_spec(type_name: str | None) -> registry.SearchSpec | None:
    """The type searched: the one asked for, or the only one there is."""
    if type_name:
        return registry.spec_for_type(type_name)
    specs = registry.specs()
    return specs[0] if len(specs) == 1 else None


def search(
    query: str = "",
    *,
    type_name: str | None = None,
    params: Mapping | None = None,
    sort: str = "relevance",
    page: int | str = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """The search page: hits of one type with facets, or of all types with counts per type."""
    params = params or {}
    terms = text.query_terms(query)
    sort = sort if sort in SORTS else "relevance"
    if not terms and sort == "relevance":
        sort = "newest"
    spec = default_spec(type_name)
    if spec is None:
        return _search_all_types(query, terms, sort, page, per_page)
    return _search_type(spec, query, terms, params, sort, page, per_page)


class LazyWindow:
    """A result list of known length whose pages are fetched on demand (for Paginator)."""

    def __init__(self, count: int, fetch):
        self._count, self._fetch = count, fetch

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item: slice):
        start = item.start or 0
        stop = self._count if item.stop is None else item.stop
        return self._fetch(start, max(0, stop - start))


def relevance_rows(
    match: Match, total: int, offset: int, limit: int, columns: Sequence[str], using: str
) -> list[tuple]:
    """Rows (`columns` + score) of a page of what `match` finds, best first: the head tier (every
    word in the title or summary), then the rest; see the module docstring."""
    head = match.replace(head=True)
    in_head = backends.count(backends.render(head, using), using)
    rows: list[tuple] = []
    if offset < in_head and limit > 0:
        found = backends.head_rows(
            backends.render(head, using),
            match.terms,
            columns=columns,
            limit=min(limit, in_head - offset),
            offset=offset,
            using=using,
        )
        rows += [(*row[:-1], row[-1] + HEAD_RANK_BONUS) for row in found]
    rest = limit - len(rows)
    if rest > 0 and total > in_head:
        rows += backends.document_rows(
            backends.render(match.replace(without_head=True), using),
            columns=columns,
            rank=True,
            rank_expression=backends.render(Match(match.terms), using),
            order_by=backends.RANK_ORDER,
            limit=rest,
            offset=max(0, offset - in_head),
            using=using,
        )
    return rows


def _ordered_rows(expression, sort, offset, limit, columns, using, where=(), params=()) -> list[tuple]:
    """Rows (`columns` + a null score) of a page sorted by `sort` ("newest" or "title")."""
    order_by = backends.title_order(using) if sort == "title" else backends.NEWEST_ORDER
    rows = backends.document_rows(
        expression,
        columns=columns,
        where=where,
        params=params,
        order_by=order_by,
        limit=limit,
        offset=offset,
        using=using,
    )
    return [(*row, None) for row in rows]


def _search_type(spec, query, terms, params, sort, page, per_page) -> SearchResults:
    facets = list(spec.facets())
    selected = {facet.name: facet.clean(_getlist(params, facet.name)) for facet in facets}
    using = spec.public_queryset().db
    groups = [(facet, selected[facet.name]) for facet in facets if selected[facet.name]]
    content_type = ContentType.objects.db_manager(using).get_for_model(spec.model)
    if terms:
        match = counting.keyed_match(terms, (keys.type_key(spec.model),), groups)
        counts = counting.count_with_words(match, [facet.name for facet, _values in groups], using)

        def rows(offset, limit):
            if sort == "relevance":
                return relevance_rows(match, counts.total, offset, limit, ["d.object_id"], using)
            expression = backends.render(match, using)
            return _ordered_rows(expression, sort, offset, limit, ["d.object_id"], using)

    else:
        counts = counting.count_without_words(content_type.pk, groups, using)
        conditions, flag_params = counting.flag_conditions(groups, using)

        def rows(offset, limit):
            where = ["d.content_type_id = %s", "d.public = %s", *conditions]
            params = [content_type.pk, True, *flag_params]
            return _ordered_rows(None, sort, offset, limit, ["d.object_id"], using, where, params)

    group_index = {facet.name: index for index, (facet, _values) in enumerate(groups)}
    facet_results = [
        FacetResult(
            facet.name,
            str(facet.label),
            facet.options(counts.facet_counts(facet.name, group_index.get(facet.name)), selected[facet.name]),
        )
        for facet in facets
    ]

    def fetch(offset, limit):
        page_rows = rows(offset, limit)
        objects = spec.hits_queryset().in_bulk([row[0] for row in page_rows])
        return [(objects[row[0]], row[-1]) for row in page_rows if row[0] in objects]

    page_obj = Paginator(LazyWindow(counts.total, fetch), per_page).get_page(page)
    stems = text.all_stems(terms)
    hits = [Hit(obj, spec, _snippet(spec, obj, stems), rank) for obj, rank in page_obj]
    return SearchResults(query, terms, spec, sort, page_obj, hits, facet_results, [], selected)


def _hits_for_rows(rows: Sequence[tuple], stems: frozenset[str]) -> list[Hit]:
    """The hits of a page of (content type id, object id, score) rows, fetching each type's
    records in one query."""
    by_type: dict[int, list[int]] = {}
    for type_id, object_id, _score in rows:
        by_type.setdefault(type_id, []).append(object_id)
    objects: dict[tuple[int, int], models.Model] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        spec = registry.spec_for(model) if model else None
        if spec is None:
            continue
        for obj in spec.hits_queryset().filter(pk__in=ids):
            objects[(type_id, obj.pk)] = obj
    hits = []
    for type_id, object_id, score in rows:
        obj = objects.get((type_id, object_id))
        if obj is not None:
            spec = registry.spec_for(obj)
            hits.append(Hit(obj, spec, _snippet(spec, obj, stems), score))
    return hits


def _type_keys(type_names: Sequence[str]) -> tuple[str, ...] | None:
    """The keys of these types (all types: an empty tuple); None when none of them is known."""
    if not type_names:
        return ()
    specs = [spec for name in type_names if (spec := registry.spec_for_type(name))]
    return tuple(keys.type_key(spec.model) for spec in specs) or None


def _search_all_types(query, terms, sort, page, per_page) -> SearchResults:
    columns = ["d.content_type_id", "d.object_id"]
    type_counts = []
    if terms:
        for spec in registry.specs():
            expression = backends.render(Match(tuple(terms), keys=(keys.type_key(spec.model),)))
            if found := backends.count(expression):
                type_counts.append((spec, found))
        total = sum(found for _spec, found in type_counts)
        match = Match(tuple(terms), keys=(keys.PUBLIC,))

        def rows(offset, limit):
            if sort == "relevance":
                return relevance_rows(match, total, offset, limit, columns, "default")
            return _ordered_rows(backends.render(match), sort, offset, limit, columns, "default")

    else:
        documents = SearchDocument.objects.filter(public=True)
        counts = dict(documents.order_by().values_list("content_type").annotate(n=Count("pk")))
        for spec in registry.specs():
            type_id = ContentType.objects.get_for_model(spec.model).pk
            if counts.get(type_id):
                type_counts.append((spec, counts[type_id]))
        total = documents.count()

        def rows(offset, limit):
            return _ordered_rows(None, sort, offset, limit, columns, "default", ["d.public = %s"], [True])

    page_obj = Paginator(LazyWindow(total, rows), per_page).get_page(page)
    hits = _hits_for_rows(list(page_obj), text.all_stems(terms))
    return SearchResults(query, terms, None, sort, page_obj, hits, [], type_counts, {})


def search_hits(query: str, *, type_names: Sequence[str] = (), offset: int = 0, limit: int = PER_PAGE):
    """(total, hits) for the API: public records of the given types (or all) matching `query`,
    best first. With `limit` 0 only the total is counted."""
    terms = text.query_terms(query)
    type_keys = _type_keys(type_names)
    if not terms or type_keys is None:
        return 0, []
    match = (
        Match(tuple(terms), key_groups=(type_keys,))
        if type_keys
        else Match(tuple(terms), keys=(keys.PUBLIC,))
    )
    total = backends.count(backends.render(match))
    if limit <= 0 or offset >= total:
        return total, []
    rows = relevance_rows(match, total, offset, limit, ["d.content_type_id", "d.object_id"], "default")
    return total, _hits_for_rows(rows, text.all_stems(terms))
