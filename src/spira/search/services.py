"""Reading the search index: the search page's results and facets, the typed API hits and
"have others done this?" (`similar`). Nothing here writes; spira.search.index does."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch

from spira.search import backends, highlight, registry, text
from spira.search import facets as facets_module
from spira.search.facets import FacetResult
from spira.search.index import OWNER_FACET, build_document
from spira.search.models import SearchDocument, SearchText
from spira.search.stopwords import stop_stems

PER_PAGE = 20
SORTS = ("relevance", "newest", "title")
# Stems that characterise a record for similar(): enough to find relatives, few enough to be fast.
SIMILAR_TERMS = 12
SIMILAR_WEIGHTS = {"title": 3, "summary": 2, "body": 1}


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


def _scan(expression, base_where, base_params, groups, sort_column, ranked, using):
    """One statement over the matching documents, read once, for both the facet counts and the
    order of the hits.

    Returns (hits, everywhere, but_one): `hits` are (sort key, object id) of the documents that
    pass every filter; `everywhere` counts the facet lines of those, and `but_one[i]` the lines of
    the documents failing only filter `i` (a facet's counts leave out its own filter). Documents
    failing more than one filter are left out in SQL. Lines are counted in C (str.split and
    Counter), never parsed one by one.
    """
    flags, flag_params = [], []
    for facet, values in groups:
        condition = " OR ".join(backends.contains_sql("d.facets", using) for _ in values)
        flags.append(f"CASE WHEN {condition} THEN 1 ELSE 0 END")
        flag_params += [facets_module.needle(facet.name, v) for v in values]
    where, params = list(base_where), list(base_params)
    if groups:
        where.append(" + ".join(f"({flag})" for flag in flags) + f" >= {len(groups) - 1}")
        params += flag_params
    columns = ["d.object_id", "d.facets", *flags]
    if not ranked:
        columns.append(sort_column)
    rows = backends.document_rows(
        expression,
        columns=columns,
        column_params=flag_params,
        where=where,
        params=params,
        rank=ranked,
        using=using,
    )
    everywhere: Counter[str] = Counter()
    but_one: dict[int, Counter[str]] = {i: Counter() for i in range(len(groups))}
    hits = []
    last_flag = 2 + len(groups)
    for row in rows:
        missing = [i for i, flag in enumerate(row[2:last_flag]) if not flag]
        if not missing:
            hits.append((row[-1], row[0]))
            everywhere.update(row[1].split("\n"))
        elif len(missing) == 1:
            but_one[missing[0]].update(row[1].split("\n"))
    return hits, everywhere, but_one


def _sorted_hits(hits: list[tuple], sort: str, ranked: bool) -> list[int]:
    """Object ids in the page order: best, newest or by title; ties by id."""
    if ranked:
        hits.sort(key=lambda hit: (-hit[0], hit[1]))
    elif sort == "title":
        hits.sort(key=lambda hit: (hit[0] or "", hit[1]))
    else:
        # Newest first, undated last. Dates come as text from SQLite and as datetimes from
        # PostgreSQL; within one database they compare correctly.
        dated = sorted((hit for hit in hits if hit[0] is not None), reverse=True)
        hits = dated + sorted((hit for hit in hits if hit[0] is None), reverse=True)
    return [object_id for _key, object_id in hits]


def _facet_counts(facet, counter: Counter, extra: Counter | None) -> dict[str, int]:
    prefix = facet.name + "="
    counts: dict[str, int] = {}
    for source in (counter, extra) if extra is not None else (counter,):
        for line, n in source.items():
            if line.startswith(prefix):
                value = line[len(prefix) :]
                counts[value] = counts.get(value, 0) + n
    return counts


def _search_type(spec, query, terms, params, sort, page, per_page) -> SearchResults:
    facets = list(spec.facets())
    selected = {facet.name: facet.clean(_getlist(params, facet.name)) for facet in facets}
    using = spec.public_queryset().db
    expression = backends.match_expression(terms, using=using) if terms else None
    content_type = ContentType.objects.db_manager(using).get_for_model(spec.model)
    groups = [(facet, selected[facet.name]) for facet in facets if selected[facet.name]]
    ranked = expression is not None and sort == "relevance"
    sort_column = "d.sort_title" if sort == "title" else "d.date"
    hits, everywhere, but_one = _scan(
        expression,
        ["d.content_type_id = %s", "d.public = %s"],
        [content_type.pk, True],
        groups,
        sort_column,
        ranked,
        using,
    )
    scores = {object_id: key for key, object_id in hits} if ranked else {}
    ordered = _sorted_hits(hits, sort, ranked)
    group_index = {facet.name: i for i, (facet, _values) in enumerate(groups)}
    facet_results = [
        FacetResult(
            facet.name,
            str(facet.label),
            facet.options(
                _facet_counts(facet, everywhere, but_one.get(group_index.get(facet.name, -1))),
                selected[facet.name],
            ),
        )
        for facet in facets
    ]

    def fetch(offset, limit):
        ids = ordered[offset : offset + limit]
        objects = (
            spec.public_queryset()
            .select_related(*spec.select_related)
            .prefetch_related(*spec.prefetch_related)
            .in_bulk(ids)
        )
        return [(objects[i], scores.get(i)) for i in ids if i in objects]

    page_obj = Paginator(LazyWindow(len(ordered), fetch), per_page).get_page(page)
    stems = text.all_stems(terms)
    hits = [Hit(obj, spec, _snippet(spec, obj, stems), rank) for obj, rank in page_obj]
    return SearchResults(query, terms, spec, sort, page_obj, hits, facet_results, [], selected)


def _documents(terms, *, type_names: Sequence[str] = ()) -> models.QuerySet:
    documents = SearchDocument.objects.filter(public=True)
    specs = [registry.spec_for_type(name) for name in type_names]
    if type_names:
        types = ContentType.objects.get_for_models(*[s.model for s in specs if s]).values()
        documents = documents.filter(content_type__in=[ct.pk for ct in types])
    if terms:
        expression = backends.match_expression(terms, using=documents.db)
        documents = backends.annotate_match(documents, expression, documents=True)
    return documents


def _hits_for_documents(documents: Sequence[SearchDocument], stems: frozenset[str]) -> list[Hit]:
    """The hits of a page of documents, fetching each type's records in one query."""
    by_type: dict[int, list[int]] = {}
    for document in documents:
        by_type.setdefault(document.content_type_id, []).append(document.object_id)
    objects: dict[tuple[int, int], models.Model] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        spec = registry.spec_for(model) if model else None
        if spec is None:
            continue
        queryset = spec.public_queryset().filter(pk__in=ids).select_related(*spec.select_related)
        for obj in queryset.prefetch_related(*spec.prefetch_related):
            objects[(type_id, obj.pk)] = obj
    hits = []
    for document in documents:
        obj = objects.get((document.content_type_id, document.object_id))
        if obj is not None:
            spec = registry.spec_for(obj)
            hits.append(Hit(obj, spec, _snippet(spec, obj, stems), getattr(document, "search_rank", None)))
    return hits


def _document_order(sort: str, ranked: bool) -> tuple[str, ...]:
    if sort == "relevance" and ranked:
        return ("-search_rank", "pk")
    if sort == "title":
        return ("sort_title", "pk")
    return ("-date", "-pk")


def _search_all_types(query, terms, sort, page, per_page) -> SearchResults:
    documents = _documents(terms)
    type_counts = []
    counts = dict(documents.order_by().values_list("content_type").annotate(n=Count("pk")))
    for spec in registry.specs():
        type_id = ContentType.objects.get_for_model(spec.model).pk
        if counts.get(type_id):
            type_counts.append((spec, counts[type_id]))
    ordered = documents.order_by(*_document_order(sort, bool(terms)))
    page_obj = Paginator(ordered, per_page).get_page(page)
    hits = _hits_for_documents(list(page_obj), text.all_stems(terms))
    return SearchResults(query, terms, None, sort, page_obj, hits, [], type_counts, {})


def search_hits(query: str, *, type_names: Sequence[str] = (), offset: int = 0, limit: int = PER_PAGE):
    """(total, hits) for the API: public records of the given types (or all) matching `query`."""
    terms = text.query_terms(query)
    if not terms:
        return 0, []
    documents = _documents(terms, type_names=type_names).order_by("-search_rank", "pk")
    total = documents.count()
    page = list(documents[offset : offset + limit])
    return total, _hits_for_documents(page, text.all_stems(terms))


def characteristic_terms(search_text: SearchText, limit: int = SIMILAR_TERMS) -> list[frozenset[str]]:
    """The stems that say most about a record: frequent, in heavy fields, not stop words."""
    scores: Counter[str] = Counter()
    ignored = stop_stems()
    for field_name, weight in SIMILAR_WEIGHTS.items():
        for stem in getattr(search_text, field_name).split():
            if len(stem) > 2 and not stem.isdigit() and stem not in ignored:
                scores[stem] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [frozenset([stem]) for stem, _score in ranked[:limit]]


def similar(obj: models.Model, limit: int = 5, exclude_same: Sequence[str] | None = None) -> list:
    """The public records of `obj`'s type most like it, from others: not itself, and none that
    share its value of a field in `exclude_same` (by default the spec's `owner_field`, for
    initiatives the coordinating organisation; `()` excludes nobody).

    Lexical similarity: the record's most characteristic stems, any of which may match, ranked
    by BM25 (SQLite) or ts_rank (PostgreSQL). Only the spec's `owner_field` can be excluded.
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
    search_text = (
        SearchText.objects.filter(document__content_type=content_type, document__object_id=obj.pk).first()
        or build_document(spec, obj, public=False).search_text
    )
    terms = characteristic_terms(search_text)
    if not terms:
        return []
    where = ["d.content_type_id = %s", "d.public = %s", "d.object_id <> %s"]
    params: list = [content_type.pk, True, obj.pk]
    if exclude_same:
        owner = getattr(obj, spec.model._meta.get_field(spec.owner_field).attname, None)
        if owner is not None:
            where.append("NOT " + backends.contains_sql("d.facets", using))
            params.append(facets_module.needle(OWNER_FACET, owner))
    rows = backends.document_rows(
        backends.match_expression(terms, any_term=True, using=using),
        columns=["d.object_id"],
        where=where,
        params=params,
        rank=True,
        order_by="score DESC, d.id",
        limit=limit,
        using=using,
    )
    objects = spec.public_queryset().select_related(*spec.select_related).in_bulk([row[0] for row in rows])
    return [objects[row[0]] for row in rows if row[0] in objects]
