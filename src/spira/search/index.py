"""Keeping SearchDocument in step with the registered models.

Saves, deletes and many-to-many changes of registered models mark the record as pending; the
pending records are indexed when the transaction commits (`transaction.on_commit`), once each
however often they changed. Inside `bulk_indexing()` (importers, `spira generate`) nothing is
indexed until the block ends; then the pending records are indexed in batches.
"""

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from spira.search import facets, registry, text
from spira.search.models import SearchDocument, SearchText

BATCH_SIZE = 500
# Positions past this are useless for ranking and PostgreSQL caps them anyway.
MAX_STEMS_PER_TEXT = 20_000

_state = threading.local()


def _pending() -> dict[str, set]:
    if not hasattr(_state, "pending"):
        _state.pending = defaultdict(set)
        _state.bulk_depth = 0
    return _state.pending


def _stemmed(value: str, language: str) -> str:
    if language == registry.ANY_LANGUAGE:
        sv, en = text.stems(value, "sv"), text.stems(value, "en")
        stems = [s for pair in zip(sv, en, strict=True) for s in dict.fromkeys(pair)]
    else:
        stems = text.stems(value, language)
    return " ".join(stems[:MAX_STEMS_PER_TEXT])


OWNER_FACET = "_owner"


def build_document(spec: registry.SearchSpec, obj: models.Model, *, public: bool) -> SearchDocument:
    """The unsaved SearchDocument of `obj`, with its unsaved SearchText as `document.search_text`:
    its texts stemmed by their languages, by weight, and its facet values."""
    parts: dict[str, list[str]] = {"A": [], "B": [], "C": []}
    for search_field in spec.fields:
        value = search_field.value(obj)
        if value:
            language = search_field.language_for(obj, spec.language_field)
            parts[search_field.weight].append(_stemmed(value, language))
    lines = [facets.encode(facet.name, value) for facet in spec.facets() for value in facet.values(obj)]
    if spec.owner_field:
        owner = getattr(obj, spec.model._meta.get_field(spec.owner_field).attname, None)
        if owner is not None:
            lines.append(facets.encode(OWNER_FACET, owner))
    date = getattr(obj, spec.date_field, None) if spec.date_field else None
    document = SearchDocument(
        content_type=ContentType.objects.get_for_model(spec.model),
        object_id=obj.pk,
        language=text.language_of(getattr(obj, spec.language_field, "sv") if spec.language_field else "sv"),
        public=public,
        facets="\n" + "\n".join(dict.fromkeys(lines)) + "\n" if lines else "",
        sort_title=text.normalise(spec.title(obj))[:300],
        date=date,
    )
    document.search_text = SearchText(
        title=" ".join(parts["A"]), summary=" ".join(parts["B"]), body=" ".join(parts["C"])
    )
    return document


def index_objects(model: type[models.Model], pks: Iterable) -> int:
    """(Re)index the records of `model` with these primary keys; those gone are removed."""
    spec = registry.spec_for(model)
    if spec is None:
        return 0
    pks = list(pks)
    content_type = ContentType.objects.get_for_model(model)
    count = 0
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        objects = (
            spec.model._default_manager.filter(pk__in=batch)
            .select_related(*spec.select_related)
            .prefetch_related(*spec.m2m_fields)
        )
        public = set(spec.public_queryset().filter(pk__in=batch).values_list("pk", flat=True))
        documents = [build_document(spec, obj, public=obj.pk in public) for obj in objects]
        texts = [document.search_text for document in documents]
        with transaction.atomic():
            SearchDocument.objects.filter(content_type=content_type, object_id__in=batch).delete()
            SearchDocument.objects.bulk_create(documents)
            for document, search_text in zip(documents, texts, strict=True):
                search_text.document_id = document.pk
            SearchText.objects.bulk_create(texts)
        count += len(documents)
    return count


def remove_objects(model: type[models.Model], pks: Iterable) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()


def reindex(model: type[models.Model], *, progress=None) -> int:
    """Index every record of `model` and drop documents of records that no longer exist.

    `progress`, if given, is called with the number of records done after each batch.
    """
    content_type = ContentType.objects.get_for_model(model)
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    SearchDocument.objects.filter(content_type=content_type).exclude(object_id__in=pks).delete()
    done = 0
    for start in range(0, len(pks), BATCH_SIZE):
        done += index_objects(model, pks[start : start + BATCH_SIZE])
        if progress:
            progress(min(start + BATCH_SIZE, len(pks)))
    return done


def queue(model: type[models.Model], pks: Iterable) -> None:
    """Mark records for indexing when the transaction commits (or when bulk_indexing ends)."""
    _pending()[model._meta.label_lower].update(pks)
    if _state.bulk_depth == 0:
        # Every call registers its own callback: a rolled-back transaction drops its callbacks,
        # and flushing an empty set costs nothing.
        transaction.on_commit(flush)


def flush() -> None:
    """Index everything pending now."""
    pending = _pending()
    while pending:
        label, pks = pending.popitem()
        spec = registry._registry.get(label)
        if spec is not None:
            index_objects(spec.model, sorted(pks))


@contextmanager
def bulk_indexing() -> Iterator[None]:
    """Defer indexing to the end of the block and index in batches there.

    Records created with `bulk_create` send no signals; pass their keys to `queue()` inside the
    block. Nested blocks index once, at the end of the outermost.
    """
    _pending()
    _state.bulk_depth += 1
    try:
        yield
    finally:
        _state.bulk_depth -= 1
    if _state.bulk_depth == 0:
        flush()


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        queue(sender, [instance.pk])


def _on_delete(sender, instance, **kwargs):
    pk = instance.pk
    # The record is gone at commit time; its document goes with it then (or now, outside
    # a transaction), and a pending re-index of it simply finds nothing.
    transaction.on_commit(lambda: remove_objects(sender, [pk]))


def _on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        queue(type(instance), [instance.pk])
    elif pk_set:
        queue(model, pk_set)


def connect_signals() -> None:
    for spec in registry.specs():
        uid = f"spira.search.{spec.label_lower}"
        post_save.connect(_on_save, sender=spec.model, dispatch_uid=uid + ".save")
        post_delete.connect(_on_delete, sender=spec.model, dispatch_uid=uid + ".delete")
        for name in spec.m2m_fields:
            through = spec.model._meta.get_field(name).remote_field.through
            m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"{uid}.{name}")
