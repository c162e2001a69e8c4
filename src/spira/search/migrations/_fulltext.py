"""The database-specific full-text index over SearchText (see spira.search.backends).

SQLite: an external-content FTS5 table whose rowid is the document id, kept in step by
triggers; the tokenizer keeps å, ä and ö (remove_diacritics 0). PostgreSQL: a generated tsvector
column in the `simple` configuration (the texts are stemmed already), weighted A/B/C, with a GIN
index.
"""

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body,
        content='search_searchtext', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_searchtext_ai AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title, summary, body)
        VALUES (new.document_id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER search_searchtext_ad AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.document_id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER search_searchtext_au AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.document_id, old.title, old.summary, old.body);
        INSERT INTO search_fts(rowid, title, summary, body)
        VALUES (new.document_id, new.title, new.summary, new.body);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_searchtext_au",
    "DROP TRIGGER IF EXISTS search_searchtext_ad",
    "DROP TRIGGER IF EXISTS search_searchtext_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_CREATE = [
    """
    ALTER TABLE search_searchtext ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
    ) STORED
    """,
    "CREATE INDEX search_searchtext_vector_idx ON search_searchtext USING gin (vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_searchtext_vector_idx",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS vector",
]


def execute_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the statements of this database (`{"sqlite": [...], "postgresql": [...]}`), if any."""
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})
