"""Bulk rebuild of the search documents: many people in a few statements (imports, restores,
`hallway search reindex`, the migration that fills the index)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from hallway.lib.story import FACETS
from hallway.lib.task_queue import enqueue_with_write
from hallway.search.models import SearchDocument
from hallway.search.services.fields import document_fields, semantic_text, text_hash
from hallway.search.services.name_terms import name_terms_add
from hallway.search.services.sql import bulk_page_cache, upsert
from hallway.search.services.story_terms import story_terms_add

_PERSON_FIELDS = ("id", "owner_id", "name", "company", "role", "location", "met_at", *FACETS)
_DOCUMENT_COLUMNS = ("name", "headline", "tags", "story", "notes")


def _documents_write(people: list[Any]) -> None:
    """Write the search documents of the people (objects with Person's attributes) in a few
    statements: their tags, notes and conversations are read in one query each and the
    documents are upserted with one prepared statement (the FTS index follows through its
    triggers on SQLite, the generated tsvector columns on PostgreSQL). Keeps the embeddings:
    the hash says whether they are stale."""
    from hallway.conversations.models import Conversation
    from hallway.people.models import Note, Person, Tag

    quote = connection.ops.quote_name
    table = quote(SearchDocument._meta.db_table)
    columns = (
        "person_id",
        "owner_id",
        *_DOCUMENT_COLUMNS,
        "semantic_hash",
        "updated_at",
        "embedded_hash",
    )
    pg_types = (
        "bigint",
        "bigint",
        *["text"] * len(_DOCUMENT_COLUMNS),
        "text",
        "timestamptz",
        "text",
    )
    # Everything but the embedding: it stays, and the hashes say whether it is stale.
    updated = [column for column in columns if column not in ("person_id", "embedded_hash")]
    tail = f" ON CONFLICT ({quote('person_id')}) DO UPDATE SET " + ", ".join(
        f"{quote(column)} = excluded.{quote(column)}" for column in updated
    )
    # Plain SQL for the related rows: building a 2,000-id IN lookup through the ORM costs
    # more than running it.
    through = Person.tags.through
    tags_sql = (
        f"SELECT link.{quote('person_id')}, tag.{quote('name')} "
        f"FROM {quote(through._meta.db_table)} link "
        f"JOIN {quote(Tag._meta.db_table)} tag ON tag.{quote('id')} = link.{quote('tag_id')} "
        f"WHERE link.{quote('person_id')} IN ({{ids}})"
    )
    notes_sql = (
        f"SELECT {quote('person_id')}, {quote('text')} FROM {quote(Note._meta.db_table)} "
        f"WHERE {quote('person_id')} IN ({{ids}}) ORDER BY {quote('date')}, {quote('id')}"
    )
    conversations_sql = (
        f"SELECT {quote('person_id')}, {quote('notes')}, {quote('learned')} "
        f"FROM {quote(Conversation._meta.db_table)} WHERE {quote('person_id')} IN ({{ids}}) "
        f"ORDER BY {quote('started_at')}, {quote('id')}"
    )
    learned_field = Conversation._meta.get_field("learned")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    names: dict[int, list[str]] = {}
    texts: dict[int, list[str]] = {}
    with transaction.atomic(), bulk_page_cache(), connection.cursor() as cursor:
        # Chunks keep each id list within every database's limit on query parameters.
        for start in range(0, len(people), 2000):
            batch = people[start : start + 2000]
            chunk = [person.pk for person in batch]
            # One parameter for the ids (an array, a JSON list): a query with 2,000
            # placeholders costs the drivers more than running it.
            params: list[Any]
            if connection.vendor == "postgresql":
                ids, params = "SELECT unnest(%s::bigint[])", [chunk]
            else:
                ids, params = "SELECT value FROM json_each(%s)", [json.dumps(chunk)]
            tags: dict[int, list[str]] = {}
            cursor.execute(tags_sql.format(ids=ids), params)
            for person_id, tag_name in cursor.fetchall():
                tags.setdefault(person_id, []).append(tag_name)
            notes: dict[int, list[str]] = {}
            cursor.execute(notes_sql.format(ids=ids), params)
            for person_id, text in cursor.fetchall():
                notes.setdefault(person_id, []).append(text)
            conversations: dict[int, list[tuple[str, dict[str, Any]]]] = {}
            cursor.execute(conversations_sql.format(ids=ids), params)
            for person_id, text, learned in cursor.fetchall():
                if isinstance(learned, str | bytes):  # JSON text, as the model field reads it
                    learned = learned_field.from_db_value(learned, None, connection)  # type: ignore[arg-type]
                conversations.setdefault(person_id, []).append((text, learned))
            rows = []
            for person in batch:
                fields = document_fields(
                    person,
                    tag_names=sorted(tags.get(person.pk, [])),
                    note_texts=notes.get(person.pk, []),
                    conversations=conversations.get(person.pk, []),
                )
                rows.append(
                    (
                        person.pk,
                        person.owner_id,
                        *(fields[column] for column in _DOCUMENT_COLUMNS),
                        text_hash(semantic_text(fields)),
                        now,
                        "",
                    )
                )
                names.setdefault(person.owner_id, []).append(person.name)
                texts.setdefault(person.owner_id, []).append(
                    " ".join(fields[column] for column in ("headline", "tags", "story", "notes"))
                )
            upsert(cursor, table, columns, pg_types, rows, tail)
        # Once for all the people: the same first and last names come back many times.
        for owner_id, owner_names in names.items():
            name_terms_add(owner_id=owner_id, names=owner_names)
        for owner_id, owner_texts in texts.items():
            story_terms_add(owner_id=owner_id, texts=owner_texts)


def documents_rebuild(
    *,
    owner: User | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
    person_ids: Iterable[int] | None = None,
) -> int:
    """Rebuild every search document (of one owner, or everyone) in batches; returns the count.

    Used by `hallway search reindex`, the migration that fills the index for existing people,
    and the benchmark's data generator.
    """
    from hallway.people.models import Person

    people = Person.objects.all() if owner is None else Person.objects.filter(owner=owner)
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    person_ids = list(people.order_by("pk").values_list("pk", flat=True))
    total = 0
    for start in range(0, len(person_ids), batch_size):
        chunk = person_ids[start : start + batch_size]
        batch = [
            SimpleNamespace(pk=values[0], **dict(zip(_PERSON_FIELDS, values, strict=True)))
            for values in Person.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values_list(*_PERSON_FIELDS)
        ]
        _documents_write(batch)
        total += len(batch)
        if progress is not None:
            progress(len(batch))
    return total


def documents_refresh_many(people: list[Any]) -> None:
    """The bulk form of document_refresh, for imports and restores of many people at once.

    Uses the people as given (the caller has just written them), so nothing is read again
    but their tags, notes and conversations."""
    _documents_write(people)
    person_ids = [person.pk for person in people]
    from hallway.search import semantic

    if person_ids and semantic.is_available():

        def enqueue() -> None:
            from django_q.tasks import async_task

            async_task(
                "hallway.search.tasks.embed_people",
                person_ids,
                task_name=f"embed {len(person_ids)} people",
            )

        enqueue_with_write(enqueue)


def fts_optimize() -> None:
    """Merge the FTS5 index segments after a bulk load (SQLite only; PostgreSQL needs nothing)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
