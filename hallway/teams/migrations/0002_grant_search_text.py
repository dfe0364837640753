"""The text a share grant lets the team search, indexed like personal search (search's
migrations): an FTS5 table on SQLite, a tsvector with a GIN index on PostgreSQL. Team search
then reads only shared people and only what their level shows."""

from django.db import migrations, models

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE teams_grant_fts USING fts5(
        team_id, search_text, content='teams_sharegrant', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    """
    CREATE TRIGGER teams_grant_fts_after_insert AFTER INSERT ON teams_sharegrant BEGIN
        INSERT INTO teams_grant_fts(rowid, team_id, search_text)
        VALUES (new.id, new.team_id, new.search_text);
    END
    """,
    """
    CREATE TRIGGER teams_grant_fts_after_delete AFTER DELETE ON teams_sharegrant BEGIN
        INSERT INTO teams_grant_fts(teams_grant_fts, rowid, team_id, search_text)
        VALUES ('delete', old.id, old.team_id, old.search_text);
    END
    """,
    """
    CREATE TRIGGER teams_grant_fts_after_update
    AFTER UPDATE OF team_id, search_text ON teams_sharegrant BEGIN
        INSERT INTO teams_grant_fts(teams_grant_fts, rowid, team_id, search_text)
        VALUES ('delete', old.id, old.team_id, old.search_text);
        INSERT INTO teams_grant_fts(rowid, team_id, search_text)
        VALUES (new.id, new.team_id, new.search_text);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS teams_grant_fts_after_update",
    "DROP TRIGGER IF EXISTS teams_grant_fts_after_delete",
    "DROP TRIGGER IF EXISTS teams_grant_fts_after_insert",
    "DROP TABLE IF EXISTS teams_grant_fts",
]

POSTGRES_FORWARD = [
    """
    ALTER TABLE teams_sharegrant ADD COLUMN document tsvector GENERATED ALWAYS AS (
        to_tsvector('hallway_search'::regconfig, coalesce(search_text, ''))
    ) STORED
    """,
    "CREATE INDEX teams_sharegrant_document_gin ON teams_sharegrant USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS teams_sharegrant_document_gin",
    "ALTER TABLE teams_sharegrant DROP COLUMN IF EXISTS document",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        wanted = {"sqlite": statements[0], "postgresql": statements[1]}.get(vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for statement in wanted:
                cursor.execute(statement)

    return run


def _fill(apps, schema_editor):
    from hallway.teams.services import grants_refresh_text

    grants_refresh_text(person_ids=None, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0001_initial"),
        ("search", "0004_postgres_tier_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="sharegrant",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(
            _run((SQLITE_FORWARD, POSTGRES_FORWARD)), _run((SQLITE_BACKWARD, POSTGRES_BACKWARD))
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
    ]
