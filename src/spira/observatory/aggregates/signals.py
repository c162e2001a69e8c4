"""Keeping aggregates current: every save, delete or many-to-many change of a row that a measure
counts (or of a row it depends on: an organisation, a sluice, an idea's stage log, an effect
goal) recomputes the cells that row was in before and is in after, in the same transaction.

The other apps need not know: the receivers are connected from the observatory's `ready()`.
Bulk writes that send no signals (`bulk_create`, `QuerySet.update`) are followed by a rebuild
(`spira observatory_aggregates rebuild`, which `spira generate` runs at its end).
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from spira.observatory.aggregates.cells import Cell, cells_of
from spira.observatory.aggregates.store import recompute

# An organisation's save matters only when what cells are made of changes.
ORGANISATION_FIELDS = ("county_id", "kind", "population", "municipality_code")
SKIP = "skip"


@dataclass(frozen=True)
class Watch:
    measure: object
    path: str  # from the counted model to the watched one ("pk" for the counted model itself)
    # Only these fields matter (none: every change does). Only for models that counted rows point
    # at (organisations, sluices), not for those that point at counted rows (stage logs).
    fields: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.measure.key, self.path)

    def cells(self, pk) -> set[Cell]:
        model = self.measure.queryset().model
        return cells_of(self.measure, model._base_manager.filter(**{self.path: pk}))


@dataclass
class Deletion:
    """The cells touched by one delete() (with its cascade): recomputed after its last row."""

    origin: object
    expected: int = 0
    cells: dict = field(default_factory=lambda: defaultdict(set))
    measures: dict = field(default_factory=dict)


WATCHES: dict[type, list[Watch]] = defaultdict(list)
M2M: dict[type, tuple[object, str, str]] = {}
_local = threading.local()


def _unchanged(sender, instance, fields: tuple[str, ...]) -> bool:
    stored = sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    return stored is not None and stored == tuple(getattr(instance, name) for name in fields)


def before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    before, unchanged = {}, {}
    for watch in WATCHES[sender]:
        if instance.pk is None:
            before[watch.key] = set()
            continue
        if watch.fields:
            if watch.fields not in unchanged:
                unchanged[watch.fields] = _unchanged(sender, instance, watch.fields)
            if unchanged[watch.fields]:
                before[watch.key] = SKIP
                continue
        before[watch.key] = watch.cells(instance.pk)
    instance.__dict__["_observatory_before"] = before


def after_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    before = instance.__dict__.pop("_observatory_before", {})
    for watch in WATCHES[sender]:
        cells = before.get(watch.key, set())
        if cells == SKIP or (created and watch.fields):
            # No counted row can point at an organisation (or sluice) that did not exist.
            continue
        recompute(watch.measure, cells | watch.cells(instance.pk))


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
        cells = watch.cells(instance.pk)
        if watch.fields == ORGANISATION_FIELDS:
            # Rows that pointed at a deleted organisation may lose it (SET_NULL) instead.
            cells |= {(0, "", "", year) for _c, _k, _b, year in cells}
        deletion.cells[watch.measure.key] |= cells
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
    for key, cells in deletion.cells.items():
        recompute(deletion.measures[key], cells)


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
        pks = [instance.pk]
    elif action == "post_clear":
        pks = instance.__dict__.pop("_observatory_m2m", [])
    else:
        pks = list(pk_set or ())
    if pks:
        model = measure.queryset().model
        recompute(measure, cells_of(measure, model._base_manager.filter(pk__in=pks)))


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
        watch(model, Watch(measure, "pk"))
        watch(organisation, Watch(measure, measure.organisation, ORGANISATION_FIELDS))
        for label, path, fields in measure.watch:
            watch(apps.get_model(label), Watch(measure, path, fields))
        for child in measure.children:
            for label, path in child.watch:
                watch(apps.get_model(label), Watch(measure, path))
            if child.m2m:
                m2m_field = model._meta.get_field(child.m2m)
                through = m2m_field.remote_field.through
                M2M[through] = (measure, m2m_field.m2m_column_name(), m2m_field.m2m_reverse_name())
                m2m_changed.connect(
                    m2m_changed_receiver,
                    sender=through,
                    dispatch_uid=f"observatory-aggregates-{through._meta.label}",
                )
