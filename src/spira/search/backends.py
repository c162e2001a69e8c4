"""The two full-text backends behind one interface: FTS5 on SQLite, tsvector on PostgreSQL.

Both receive the same stems (spira.search.text) and build their match expression only from them
and from filter keys (spira.search.keys): every stem and key is quoted, so nothing a user types can
become FTS5 or tsquery syntax. Stems are runs of letters and digits, so the quoting is a formality,
kept for safety. Hits are the same on both databases; the rank differs in scale (BM25 against
ts_rank) but orders title hits above summary hits above body hits on both.

A `Match` says what to find: words (all or any of them, anywhere or in the title or summary, "the
head"), keys that must all be there, groups of keys of which one must be there, and groups of which
none may be. The index does all of this filtering, so only the rows asked for are ever read.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models

from spira.search import keys

FTS_TABLE = "search_fts"
TEXT_TABLE = "search_searchtext"
DOC_TABLE = "search_searchdocument"
# Column weights: title, summary, body, keys (FTS5 BM25); ts_rank weights for D, C, B, A.
BM25_WEIGHTS = "10.0, 4.0, 2.0, 0.0"
TS_RANK_WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"
HEAD_PREFIX = keys.HEAD_PREFIX


@dataclass(frozen=True)
class Match:
    """What a full-text query finds (see the module docstring). Needs words or keys."""

    terms: tuple[frozenset[str], ...] = ()
    any_term: bool = False
    head: bool = False
    # Terms needed besides `terms`, all of them (anywhere), whatever `any_term` says.
    required: tuple[frozenset[str], ...] = ()
    keys: tuple[str, ...] = ()
    key_groups: tuple[tuple[str, ...], ...] = ()
    without: tuple[tuple[str, ...], ...] = ()
    # Leave out what the same terms would find in the head (the second tier of relevance).
    without_head: bool = False

    def replace(self, **changes) -> "Match":
        return Match(**{**self.__dict__, **changes})


def _sqlite_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _postgresql_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _terms_sqlite(terms, any_term: bool, head: bool) -> str:
    prefix = HEAD_PREFIX if head else ""
    groups = ["(" + " OR ".join(_sqlite_quote(prefix + s) for s in sorted(term)) + ")" for term in terms]
    return "(" + (" OR " if any_term else " AND ").join(groups) + ")"


def _terms_postgresql(terms, any_term: bool, head: bool) -> str:
    prefix = HEAD_PREFIX if head else ""
    groups = ["(" + " | ".join(_postgresql_quote(prefix + s) for s in sorted(term)) + ")" for term in terms]
    return "(" + (" | " if any_term else " & ").join(groups) + ")"


def render(match: Match, using: str = "default") -> str:
    """The MATCH (SQLite) or tsquery (PostgreSQL) text of `match`."""
    if vendor(using) == "postgresql":
        words, quote, conjunction, negation = _terms_postgresql, _postgresql_quote, " & ", " & !"
        either = " | "
    else:
        words, quote, conjunction, negation = _terms_sqlite, _sqlite_quote, " AND ", " NOT "
        either = " OR "
    parts = []
    if match.terms:
        parts.append(words(match.terms, match.any_term, match.head))
    if match.required:
        parts.append(words(match.required, False, False))
    parts += [quote(key) for key in match.keys]
    parts += ["(" + either.join(quote(key) for key in group) + ")" for group in match.key_groups]
    if not parts:
        raise ValueError("a match needs words or keys")
    expression = conjunction.join(parts)
    negatives = ["(" + either.join(quote(key) for key in group) + ")" for group in match.without if group]
    if match.without_head and match.terms:
        negatives.append(words(match.terms, match.any_term, True))
    for negative in negatives:
        expression = f"({expression}){negation}{negative}"
    return expression


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def match_expression(terms: list[frozenset[str]], *, any_term: bool = False, using: str = "default") -> str:
    """The MATCH (SQLite) or tsquery (PostgreSQL) text for `terms`: all terms, or any with `any_term`."""
    if not terms:
        raise ValueError("a match expression needs at least one term")
    return render(Match(tuple(terms), any_term=any_term), using)


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
    rank: bool | str = False,
    rank_expression: str | None = None,
    order_by: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    using: str = "default",
) -> list[tuple]:
    """Rows of SearchDocument `d` matching `expression` (all documents when it is None) and the
    SQL conditions `where`, as tuples of `columns` (plus the rank as `score`, last, with `rank`).

    One statement; the full-text index drives it, and only the slim document rows are read.
    `rank="head"` ranks by the title and summary only, which PostgreSQL reads without the large
    vector; SQLite ranks by BM25 either way. `rank_expression` is the tsquery to rank by on
    PostgreSQL (by default `expression`; filter keys in it add nothing to the rank).
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
            vector = "t.head" if rank == "head" else "t.vector"
            select.append(f"ts_rank(%s::float4[], {vector}, %s::tsquery, 1) AS score")
            select_params += [TS_RANK_WEIGHTS, rank_expression or expression]
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


