"""Writing aggregates: a full rebuild per measure, and the refresh of single counted rows.

Each counted row's items (its cell and what it adds to each chart) are kept as a Contribution.
Refreshing rows counts just those rows again, replaces their contributions and adds the
difference to the aggregates and their roll-ups (an upsert that adds, so concurrent writers add
up). The cost of a change is that of its own rows, whatever the size of their cell; a row that
was changed without signals (`QuerySet.update`) is put right the next time it is refreshed.

Locks: the counted rows being refreshed (SELECT ... FOR UPDATE, so that two writers of one row
take turns), and on PostgreSQL an advisory lock per measure, shared by refreshes and exclusive
for a rebuild.
"""

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from types import CodeType

from django.db import connection, transaction
from django.utils import timezone

from spira.observatory.aggregates.cells import (
    ROLL_UPS,
    YEAR,
    Cell,
    aggregate_q,
    cell_of,
    organisation_names,
    roll_up,
    with_year,
)
from spira.observatory.cache import bump
from spira.observatory.models import Aggregate, AggregateState, Contribution

CHUNK = 2000
REFRESH_CHUNK = 2000
UPSERT_BATCH = 500
UPSERT_KEY = ("measure", "county", "kind", "band", "year", "chart", "a", "b")
# Bump when the way rows become aggregates changes outside the measures' own definitions.
VERSION = 2

Key = tuple[Cell, str, str, str]  # cell, chart, category, second category
Totals = dict[Key, list[int]]  # [count, amount]
# A row's contribution as stored: [county, kind, band, year, [[chart, a, b, amount], ...]].
Items = list


def _items(measure, row: dict) -> Iterator[tuple[str, str, str, int]]:
    amount = (row.get(measure.amount) or 0) if measure.amount else 0
    county, _kind, _band, year = cell_of(measure, row)
    yield ("n", "", "", amount)
    if year:
        yield ("year", str(year), "", amount)
    if county:
        yield ("county", str(county), "", 0)
    code = row[organisation_names(measure)[3]]
    if measure.on_map and code:
        yield ("map", code, "", 0)
    if measure.emit:
        yield from measure.emit(row)


def contributions(measure, queryset) -> Iterator[tuple[int, Items]]:
    """(pk, items) of every row of `queryset`, read in chunks with their children's values."""
    names = ("pk", *organisation_names(measure), *measure.fields, *([YEAR] if measure.date else []))
    rows = with_year(measure, queryset).order_by("pk").values(*names).iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rows, CHUNK)):
        part = queryset.filter(pk__gte=chunk[0]["pk"], pk__lte=chunk[-1]["pk"])
        related = {}
        for child in measure.children:
            values = defaultdict(list)
            for pk, value in child.rows(part):
                values[pk].append(value)
            related[child.name] = values
        for row in chunk:
            for child in measure.children:
                row[child.name] = related[child.name].get(row["pk"], [])
            yield row["pk"], [*cell_of(measure, row), [list(item) for item in _items(measure, row)]]


def _add_items(totals: Totals, items: Items, sign: int = 1) -> None:
    *cell, entries = items
    for chart, a, b, amount in entries:
        total = totals[(tuple(cell), chart, a, b)]
        total[0] += sign
        total[1] += sign * amount


def with_roll_ups(totals: Totals) -> Totals:
    """The cells' totals and every roll-up of them (see cells.ROLL_UPS); the map is read per
    municipality, so it has no roll-ups."""
    result: Totals = defaultdict(lambda: [0, 0])
    for (cell, chart, a, b), (n, amount) in totals.items():
        keys = [cell] if chart == "map" else [cell, *(roll_up(cell, mask) for mask in ROLL_UPS)]
        for key in keys:
            total = result[(key, chart, a, b)]
            total[0] += n
            total[1] += amount
    return result


def _read(queryset) -> Totals:
    rows = queryset.values_list("county", "kind", "band", "year", "chart", "a", "b", "n", "amount")
    return {((c, k, band, y), chart, a, b): [n, amount] for c, k, band, y, chart, a, b, n, amount in rows}


def _order(item) -> tuple:
    """Rows that are read together are written together (few table pages per read): by cell as
    the unique index orders them, the roll-ups first, and the map's rows after all others."""
    (cell, chart, a, b), _value = item
    return (chart == "map", cell, chart, a, b)


def _insert(measure, totals: Totals) -> int:
    rows = [
        Aggregate(
            measure=measure.key,
            county=county,
            kind=kind,
            band=band,
            year=year,
            chart=chart,
            a=a,
            b=b,
            n=n,
            amount=amount,
        )
        for ((county, kind, band, year), chart, a, b), (n, amount) in sorted(totals.items(), key=_order)
        if n or amount
    ]
    Aggregate.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def _add(measure, deltas: Totals) -> None:
    """Add `deltas` to the stored aggregates (an upsert, so that concurrent writers add up), then
    drop the rows that came to nothing."""
    rows = sorted((key, value) for key, value in deltas.items() if value != [0, 0])
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(Aggregate._meta.db_table)
    key_columns = ", ".join(quote(name) for name in UPSERT_KEY)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            batch = rows[start : start + UPSERT_BATCH]
            params = [
                value
                for (cell, chart, a, b), (n, amount) in batch
                for value in (measure.key, *cell, chart, a, b, n, amount)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({key_columns}, n, amount) VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(batch))
                + f" ON CONFLICT ({key_columns}) DO UPDATE SET n = {table}.n + excluded.n,"
                f" amount = {table}.amount + excluded.amount",
                params,
            )
    touched = {cell for (cell, _chart, _a, _b), _value in rows}
    Aggregate.objects.filter(aggregate_q(touched), measure=measure.key, n=0, amount=0).delete()


