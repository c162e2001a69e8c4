"""Inserting many new rows at once: what importers and the search index write in bulk.

`insert()` does what `QuerySet.bulk_create` does (no `save()`, no signals, auto_now fields set,
each value converted by its field's `get_db_prep_save`), faster where bulk_create spends its time:

- PostgreSQL: COPY (django-pgbulk) instead of INSERT. With psycopg's client-side binding, Django's
  bulk INSERT passes each column as one array literal that psycopg escapes in Python, character by
  character where there are quotes: on 1 000 import revisions (JSON of ~9 kB each) bulk_create
  took 3.0 s and COPY 0.22 s; on 1 000 initiatives 0.34 s and 0.15 s.
- SQLite: Django compiles every value of every row through several calls (for an initiative,
  55 fields); here a value whose field would return it unchanged (a str for a text field, an int
  for an integer field) is passed as it is, and only the others go through `get_db_prep_save`.
  On 3 000 initiatives, 0.54 s became 0.29 s.

COPY does not return the primary keys it generates: when the model's key is generated and the
caller needs it, the caller names `key`, fields that are unique together and set on every
instance, and the keys are read back by them in one query. On SQLite the keys come back with the
INSERT (RETURNING); without RETURNING (SQLite before 3.35) bulk_create is used.
"""

from collections.abc import Sequence
from typing import Any

import pgbulk
from django.db import connections, models

# Internal types whose get_db_prep_save returns a value of these types unchanged.
_UNCHANGED: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("CharField", "TextField", "SlugField"), (str,)),
    **dict.fromkeys(
        (
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveBigIntegerField",
            "PositiveSmallIntegerField",
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        ),
        (int,),
    ),
    "BooleanField": (bool,),
}


def insert(model: type[models.Model], objs: Sequence[models.Model], *, key: Sequence[str] = ()) -> None:
    """Insert `objs` (new, unsaved instances of `model`) as new rows; see the module docstring.

    Afterwards each instance is saved as far as Django knows: its primary key set (on PostgreSQL
    only with `key` when the model generates its keys), `_state.adding` false.
    """
    if not objs:
        return
    database = model._default_manager.db
    connection = connections[database]
    generated = model._meta.pk.db_returning
    if connection.vendor == "postgresql":
        # As Django's own statements: psycopg's errors become django.db's (IntegrityError, ...).
        with connection.wrap_database_errors:
            pgbulk.copy(model, objs)
        if key and generated:
            _read_back_keys(model, objs, key)
    elif connection.vendor == "sqlite" and connection.features.can_return_rows_from_bulk_insert:
        with_keys = [obj.pk is not None for obj in objs]
        if generated and any(with_keys) and not all(with_keys):
            model._default_manager.bulk_create(objs)
            return
        _insert_rows(connection, model, objs, returning=generated and not any(with_keys))
    else:
        model._default_manager.bulk_create(objs)
        return
    for obj in objs:
        obj._state.adding = False
        obj._state.db = database


def _insert_rows(
    connection, model: type[models.Model], objs: Sequence[models.Model], *, returning: bool
) -> None:
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not (returning and field.primary_key)]
    plans = [_plan(field) for field in fields]
    rows = [[_value(connection, obj, plan) for plan in plans] for obj in objs]
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) VALUES "
    )
    tail = f" RETURNING {quote(meta.pk.column)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, [v for row in chunk for v in row])
            if returning:
                for obj, (pk,) in zip(objs[start : start + size], cursor.fetchall(), strict=True):
                    obj.pk = pk


def _plan(field: models.Field) -> tuple[models.Field, bool, tuple[type, ...]]:
    """(field, whether its pre_save must run, the value types it stores unchanged)."""
    target = field.target_field if field.is_relation else field
    own_pre_save = type(field).pre_save is not models.Field.pre_save
    return field, own_pre_save, _UNCHANGED.get(target.get_internal_type(), ())


def _value(connection, obj: models.Model, plan: tuple[models.Field, bool, tuple[type, ...]]) -> Any:
    field, own_pre_save, unchanged = plan
    value = field.pre_save(obj, True) if own_pre_save else getattr(obj, field.attname)
    if value is None or type(value) in unchanged:
        return value
    return field.get_db_prep_save(value, connection)


def _read_back_keys(model: type[models.Model], objs: Sequence[models.Model], key: Sequence[str]) -> None:
    values = [tuple(getattr(obj, name) for name in key) for obj in objs]
    lookups = {}
    for position, name in enumerate(key):
        distinct = {row[position] for row in values}
        if len(distinct) == 1:
            lookups[name] = next(iter(distinct))
        else:
            lookups[f"{name}__in"] = distinct
    found = {
        tuple(row[1:]): row[0]
        for row in model._default_manager.filter(**lookups).values_list(model._meta.pk.attname, *key)
    }
    for obj, value in zip(objs, values, strict=True):
        obj.pk = found[value]