def count(expression: str, using: str = "default") -> int:
    """How many documents match `expression`: from the full-text index alone, no document read."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        sql = f"SELECT count(*) FROM {TEXT_TABLE} t WHERE t.vector @@ %s::tsquery"
    else:
        sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression])
        return cursor.fetchone()[0]


def facet_text(expression: str, using: str = "default") -> tuple[int, str]:
    """How many documents match `expression`, and their `facets` texts joined into one: one row
    comes back, however many documents there are."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        # From the rows the index finds, without a join (see SearchText.facets).
        sql = f"SELECT count(*), coalesce(string_agg(t.facets, ''), '') FROM {TEXT_TABLE} t WHERE t.vector @@ %s::tsquery"
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression])
            return cursor.fetchone()
    [(found, text)] = document_rows(
        expression, columns=["count(*)", "coalesce(group_concat(d.facets, ''), '')"], using=using
    )
    return found, text


def title_order(using: str = "default") -> str:
    """ORDER BY text for sorting by title in code-point order on both databases (as Python does)."""
    if vendor(using) == "postgresql":
        return 'd.sort_title COLLATE "C", d.object_id'
    return "d.sort_title, d.object_id"


NEWEST_ORDER = "(d.date IS NULL), d.date DESC, d.object_id DESC"
RANK_ORDER = "score DESC, d.object_id"
# Points of a word in the title and (if not there) in the summary, for head_rows.
TITLE_POINTS, SUMMARY_POINTS = 2, 1


def _presence_sql(terms, using: str) -> tuple[str, list]:
    """SQL adding up, for each term, TITLE_POINTS when one of its stems is in the title, else
    SUMMARY_POINTS when one is in the summary, and its parameters."""
    cases, params = [], []
    for term in terms:
        stems = sorted(term)
        if vendor(using) == "postgresql":
            tests = []
            for weight in ("A", "B"):
                tests.append("t.head @@ %s::tsquery")
                params.append(" | ".join(f"{_postgresql_quote(stem)}:{weight}" for stem in stems))
        else:
            tests = []
            for column in ("t.title", "t.summary"):
                tests.append(" OR ".join(f"instr(' ' || {column} || ' ', %s) > 0" for _ in stems))
                params += [f" {stem} " for stem in stems]
        cases.append(
            f"CASE WHEN {tests[0]} THEN {TITLE_POINTS} WHEN {tests[1]} THEN {SUMMARY_POINTS} ELSE 0 END"
        )
    return " + ".join(cases), params


def head_rows(
    expression: str,
    terms: Sequence[frozenset[str]],
    *,
    columns: Sequence[str],
    limit: int,
    offset: int = 0,
    using: str = "default",
) -> list[tuple]:
    """Rows (`columns` + score) of documents matching `expression`, all of whose `terms` are in
    their title or summary: those with more of them in the title first, newest first among
    equals. No full-text rank is computed: the score reads the small title and summary only."""
    connection = connections[using]
    presence, presence_params = _presence_sql(terms, using)
    if connection.vendor == "postgresql":
        source = f"{TEXT_TABLE} t JOIN {DOC_TABLE} d ON d.id = t.document_id"
        condition = "t.vector @@ %s::tsquery"
    else:
        source = (
            f"{FTS_TABLE} JOIN {DOC_TABLE} d ON d.id = {FTS_TABLE}.rowid"
            f" JOIN {TEXT_TABLE} t ON t.document_id = {FTS_TABLE}.rowid"
        )
        condition = f"{FTS_TABLE} MATCH %s"
    sql = (
        f"SELECT {', '.join(columns)}, {presence} AS score FROM {source} WHERE {condition}"
        f" ORDER BY score DESC, {NEWEST_ORDER} LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*presence_params, expression])
        return cursor.fetchall()


def document_frequencies(stems: Sequence[str], *, cap: int, using: str = "default") -> dict[str, int]:
    """How many documents hold each stem, counted up to `cap` (more is simply "common").

    SQLite reads the counts from the FTS5 vocabulary table; PostgreSQL counts through the GIN index,
    stopping at `cap`, so that common stems cost no more than rare ones.
    """
    stems = sorted(set(stems))
    if not stems:
        return {}
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""SELECT s.stem, (SELECT count(*) FROM (SELECT 1 FROM {TEXT_TABLE} t
                    WHERE t.vector @@ s.query::tsquery LIMIT %s) AS x)
                FROM unnest(%s::text[], %s::text[]) AS s(stem, query)""",
                [cap, stems, [_postgresql_quote(stem) for stem in stems]],
            )
        else:
            placeholders = ", ".join(["%s"] * len(stems))
            cursor.execute(f"SELECT term, doc FROM {FTS_TABLE}_vocab WHERE term IN ({placeholders})", stems)
        found = {stem: min(int(n), cap) for stem, n in cursor.fetchall()}
    return {stem: found.get(stem, 0) for stem in stems}
