"""Story terms: the owner's indexed words, for "Did you mean …?" on misspelt story words."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRES_FORWARD = [
    "CREATE INDEX search_storyterm_trgm ON search_storyterm USING gin (variant gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_storyterm_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


def _fill(apps, schema_editor):
    # The people indexed before this migration: their words, as document_refresh adds them.
    from hallway.search.services.story_terms import story_terms_add

    SearchDocument = apps.get_model("search", "SearchDocument")
    texts: dict[int, list[str]] = {}
    for row in SearchDocument.objects.values("owner_id", "headline", "tags", "story", "notes"):
        texts.setdefault(row["owner_id"], []).append(
            " ".join((row["headline"], row["tags"], row["story"], row["notes"]))
        )
    for owner_id, owner_texts in texts.items():
        story_terms_add(owner_id=owner_id, texts=owner_texts)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_postgres_tier_columns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=100)),
                ("variant", models.CharField(max_length=100)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("owner", "variant", "term"), name="search_storyterm_unique"
                    )
                ]
            },
        ),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
        migrations.RunPython(_fill, migrations.RunPython.noop),
    ]
