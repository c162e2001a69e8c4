"""Keeping SearchDocument in step with the registered models.

Saves, deletes and many-to-many changes of registered models mark the record as pending; the
pending records are indexed when the transaction commits (`transaction.on_commit`), once each
however often they changed. Inside `bulk_indexing()` (importers, `spira generate`) nothing is
indexed until the block ends; then the pending records are indexed in batches.
"""

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save

from spira.core import bulk
from spira.core.cache import bump_version
from spira.search import facets, keys, registry, text
from spira.search.models import SearchDocument, SearchText

BATCH_SIZE = 500
# Positions past this are useless for ranking and PostgreSQL caps them anyway.
MAX_STEMS_PER_TEXT = 20_000

_state = threading.local()

# Bumped by every write to the index, so that what is computed from it (similar records) can be
# cached under it and is never served after the index changed.
VERSION_KEY = "search:index-version"


def index_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _increment_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, None)


def bump_index_version() -> None:
    """Now, and again when the transaction commits: a reader that meanwhile computed from the
    index as it was before the commit may have cached that under the first new version."""
    bump_version(VERSION_KEY, _increment_version)
    transaction.on_commit(_bump_again)


def _bump_again() -> None:
    bump_version(VERSION_KEY, _increment_version)


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


def build_document(
    spec: registry.SearchSpec,
    obj: models.Model,
    *,
    public: bool,
    facet_list: Sequence[facets.Facet] | None = None,
) -> SearchDocument:
    """The unsaved SearchDocument of `obj`, with its unsaved SearchText as `document.search_text`:
    its texts stemmed by their languages, by weight, its facet values and its filter keys.

    `facet_list` is `spec.facets()`, for callers that build many documents."""
    parts: dict[str, list[str]] = {"A": [], "B": [], "C": []}
    for search_field in spec.fields:
        value = search_field.value(obj)
        if value:
            language = search_field.language_for(obj, spec.language_field)
            parts[search_field.weight].append(_stemmed(value, language))
    if facet_list is None:
        facet_list = spec.facets()
    lines = [facets.encode(facet.name, value) for facet in facet_list for value in facet.values(obj)]
    if spec.owner_field:
        owner = getattr(obj, spec.model._meta.get_field(spec.owner_field).attname, None)
        if owner is not None:
            lines.append(facets.encode(OWNER_FACET, owner))
    lines = list(dict.fromkeys(lines))
    date = getattr(obj, spec.date_field, None) if spec.date_field else None
    document = SearchDocument(
        content_type=ContentType.objects.get_for_model(spec.model),
        object_id=obj.pk,
        language=text.language_of(getattr(obj, spec.language_field, "sv") if spec.language_field else "sv"),
        public=public,
        facets="\n" + "\n".join(lines) + "\n" if lines else "",
        sort_title=text.normalise(spec.title(obj))[:300],
        date=date,
    )
    title, summary = " ".join(parts["A"]), " ".join(parts["B"])
    document_keys = [keys.PUBLIC, keys.type_key(spec.model)] if public else []
    document_keys += [keys.facet_key(line) for line in lines]
    document_keys += [keys.head_key(stem) for stem in dict.fromkeys(f"{title} {summary}".split())]
    document.search_text = SearchText(
        title=title,
        summary=summary,
        body=" ".join(parts["C"]),
        keys=" ".join(document_keys),
        facets=document.facets,
    )
    return document


def index_objects(model: type[models.Model], pks: Iterable) -> int:
    """(Re)index the records of `model` with these primary keys; those gone are removed."""
    spec = registry.spec_for(model)
    if spec is None:
        return 0
    facet_list = list(spec.facets())
    count = 0
    for batch in _batches(list(pks)):
        objects = list(spec.model._default_manager.filter(pk__in=batch).select_related(*spec.select_related))
        _prefetch_many(spec, objects, spec.m2m_fields)
        count += _write_documents(spec, batch, objects, facet_list)
    return count


def index_instances(
    model: type[models.Model], instances: Sequence[models.Model], *, created: bool = False
) -> int:
    """(Re)index these saved records of `model` as they are in memory, now.

    For writers that hold the records they just created in bulk (importers): the records are not
    read again, only their relations (one query per relation). Call it after the records are
    saved; inside the writer's transaction is fine, the documents are then in it too.

    With `created`, the caller has just created these records and given them no many-to-many
    relations yet: those are taken as empty instead of read, and no old documents are looked for.
    """
    spec = registry.spec_for(model)
    if spec is None:
        return 0
    facet_list = list(spec.facets())
    count = 0
    for batch in _batches(list(instances)):
        prefetch_related_objects(batch, *spec.select_related)
        added = [
            name for name in spec.m2m_fields if name not in getattr(batch[0], "_prefetched_objects_cache", {})
        ]
        if created:
            _prefetch_empty(spec, batch, added)
        else:
            _prefetch_many(spec, batch, added)
        count += _write_documents(spec, [obj.pk for obj in batch], batch, facet_list, replace=not created)
        for obj in batch:
            for name in added:
                # Only good for reading: the caller's records get their usual managers back.
                obj._prefetched_objects_cache.pop(name, None)
    return count


