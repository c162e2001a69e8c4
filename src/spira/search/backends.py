"""The two full-text backends behind one interface: FTS5 on SQLite, tsvector on PostgreSQL.

Both receive the same stems (spira.search.text) and build their match expression only from them:
every stem is quoted, so nothing a user types can become FTS5 or tsquery syntax. Stems are runs
of letters and digits, so the quoting is a formality, kept for safety. Hits are the same on both
databases; the rank differs in scale (BM25 against ts_rank) but orders title hits above summary
hits above body hits on both.
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models

FTS_TABLE = "search_fts"
TEXT_TABLE = "search_searchtext"
DOC_TABLE = "search_searchdocument"
# Column weights: title, summary, body (FTS5 BM25); ts_rank weights for D, C, B, A.
BM25_WEIGHTS = "10.0, 4.0, 2.0"
TS_RANK_WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"


def _sqlite_expression(terms: list[frozenset[str]], any_term: bool) -> str:
    def quote(stem: str) -> str:
        return '"' + stem.replace('"', '""') + '"'

    groups = ["(" + " OR ".join(quote(s) for s in sorted(term)) + ")" for term in terms]
    return (" OR " if any_term else " AND ").join(groups)


def _postgresql_expression(terms: list[frozenset[str]], any_term: bool) -> str:
    def quote(stem: str) -> str:
        return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"

    groups = ["(" + " | ".join(quote(s) for s in sorted(term)) + ")" for term in terms]
    return (" | " if any_term else " & ").join(groups)


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def match_expression(terms: list[frozenset[str]], *, any_term: bool = False, using: str = "default") -> str:
    """The MATCH (SQLite) or tsquery (PostgreSQL) text for `terms`: all terms, or any with `any_term`."""
    if not terms:
        raise ValueError("a match expression needs at least one term")
    if vendor(using) == "postgresql":
        return _postgresql_expression(terms, any_term)
    return _sqlite_expression(terms, any_term)


def contains_sql(column: str, using: str = "default") -> str:
    """SQL that is true when `column` contains the parameter (a plain substring, no patterns)."""
    function = "strpos" if vendor(using) == "postgresql" else "instr"
    return f"{function}({column}, %s) > 0"


def annotate_match(
    queryset: models.QuerySet, expression: str, *, rank: bool = True, documents: bool = False
) -> models.QuerySet:
    """`queryset` limited to rows whose search document matches `expression`, with `search_rank`
    (higher is better) when `rank` is true.

    `queryset` is a queryset of a registered model, or of SearchDocument itself with `documents`.
    The join is written with `extra()`: the ORM cannot join a virtual FTS5 table, and a
    correlated subquery would run the full-text match once per row.
    """
    connection = connections[queryset.db]
    qn = connection.ops.quote_name
    doc = qn(DOC_TABLE)
    tables: list[str] = []
    where: list[str] = []
    params: list = []
    if not documents:
        model = queryset.model
        content_type = ContentType.objects.db_manager(queryset.db).get_for_model(model)
        tables.append(DOC_TABLE)
        where.append(f"{doc}.{qn('content_type_id')} = %s")
        where.append(f"{doc}.{qn('object_id')} = {qn(model._meta.db_table)}.{qn(model._meta.pk.column)}")
        params.append(content_type.pk)
    select: dict[str, str] = {}
    select_params: list = []
    if connection.vendor == "postgresql":
        text = qn(TEXT_TABLE)
        tables.append(TEXT_TABLE)
        where.append(f"{text}.{qn('document_id')} = {doc}.{qn('id')}")
        where.append(f"{text}.{qn('vector')} @@ %s::tsquery")
        params.append(expression)
        if rank:
            select["search_rank"] = f"ts_rank(%s::float4[], {text}.{qn('vector')}, %s::tsquery, 1)"
            select_params += [TS_RANK_WEIGHTS, expression]
    else:
        fts = qn(FTS_TABLE)
        tables.append(FTS_TABLE)
        where.append(f"{fts}.rowid = {doc}.{qn('id')}")
        where.append(f"{fts} MATCH %s")
        params.append(expression)
        if rank:
            select["search_rank"] = f"-bm25({fts}, {BM25_WEIGHTS})"
    return queryset.extra(
        select=select, select_params=select_params, tables=tables, where=where, params=params
    )


def document_rows(
    expression: str | None,
    *,
    columns: Sequence[str],
    column_params: Sequence = (),
    where: Sequence[str] = (),
    params: Sequence = (),
    rank: bool = False,
    order_by: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    using: str = "default",
) -> list[tuple]:
    """Rows of SearchDocument `d` matching `expression` (all documents when it is None) and the
    SQL conditions `where`, as tuples of `columns` (plus the rank as `score`, last, with `rank`).

    One statement; the full-text index drives it, and only the slim document rows are read.
    """
    connection = connections[using]
    select = list(columns)
    conditions = list(where)
    select_params: list = []
    match_params: list = []
    if expression is None:
        source = f"{DOC_TABLE} d"
        if rank:
            select.append("0.0 AS score")
    elif connection.vendor == "postgresql":
        source = f"{TEXT_TABLE} t JOIN {DOC_TABLE} d ON d.id = t.document_id"
        conditions.insert(0, "t.vector @@ %s::tsquery")
        match_params.append(expression)
        if rank:
            select.append("ts_rank(%s::float4[], t.vector, %s::tsquery, 1) AS score")
            select_params += [TS_RANK_WEIGHTS, expression]
    else:
        source = f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.id = {FTS_TABLE}.rowid"
        conditions.insert(0, f"{FTS_TABLE} MATCH %s")
        match_params.append(expression)
        if rank:
            select.append(f"-bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS score")
    sql = f"SELECT {', '.join(select)} FROM {source}"
    if conditions:
        sql += " WHERE " + " AND ".join(f"({c})" for c in conditions)
    if order_by:
        sql += f" ORDER BY {order_by}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*column_params, *select_params, *match_params, *params])
        return cursor.fetchall()
