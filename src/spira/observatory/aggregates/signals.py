"""Keeping aggregates current: every save, delete or many-to-many change of a row that a measure
counts, or of a row it depends on, refreshes the counted rows concerned (store.refresh), in the
same transaction. Three ways a model can matter to a measure:

- the counted model itself (an initiative): the row;
- a child of it (an idea's stage log, an initiative's effect goal): its parent, found by a
  lookup from the child ("idea", "goal__initiative");
- an owner (an organisation, an idea's sluice): every counted row pointing at it, but only when
  what makes up a cell changes (county, kind, size band, kommunkod; a sluice's organisation).

The other apps need not know: the receivers are connected from the observatory's `ready()`.
Bulk writes that send no signals (`bulk_create`, `QuerySet.update`) are followed by a rebuild
(`spira observatory_aggregates rebuild`, which `spira generate` runs at its end); a row changed
that way is also put right the next time it is refreshed.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from spira.observatory.aggregates.store import refresh
from spira.observatory.choices import size_band_of

SELF, CHILD, OWNER = "self", "child", "owner"
ORGANISATION_FIELDS = ("county_id", "kind", "population", "municipality_code")


@dataclass(frozen=True)
class Watch:
    measure: object
    role: str  # SELF, CHILD or OWNER
    lookup: str = ""  # CHILD: from the watched model to the counted row; OWNER: the reverse
    fields: tuple[str, ...] = ()  # OWNER: what matters (nothing else changes a cell)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.measure.key, self.role, self.lookup)

    def stored_parents(self, sender, pk) -> set[int]:
        """CHILD: the counted rows the stored version of the watched row points at."""
        rows = sender._base_manager.filter(pk=pk).values_list(self.lookup, flat=True)
        return {parent for parent in rows if parent is not None}

    def parent(self, instance) -> set[int]:
        """CHILD: the counted row the watched row points at now."""
        *path, last = self.lookup.split("__")
        for name in path:
            instance = getattr(instance, name, None)
            if instance is None:
                return set()
        parent = getattr(instance, f"{last}_id", None)
        return {parent} if parent is not None else set()

    def owned(self, pk) -> set[int]:
        """OWNER: the counted rows pointing at the watched row."""
        model = self.measure.queryset().model
        return set(model._base_manager.filter(**{self.lookup: pk}).values_list("pk", flat=True))


@dataclass
class Deletion:
    """The rows touched by one delete() (with its cascade): refreshed after its last row."""

    origin: object
    expected: int = 0
    rows: dict = field(default_factory=lambda: defaultdict(set))
    measures: dict = field(default_factory=dict)


WATCHES: dict[type, list[Watch]] = defaultdict(list)
M2M: dict[type, tuple[object, str, str]] = {}
_local = threading.local()


def _cell_values(sender, values: tuple) -> tuple:
    if sender._meta.label == "organisations.Organisation":
        county, kind, population, code = values
        return (county, kind, size_band_of(population), code)
    return values


def _unchanged(sender, instance, fields: tuple[str, ...]) -> bool:
    stored = sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    now = tuple(getattr(instance, name) for name in fields)
    return stored is not None and _cell_values(sender, stored) == _cell_values(sender, now)


def before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    before, unchanged = {}, {}
    for watch in WATCHES[sender]:
        if watch.role == CHILD:
            before[watch.key] = watch.stored_parents(sender, instance.pk)
        elif watch.role == OWNER:
            if watch.fields not in unchanged:
                unchanged[watch.fields] = _unchanged(sender, instance, watch.fields)
            before[watch.key] = unchanged[watch.fields]
    instance.__dict__["_observatory_before"] = before


def after_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    before = instance.__dict__.pop("_observatory_before", {})
    for watch in WATCHES[sender]:
        if watch.role == SELF:
            refresh(watch.measure, {instance.pk})
        elif watch.role == CHILD:
            refresh(watch.measure, before.get(watch.key, set()) | watch.parent(instance))
        elif not created and not before.get(watch.key, False):
            # An owner that did not exist before owns nothing yet.
            refresh(watch.measure, watch.owned(instance.pk))


def _deletions() -> dict[int, Deletion]:
    if not hasattr(_local, "deletions"):
        _local.deletions = {}
    return _local.deletions


def before_delete(sender, instance, origin=None, **kwargs) -> None:
    deletions = _deletions()
    deletion = deletions.get(id(origin))
    if deletion is None or deletion.origin is not origin:
        deletion = deletions[id(origin)] = Deletion(origin)
    deletion.expected += 1
    for watch in WATCHES[sender]:
        if watch.role == SELF:
            rows = {instance.pk}
        elif watch.role == CHILD:
            rows = watch.stored_parents(sender, instance.pk)
        else:
            # Rows pointing at a deleted owner go with it, or lose it (SET_NULL).
            rows = watch.owned(instance.pk)
        deletion.rows[watch.measure.key] |= rows
        deletion.measures[watch.measure.key] = watch.measure


def after_delete(sender, instance, origin=None, **kwargs) -> None:
    deletions = _deletions()
    deletion = deletions.get(id(origin))
    if deletion is None or deletion.origin is not origin:
        return
    deletion.expected -= 1
    if deletion.expected > 0:
        return
    del deletions[id(origin)]
    for key, rows in deletion.rows.items():
        refresh(deletion.measures[key], rows)


def m2m_changed_receiver(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    measure, source_name, target_name = M2M[sender]
    if action == "pre_clear" and reverse:
        instance.__dict__["_observatory_m2m"] = list(
            sender.objects.filter(**{target_name: instance.pk}).values_list(source_name, flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        rows = [instance.pk]
    elif action == "post_clear":
        rows = instance.__dict__.pop("_observatory_m2m", [])
    else:
        rows = list(pk_set or ())
    refresh(measure, rows)


def watch(model, watch_: Watch) -> None:
    if not WATCHES[model]:
        uid = f"observatory-aggregates-{model._meta.label}"
        pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}-delete")
    if watch_ not in WATCHES[model]:
        WATCHES[model].append(watch_)


def connect_aggregates() -> None:
    from spira.observatory.registry import registry

    organisation = apps.get_model("organisations.Organisation")
    for measure in registry.measures():
        model = measure.queryset().model
        watch(model, Watch(measure, SELF))
        watch(organisation, Watch(measure, OWNER, measure.organisation, ORGANISATION_FIELDS))
        for label, lookup, fields in measure.watch:
            watch(apps.get_model(label), Watch(measure, OWNER, lookup, fields))
        for child in measure.children:
            for label, lookup in child.watch:
                watch(apps.get_model(label), Watch(measure, CHILD, lookup))
            if child.m2m:
                m2m_field = model._meta.get_field(child.m2m)
                through = m2m_field.remote_field.through
                M2M[through] = (measure, m2m_field.m2m_column_name(), m2m_field.m2m_reverse_name())
                m2m_changed.connect(
                    m2m_changed_receiver,
                    sender=through,
                    dispatch_uid=f"observatory-aggregates-{through._meta.label}",
                )