def _lock_key(*parts) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _lock_measure(measure, exclusive: bool) -> None:
    """An advisory lock until the end of the transaction (PostgreSQL; SQLite has one writer)."""
    if connection.vendor != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [_lock_key(measure.key)])


def refresh(measure, pks: Iterable[int]) -> None:
    """Count the rows `pks` of `measure` again (also those deleted or no longer counted)."""
    pks = sorted(set(pks))
    if not pks:
        return
    model = measure.queryset().model
    with transaction.atomic():
        _lock_measure(measure, exclusive=False)
        for start in range(0, len(pks), REFRESH_CHUNK):
            part = pks[start : start + REFRESH_CHUNK]
            list(model._base_manager.select_for_update().filter(pk__in=part).order_by("pk").values_list("pk"))
            stored = Contribution.objects.filter(measure=measure.key, row__in=part)
            old = dict(stored.values_list("row", "items"))
            new = dict(contributions(measure, measure.queryset().filter(pk__in=part)))
            deltas: Totals = defaultdict(lambda: [0, 0])
            for items in new.values():
                _add_items(deltas, items)
            for items in old.values():
                _add_items(deltas, items, -1)
            _add(measure, with_roll_ups(deltas))
            stored.exclude(row__in=list(new)).delete()
            Contribution.objects.bulk_create(
                [
                    Contribution(measure=measure.key, row=pk, items=items)
                    for pk, items in new.items()
                    if old.get(pk) != items
                ],
                update_conflicts=True,
                unique_fields=["measure", "row"],
                update_fields=["items"],
            )
    bump()


def rebuild(measure) -> int:
    """Count every row of `measure` again; returns the number of aggregate rows."""
    with transaction.atomic():
        _lock_measure(measure, exclusive=True)
        Aggregate.objects.filter(measure=measure.key).delete()
        Contribution.objects.filter(measure=measure.key).delete()
        totals: Totals = defaultdict(lambda: [0, 0])
        rows = contributions(measure, measure.queryset())
        while chunk := list(itertools.islice(rows, CHUNK)):
            for _pk, items in chunk:
                _add_items(totals, items)
            Contribution.objects.bulk_create(
                [Contribution(measure=measure.key, row=pk, items=items) for pk, items in chunk]
            )
        written = _insert(measure, with_roll_ups(totals))
        AggregateState.objects.update_or_create(
            measure=measure.key, defaults={"signature": signature(measure), "built_at": timezone.now()}
        )
    bump()
    return written


def differences(measure) -> list[str]:
    """Where the stored aggregates and contributions differ from a fresh count ([] if nowhere)."""
    totals: Totals = defaultdict(lambda: [0, 0])
    fresh_rows = dict(contributions(measure, measure.queryset()))
    for items in fresh_rows.values():
        _add_items(totals, items)
    fresh = {key: value for key, value in with_roll_ups(totals).items() if value != [0, 0]}
    kept = _read(Aggregate.objects.filter(measure=measure.key))
    found = [
        f"{measure.key} {key}: stored {kept.get(key)}, counted {fresh.get(key)}"
        for key in sorted(set(fresh) | set(kept), key=repr)
        if fresh.get(key) != kept.get(key)
    ]
    stored_rows = dict(Contribution.objects.filter(measure=measure.key).values_list("row", "items"))
    found += [
        f"{measure.key} row {pk}: stored {stored_rows.get(pk)}, counted {fresh_rows.get(pk)}"
        for pk in sorted(set(fresh_rows) | set(stored_rows))
        if fresh_rows.get(pk) != stored_rows.get(pk)
    ]
    return found


def _code_digest(code: CodeType, hasher) -> None:
    hasher.update(code.co_code)
    hasher.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _code_digest(const, hasher)
        else:
            hasher.update(repr(const).encode())


def signature(measure) -> str:
    """Changes when the measure's definition does (then `migrate` rebuilds it)."""
    definition = (
        VERSION,
        measure.key,
        measure.organisation,
        measure.date,
        measure.fields,
        measure.amount,
        measure.on_map,
        [child.name for child in measure.children],
    )
    hasher = hashlib.sha256(repr(definition).encode())
    functions = [measure.queryset, measure.emit, *[child.rows for child in measure.children]]
    for function in functions:
        code = getattr(function, "__code__", None)
        if code is not None:
            _code_digest(code, hasher)
    return hasher.hexdigest()


def outdated(measures) -> list:
    """The measures never built, or built from another definition than today's."""
    built = dict(AggregateState.objects.values_list("measure", "signature"))
    return [measure for measure in measures if built.get(measure.key) != signature(measure)]


def build_outdated(sender, using=None, verbosity=1, **kwargs) -> None:
    """After `migrate` (post_migrate): build what is missing or outdated, drop what no measure
    counts any longer. Skipped until every counted table exists."""
    from spira.observatory.registry import registry

    if using not in (None, "default"):
        return
    measures = registry.measures()
    tables = set(connection.introspection.table_names())
    models = [Aggregate, AggregateState, Contribution, *(measure.queryset().model for measure in measures)]
    if any(model._meta.db_table not in tables for model in models):
        return
    keys = [measure.key for measure in measures]
    for model in (Aggregate, Contribution, AggregateState):
        model.objects.exclude(measure__in=keys).delete()
    for measure in outdated(measures):
        written = rebuild(measure)
        if verbosity >= 1 and written:
            print(f"  Observatory aggregates of {measure.key}: {written} rows.")