def _batches(items: list) -> Iterator[list]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]


def _prefetch_many(spec, objects: list[models.Model], names: Sequence[str]) -> None:
    """Fill the prefetch cache of these many-to-many fields of the spec on `objects`, one query per
    field for the through table and one for the related records.

    What `prefetch_related` does, without building a related manager per record (which costs more
    than the rest of indexing a record). The related records come in their model's ordering. The
    cached querysets are for reading only (they cannot be filtered further).
    """
    pks = [obj.pk for obj in objects]
    for name in names:
        field = spec.model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = list(
            through._default_manager.filter(**{f"{source}_id__in": pks}).values_list(
                f"{source}_id", f"{target}_id"
            )
        )
        related = field.related_model._default_manager.filter(pk__in={t for _s, t in pairs}) if pairs else []
        positions = {obj.pk: index for index, obj in enumerate(related)}
        by_source: dict = defaultdict(list)
        for source_id, target_id in pairs:
            if target_id in positions:
                by_source[source_id].append(target_id)
        ordered = list(related)
        empty = field.related_model._default_manager.none()
        for obj in objects:
            targets = sorted(by_source.get(obj.pk, ()), key=positions.__getitem__)
            queryset = empty._chain()
            queryset._result_cache = [ordered[positions[t]] for t in targets]
            queryset._prefetch_done = True
            obj._prefetched_objects_cache = getattr(obj, "_prefetched_objects_cache", {})
            obj._prefetched_objects_cache[name] = queryset


def _prefetch_empty(spec, objects: list[models.Model], names: Sequence[str]) -> None:
    """Fill the prefetch cache of these many-to-many fields with nothing (new records)."""
    for name in names:
        empty = spec.model._meta.get_field(name).related_model._default_manager.none()
        for obj in objects:
            obj._prefetched_objects_cache = getattr(obj, "_prefetched_objects_cache", {})
            obj._prefetched_objects_cache[name] = empty


def _write_documents(
    spec, pks: list, objects: list[models.Model], facet_list, *, replace: bool = True
) -> int:
    """Replace the documents of `pks` by those of `objects` (the ones of them that exist); with
    `replace` false, the records have no documents yet."""
    content_type = ContentType.objects.get_for_model(spec.model)
    if spec.is_public is not None:
        public = {obj.pk for obj in objects if spec.is_public(obj)}
    else:
        public = set(spec.public_queryset().filter(pk__in=pks).values_list("pk", flat=True))
    documents = [build_document(spec, obj, public=obj.pk in public, facet_list=facet_list) for obj in objects]
    texts = [document.search_text for document in documents]
    with transaction.atomic():
        if replace:
            SearchDocument.objects.filter(content_type=content_type, object_id__in=pks).delete()
        bulk.insert(SearchDocument, documents, key=["content_type_id", "object_id"])
        for document, search_text in zip(documents, texts, strict=True):
            search_text.document_id = document.pk
        bulk.insert(SearchText, texts)
    bump_index_version()
    return len(documents)


def remove_objects(model: type[models.Model], pks: Iterable) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()
    bump_index_version()


def reindex(model: type[models.Model], *, progress=None) -> int:
    """Index every record of `model` and drop documents of records that no longer exist.

    `progress`, if given, is called with the number of records done after each batch.
    """
    content_type = ContentType.objects.get_for_model(model)
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    SearchDocument.objects.filter(content_type=content_type).exclude(object_id__in=pks).delete()
    bump_index_version()
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


def rebuild_missing(*, verbosity: int = 1, using: str = "default", **kwargs) -> None:
    """After `migrate`: index every searchable model that has records but no documents (a
    migration that changes what is indexed empties the index)."""
    if using != "default":
        return
    for spec in registry.specs():
        model = spec.model
        content_type = ContentType.objects.get_for_model(model)
        if SearchDocument.objects.filter(content_type=content_type).exists():
            continue
        if not model._default_manager.exists():
            continue
        done = reindex(model)
        if verbosity:
            print(f"  Search index rebuilt: {done} {model._meta.label} records.")


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
