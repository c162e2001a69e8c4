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
from spira.search.facets import FacetResult
from spira.search.models import SearchDocument
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


def _search_type(spec, query, terms, params, sort, page, per_page) -> SearchResults:
    facets = list(spec.facets())
    selected = {facet.name: facet.clean(_getlist(params, facet.name)) for facet in facets}
    base = spec.public_queryset()
    expression = backends.match_expression(terms, using=base.db) if terms else None

    def narrowed(queryset, skip=None):
        for facet in facets:
            if facet.name != skip:
                queryset = facet.filter(queryset, selected[facet.name])
        return queryset

    unranked = backends.annotate_match(base, expression, rank=False) if expression else base
    facet_results = [
        facet.result(narrowed(unranked, skip=facet.name), selected[facet.name]) for facet in facets
    ]
    if expression and sort == "relevance":
        results = narrowed(backends.annotate_match(base, expression)).order_by("-search_rank", "pk")
    else:
        results = narrowed(unranked).order_by(*spec.ordering(sort), "pk")
    results = results.select_related(*spec.select_related).prefetch_related(*spec.prefetch_related)
    page_obj = Paginator(results, per_page).get_page(page)
    stems = text.all_stems(terms)
    hits = [Hit(obj, spec, _snippet(spec, obj, stems), getattr(obj, "search_rank", None)) for obj in page_obj]
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


def characteristic_terms(document: SearchDocument, limit: int = SIMILAR_TERMS) -> list[frozenset[str]]:
    """The stems that say most about a record: frequent, in heavy fields, not stop words."""
    scores: Counter[str] = Counter()
    ignored = stop_stems()
    for field_name, weight in SIMILAR_WEIGHTS.items():
        for stem in getattr(document, field_name).split():
            if len(stem) > 2 and not stem.isdigit() and stem not in ignored:
                scores[stem] += weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [frozenset([stem]) for stem, _score in ranked[:limit]]


def similar(obj: models.Model, limit: int = 5, exclude_same: Sequence[str] = ("coordinator",)) -> list:
    """The public records of `obj`'s type most like it, from others: not itself, and none that
    share its value of any field in `exclude_same` (by default the coordinating organisation)."""
    spec = registry.spec_for(obj)
    if spec is None:
        return []
    content_type = ContentType.objects.get_for_model(spec.model)
    document = SearchDocument.objects.filter(content_type=content_type, object_id=obj.pk).first()
    if document is None:
        from spira.search.index import build_document

        document = build_document(spec, obj, public=False)
    terms = characteristic_terms(document)
    if not terms:
        return []
    queryset = spec.public_queryset().exclude(pk=obj.pk)
    for name in exclude_same:
        value = getattr(obj, f"{spec.model._meta.get_field(name).attname}", None)
        if value is not None:
            queryset = queryset.exclude(**{name: value})
    expression = backends.match_expression(terms, any_term=True, using=queryset.db)
    ranked = backends.annotate_match(queryset, expression).order_by("-search_rank", "pk")
    return list(ranked.select_related(*spec.select_related)[:limit])
