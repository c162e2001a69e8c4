"""The database-specific full-text index over SearchText, with filter keys (see spira.search.keys).

SQLite: an external-content FTS5 table whose rowid is the document id, kept in step by triggers;
the tokenizer keeps å, ä and ö (remove_diacritics 0) and keeps underscores inside tokens, so that a
key like `_f_0a1b…` or `h_kommun` is one token. The keys are a fourth column, weighted 0 in ranking. An
fts5vocab table over it gives the number of documents holding each stem.

PostgreSQL: a generated tsvector in the `simple` configuration (the texts are stemmed already),
weighted A/B/C, plus the keys as lexemes without positions; one GIN index serves words and keys.
A second, small generated tsvector holds the title and summary only, to rank hits cheaply.

The rows the index finds are read for their facet lines (kept in the row for that), so they are
kept narrow: with a toast_tuple_target of 512 bytes the stemmed texts, the keys and the large
vector move out of line, while the facet lines and the small vector stay in (storage MAIN).
"""

from spira.search.migrations._fulltext import execute_for_vendor

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body, keys,
        content='search_searchtext', content_rowid='document_id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )
    """,
    """
    CREATE TRIGGER search_searchtext_ai AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title, summary, body, keys)
        VALUES (new.document_id, new.title, new.summary, new.body, new.keys);
    END
    """,
    """
    CREATE TRIGGER search_searchtext_ad AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, keys)
        VALUES ('delete', old.document_id, old.title, old.summary, old.body, old.keys);
    END
    """,
    """
    CREATE TRIGGER search_searchtext_au AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body, keys)
        VALUES ('delete', old.document_id, old.title, old.summary, old.body, old.keys);
        INSERT INTO search_fts(rowid, title, summary, body, keys)
        VALUES (new.document_id, new.title, new.summary, new.body, new.keys);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    # Document frequencies of stems, read by similar() to prefer rare words.
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab('search_fts', 'row')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS search_fts_vocab",
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
        || array_to_tsvector(array_remove(string_to_array(keys, ' '), ''))
    ) STORED
    """,
    """
    ALTER TABLE search_searchtext ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, summary), 'B')
    ) STORED
    """,
    "ALTER TABLE search_searchtext ALTER COLUMN head SET STORAGE MAIN",
    "ALTER TABLE search_searchtext ALTER COLUMN facets SET STORAGE MAIN",
    "ALTER TABLE search_searchtext SET (toast_tuple_target = 512)",
    "CREATE INDEX search_searchtext_vector_idx ON search_searchtext USING gin (vector)",
]
POSTGRESQL_DROP = [
    "ALTER TABLE search_searchtext RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_searchtext_vector_idx",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS head",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS vector",
]


def create(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop(apps, schema_editor):
    execute_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})
