"""The database-specific full-text index over SearchDocument (see spira.search.backends).

SQLite: an external-content FTS5 table whose rowid is the document's id, kept in step by
triggers; the tokenizer keeps å, ä and ö (remove_diacritics 0). PostgreSQL: a generated tsvector
column in the `simple` configuration (the texts are stemmed already), weighted A/B/C, with a
GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_searchdocument_fts USING fts5(
        title, summary, body,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_searchdocument_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER search_searchdocument_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER search_searchdocument_au AFTER UPDATE OF title, summary, body ON search_searchdocument
    BEGIN
        INSERT INTO search_searchdocument_fts(search_searchdocument_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO search_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    "INSERT INTO search_searchdocument_fts(search_searchdocument_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchdocument_au",
    "DROP TRIGGER IF EXISTS search_searchdocument_ad",
    "DROP TRIGGER IF EXISTS search_searchdocument_ai",
    "DROP TABLE IF EXISTS search_searchdocument_fts",
]

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
    ) STORED
    """,
    "CREATE INDEX search_searchdocument_vector_idx ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchdocument_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
