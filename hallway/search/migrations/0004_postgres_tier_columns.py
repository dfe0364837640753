"""PostgreSQL: one tsvector per ranking tier (name; name+company/role/location/tags).

Weight-restricted queries on the single `document` column can't be estimated by the planner,
which then walks every row when nothing matches; separate columns have their own statistics.
"""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN name_document tsvector GENERATED ALWAYS AS (
        to_tsvector('hallway_search'::regconfig, coalesce(name, ''))
    ) STORED
    """,
    """
    ALTER TABLE search_searchdocument ADD COLUMN profile_document tsvector GENERATED ALWAYS AS (
        to_tsvector('hallway_search'::regconfig,
            coalesce(name, '') || ' ' || coalesce(headline, '') || ' ' || coalesce(tags, ''))
    ) STORED
    """,
    "CREATE INDEX search_name_document_gin ON search_searchdocument USING gin (name_document)",
    "CREATE INDEX search_profile_document_gin ON search_searchdocument USING gin (profile_document)",
    # The newest-first walk of one owner's people (see keyword.py).
    "CREATE INDEX search_document_owner_person ON search_searchdocument (owner_id, person_id)",
    # Parallel workers cost tens of milliseconds to start, more than any search here takes.
    "ALTER TABLE search_searchdocument SET (parallel_workers = 0)",
    "ANALYZE search_searchdocument",
]

BACKWARD = [
    "ALTER TABLE search_searchdocument RESET (parallel_workers)",
    "DROP INDEX IF EXISTS search_document_owner_person",
    "DROP INDEX IF EXISTS search_profile_document_gin",
    "DROP INDEX IF EXISTS search_name_document_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS profile_document",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS name_document",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_existing_people")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
