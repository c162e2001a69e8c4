"""Writing aggregates: a full rebuild per measure, and the recomputation of a few cells.

A recomputation replaces the Aggregate rows of the given cells by counting the source rows of
exactly those cells again (a few hundred rows at most, by index), so it heals whatever drifted in
them, and adds the difference to the cells' roll-ups. On PostgreSQL, advisory locks serialise work on the same cells (and a rebuild against all
recomputations of its measure), so that concurrent writers never insert the same row twice.
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
    source_q,
    with_year,
)
from spira.observatory.cache import bump
from spira.observatory.models import Aggregate, AggregateState

CHUNK = 2000
UPSERT_BATCH = 500
UPSERT_KEY = ("measure", "county", "kind", "band", "year", "chart", "a", "b")
# Bump when the way rows become aggregates changes outside the measures' own definitions.
VERSION = 1

Totals = dict[tuple[Cell, str, str, str], list[int]]


def _contributions(measure, row: dict, cell: Cell) -> Iterator[tuple[str, str, str, int]]:
    amount = (row.get(measure.amount) or 0) if measure.amount else 0
    county, _kind, _band, year = cell
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


def _add_chunk(measure, queryset, chunk: list[dict], totals: Totals) -> None:
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
        cell = cell_of(measure, row)
        for chart, a, b, amount in _contributions(measure, row, cell):
            total = totals[(cell, chart, a, b)]
            total[0] += 1
            total[1] += amount


def collect(measure, queryset) -> Totals:
    """{(cell, chart, category, second category): [count, amount]} of the rows of `queryset`."""
    names = ("pk", *organisation_names(measure), *measure.fields, *([YEAR] if measure.date else []))
    rows = with_year(measure, queryset).order_by("pk").values(*names)
    totals: Totals = defaultdict(lambda: [0, 0])
    iterator = rows.iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        _add_chunk(measure, queryset, chunk, totals)
    return totals


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
    """Add `deltas` to the stored roll-ups (an upsert, so that concurrent writers add up), then
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


def _lock(measure, cells: Iterable[Cell] | None) -> None:
    """Advisory locks until the end of the transaction (PostgreSQL; SQLite has one writer)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if cells is None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(measure.key)])
            return
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [_lock_key(measure.key)])
        keys = sorted(_lock_key(measure.key, *cell) for cell in cells)
        cursor.execute("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", [keys])


def recompute(measure, cells: Iterable[Cell]) -> None:
    """Count the rows of `cells` again, replace their aggregates and add the difference to the
    roll-ups."""
    cells = set(cells)
    if not cells:
        return
    with transaction.atomic():
        _lock(measure, cells)
        rows = Aggregate.objects.filter(aggregate_q(cells), measure=measure.key)
        old = _read(rows)
        rows.delete()
        new = collect(measure, measure.queryset().filter(source_q(measure, cells)))
        _insert(measure, new)
        deltas: Totals = defaultdict(lambda: [0, 0])
        for totals, sign in ((new, 1), (old, -1)):
            for (cell, chart, a, b), (n, amount) in totals.items():
                if chart == "map":
                    continue
                for mask in ROLL_UPS:
                    delta = deltas[(roll_up(cell, mask), chart, a, b)]
                    delta[0] += sign * n
                    delta[1] += sign * amount
        _add(measure, deltas)
    bump()


def rebuild(measure) -> int:
    """Count every row of `measure` again; returns the number of aggregate rows."""
    with transaction.atomic():
        _lock(measure, None)
        Aggregate.objects.filter(measure=measure.key).delete()
        written = _insert(measure, with_roll_ups(collect(measure, measure.queryset())))
        AggregateState.objects.update_or_create(
            measure=measure.key, defaults={"signature": signature(measure), "built_at": timezone.now()}
        )
    return written


def differences(measure) -> list[str]:
    """Where the stored aggregates differ from a fresh count ([] when they agree)."""
    fresh = {
        key: value
        for key, value in with_roll_ups(collect(measure, measure.queryset())).items()
        if value != [0, 0]
    }
    kept = _read(Aggregate.objects.filter(measure=measure.key))
    return [
        f"{measure.key} {key}: stored {kept.get(key)}, counted {fresh.get(key)}"
        for key in sorted(set(fresh) | set(kept), key=repr)
        if fresh.get(key) != kept.get(key)
    ]


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
    models = [Aggregate, AggregateState, *(measure.queryset().model for measure in measures)]
    if any(model._meta.db_table not in tables for model in models):
        return
    Aggregate.objects.exclude(measure__in=[m.key for m in measures]).delete()
    AggregateState.objects.exclude(measure__in=[m.key for m in measures]).delete()
    for measure in outdated(measures):
        written = rebuild(measure)
        if verbosity >= 1 and written:
            print(f"  Observatory aggregates of {measure.key}: {written} rows.")
