"""What is searchable: each app registers its models in its own `<app>/search.py`.

    from spira.search.registry import SearchField, SearchSpec, register

    register(SearchSpec(
        model=Idea,
        type_name="idea",
        label=_("Ideas"),
        fields=[SearchField("title", "A"), SearchField("summary", "B"), SearchField("body", "C")],
        language_field="language",
        public_queryset=lambda: Idea.objects.published(),
        hit_template="search/hits/idea.html",
    ))

The modules are imported by `SearchConfig.ready()` through `spira.core.hooks.app_modules("search")`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

WEIGHTS = ("A", "B", "C")
# "*": a text without a language of its own (names, keywords), indexed with both stemmers.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class SearchField:
    """One text of a record: an attribute name (or a callable taking the record) and its weight.

    The language is, in this order: `language` if given; the field name's suffix `_sv`/`_en`;
    the record's `SearchSpec.language_field`; Swedish.
    """

    source: str | Callable[[models.Model], str]
    weight: str = "C"
    language: str | None = None

    def __post_init__(self):
        if self.weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {self.weight!r}")

    def value(self, obj: models.Model) -> str:
        value = self.source(obj) if callable(self.source) else getattr(obj, self.source, "")
        return str(value or "")

    def language_for(self, obj: models.Model, language_field: str | None) -> str:
        if self.language:
            return self.language
        if isinstance(self.source, str) and self.source[-3:] in {"_sv", "_en"}:
            return self.source[-2:]
        if language_field:
            return getattr(obj, language_field, None) or "sv"
        return "sv"


@dataclass(frozen=True)
class SearchSpec:
    """How one model takes part in search."""

    model: type[models.Model]
    # Short name used in URLs and the API (`?type=initiative`).
    type_name: str
    # Plural display name ("Initiatives").
    label: Promise | str
    fields: Sequence[SearchField]
    # Which rows anyone may find: a callable so that it is evaluated at query time.
    public_queryset: Callable[[], models.QuerySet]
    hit_template: str
    # The same test as public_queryset for one record in memory, when it can be made from the
    # record alone: indexing then does not ask the database (it must agree with public_queryset).
    is_public: Callable[[models.Model], bool] | None = None
    language_field: str | None = None
    # The display title and a date for sorting, read from the record.
    title: Callable[[models.Model], str] = str
    date_field: str | None = None
    # Base names of the texts a snippet is cut from, best first (`summary` → `summary_sv`/`_en`
    # when the model has `text(name)`; otherwise the attribute itself).
    snippet_fields: Sequence[str] = ()
    # Orderings of the typed search page besides relevance: name → order_by arguments, or a
    # callable returning them (read at query time, e.g. for the reader's language).
    orderings: dict[str, Sequence[Any] | Callable[[], Sequence[Any]]] = field(default_factory=dict)
    # Facets of the typed search page (spira.search.facets), in display order.
    facets: Callable[[], Sequence[Any]] = tuple
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()
    # Reading a page of hits: the relations the hit template shows (default: select_related),
    # and the fields neither it nor the snippets read, left unread.
    hit_select_related: Sequence[str] | None = None
    hit_defer: Sequence[str] = ()
    # Many-to-many fields whose changes change the indexed text or the facets.
    m2m_fields: Sequence[str] = ()
    # The field that says who a record comes from, so that similar() can leave out its own.
    owner_field: str | None = None

    def ordering(self, name: str) -> Sequence[Any]:
        ordering = self.orderings.get(name, ("pk",))
        return ordering() if callable(ordering) else ordering

    def hits_queryset(self) -> models.QuerySet:
        """The public records, unordered, read as a page of hits needs them."""
        related = self.select_related if self.hit_select_related is None else self.hit_select_related
        return (
            self.public_queryset()
            .order_by()
            .select_related(*related)
            .prefetch_related(*self.prefetch_related)
            .defer(*self.hit_defer)
        )

    @property
    def label_lower(self) -> str:
        return self.model._meta.label_lower


_registry: dict[str, SearchSpec] = {}


def register(spec: SearchSpec) -> SearchSpec:
    """Make `spec.model` searchable; registering the same model again replaces its spec."""
    _registry[spec.label_lower] = spec
    return spec


def specs() -> list[SearchSpec]:
    return list(_registry.values())


def spec_for(model_or_obj: type[models.Model] | models.Model) -> SearchSpec | None:
    return _registry.get(model_or_obj._meta.label_lower)


def spec_for_type(type_name: str) -> SearchSpec | None:
    return next((spec for spec in _registry.values() if spec.type_name == type_name), None)
