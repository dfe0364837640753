"""The engine-specific full-text index: FTS5 on SQLite, tsvector + GIN + pg_trgm on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # External-content FTS5 table: the text lives once, in search_searchdocument. owner_id is
    # an indexed column so every query filters on it inside the engine.
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        owner_id, name, headline, tags, story, notes,
        content='search_searchdocument', content_rowid='person_id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    # Default ranking: the owner column weighs nothing, a name match weighs the most.
    "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(0.0, 10.0, 4.0, 3.0, 2.0, 1.0)')",
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, owner_id, name, headline, tags, story, notes)
        VALUES (new.person_id, new.owner_id, new.name, new.headline, new.tags, new.story, new.notes);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, owner_id, name, headline, tags, story, notes)
        VALUES ('delete', old.person_id, old.owner_id, old.name, old.headline, old.tags, old.story, old.notes);
    END
    """,
    # Only text changes touch the index (saving an embedding must not rewrite it).
    """
    CREATE TRIGGER search_fts_after_update
    AFTER UPDATE OF owner_id, name, headline, tags, story, notes ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, owner_id, name, headline, tags, story, notes)
        VALUES ('delete', old.person_id, old.owner_id, old.name, old.headline, old.tags, old.story, old.notes);
        INSERT INTO search_fts(rowid, owner_id, name, headline, tags, story, notes)
        VALUES (new.person_id, new.owner_id, new.name, new.headline, new.tags, new.story, new.notes);
    END
    """,
    "CREATE INDEX search_nameterm_lookup ON search_nameterm(owner_id, variant)",
]

SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS search_nameterm_lookup",
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # english stemming that also ignores accents ("José" finds "jose")
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hallway_search') THEN
            CREATE TEXT SEARCH CONFIGURATION hallway_search (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION hallway_search
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$
    """,
    """
    ALTER TABLE search_searchdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('hallway_search'::regconfig, coalesce(name, '')), 'A') ||
        setweight(to_tsvector('hallway_search'::regconfig, coalesce(headline, '') || ' ' || coalesce(tags, '')), 'B') ||
        setweight(to_tsvector('hallway_search'::regconfig, coalesce(story, '')), 'C') ||
        setweight(to_tsvector('hallway_search'::regconfig, coalesce(notes, '')), 'D')
    ) STORED
    """,
    "CREATE INDEX search_document_gin ON search_searchdocument USING gin (document)",
    "CREATE INDEX search_nameterm_trgm ON search_nameterm USING gin (term gin_trgm_ops)",
    "CREATE INDEX search_nameterm_owner ON search_nameterm(owner_id)",
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_nameterm_owner",
    "DROP INDEX IF EXISTS search_nameterm_trgm",
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS document",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        wanted = {"sqlite": statements[0], "postgresql": statements[1]}.get(vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for statement in wanted:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run((SQLITE_FORWARD, POSTGRES_FORWARD)),
            _run((SQLITE_BACKWARD, POSTGRES_BACKWARD)),
        ),
    ]
