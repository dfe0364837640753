"""Writes of the search index: one document per person, name terms, embeddings.

`document_refresh` runs inside the transaction of every person write (through
hallway.lib.hooks), so the full-text index never lags the data. Embeddings are slow, so the
refresh only queues them (after commit) for the background worker.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from hallway.lib.story import FACETS, normalize_name
from hallway.search.models import EmbeddingState, NameTerm, SearchDocument

# Long notes are cut so one person can't make the index (or a snippet) huge.
MAX_NOTES_CHARACTERS = 20_000
MAX_SEMANTIC_NOTES_CHARACTERS = 600
MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 40
# KiB of SQLite page cache during bulk index writes
BULK_PAGE_CACHE_KIB = 64 * 1024


def _join(parts: Iterable[str], separator: str = " · ") -> str:
    return separator.join(part.strip() for part in parts if part and part.strip())


def document_fields(
    person: Any,
    *,
    tag_names: list[str],
    note_texts: list[str],
    conversations: list[tuple[str, dict[str, Any]]],
) -> dict[str, str]:
    """The searchable text of a person, split into the columns that weigh differently."""
    learned = [
        str(value)
        for _notes, learned in conversations
        for value in (learned or {}).values()
        if isinstance(value, str)
    ]
    conversation_notes = [notes for notes, _learned in conversations]
    notes = _join([*note_texts, *conversation_notes, *learned], "\n")
    return {
        "name": person.name or "",
        "headline": _join([person.company, person.role, person.location, person.met_at]),
        "tags": " ".join(f"#{name}" for name in tag_names),
        "story": _join([getattr(person, facet) or "" for facet in FACETS], "\n"),
        "notes": notes[:MAX_NOTES_CHARACTERS],
    }


def semantic_text(fields: Mapping[str, Any]) -> str:
    """What the sentence model reads: who they are and their story, not their name."""
    return _join(
        [
            fields["headline"],
            fields["tags"].replace("#", ""),
            fields["story"],
            fields["notes"][:MAX_SEMANTIC_NOTES_CHARACTERS],
        ],
        ". ",
    )


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _person_fields(person: Any) -> dict[str, str]:
    tag_names = list(person.tags.order_by("name").values_list("name", flat=True))
    note_texts = list(person.notes.order_by("date", "id").values_list("text", flat=True))
    conversations = list(
        person.conversations.order_by("started_at", "id").values_list("notes", "learned")
    )
    return document_fields(
        person, tag_names=tag_names, note_texts=note_texts, conversations=conversations
    )


def document_refresh(person: Any) -> None:
    """Rebuild the person's search document (the FTS index follows in the same transaction)."""
    fields = _person_fields(person)
    semantic_hash = text_hash(semantic_text(fields))
    document, _created = SearchDocument.objects.update_or_create(
        person_id=person.pk,
        defaults={"owner_id": person.owner_id, "semantic_hash": semantic_hash, **fields},
    )
    name_terms_add(owner_id=person.owner_id, names=[person.name])
    if document.embedded_hash != semantic_hash:
        _queue_embedding(person.pk)


def document_delete(person_id: int) -> None:
    """Drop the person from the index (the cascade usually did already)."""
    owner_ids = list(
        SearchDocument.objects.filter(person_id=person_id).values_list("owner_id", flat=True)
    )
    SearchDocument.objects.filter(person_id=person_id).delete()
    for owner_id in owner_ids:
        embeddings_changed(owner_id=owner_id)


def _queue_embedding(person_id: int) -> None:
    from hallway.search import semantic

    if not semantic.is_available():
        return

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task(
            "hallway.search.tasks.embed_people", [person_id], task_name=f"embed person {person_id}"
        )

    # After commit: the worker must see the new text, and a rolled-back write queues nothing.
    transaction.on_commit(enqueue)


# --- Name terms (typo tolerance) ------------------------------------------------------------


def name_words(name: str) -> list[str]:
    # Word by word (normalizing never joins or splits across white space), so the words of
    # the many names an import shares are worked out once.
    return [word for token in name.split() for word in _token_words(token)]


@functools.lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    # ASCII needs no decomposition and casefold() is lower() there.
    normalized = token.lower() if token.isascii() else normalize_name(token)
    words = []
    for word in normalized.replace("-", " ").replace("'", " ").split():
        if not word.isalnum():
            word = "".join(ch for ch in word if ch.isalnum())
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH:
            words.append(word)
    return tuple(words)


def deletions(word: str) -> set[str]:
    """The word with one letter removed, every way (SymSpell's index keys)."""
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _term_rows(owner_id: int, names: Iterable[str], vendor: str) -> list[tuple[int, str, str]]:
    """(owner_id, variant, term) for every word of the names, each once."""
    words: set[str] = set()
    for name in set(names):
        words.update(name_words(name))
    rows = []
    for term in words:
        variants = {term} if vendor == "postgresql" else {term} | deletions(term)
        rows += [(owner_id, variant, term) for variant in variants]
    # In the order of the unique index: the inserts then append to it instead of touching
    # pages all over a large index (many times slower once it outgrows SQLite's page cache).
    rows.sort(key=operator.itemgetter(1))
    return rows


def name_terms_add(*, owner_id: int, names: Iterable[str]) -> None:
    rows = _term_rows(owner_id, names, connection.vendor)
    if not rows:
        return
    table = connection.ops.quote_name(NameTerm._meta.db_table)
    # Plain rows, not model instances: an import adds hundreds of thousands of variants.
    with connection.cursor() as cursor:
        _upsert(
            cursor,
            table,
            ("owner_id", "variant", "term"),
            ("bigint", "text", "text"),
            rows,
            " ON CONFLICT DO NOTHING",
        )


# --- Bulk rebuild ---------------------------------------------------------------------------

_PERSON_FIELDS = ("id", "owner_id", "name", "company", "role", "location", "met_at", *FACETS)
_DOCUMENT_COLUMNS = ("name", "headline", "tags", "story", "notes")


def _sqlite_rows_per_statement(columns: int) -> int:
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = 999
    return max(1, min(limit, 32766) // columns)


def _upsert(
    cursor: Any,
    table: str,
    columns: tuple[str, ...],
    pg_types: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    tail: str,
) -> None:
    """INSERT the rows in a few statements. PostgreSQL: one array per column, unnested by the
    server (psycopg would otherwise parse a long VALUES list, or send a statement per row).
    SQLite: many rows per statement, because the FTS5 trigger flushes its pending index data
    at the end of every statement: row-by-row inserts write one index segment each (and then
    merge them), several times slower."""
    if not rows:
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {table} ({', '.join(quote(column) for column in columns)}) "
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{pg_type}[]" for pg_type in pg_types)
        for start in range(0, len(rows), 10_000):
            chunk = rows[start : start + 10_000]
            cursor.execute(
                f"{head}SELECT * FROM unnest({arrays}){tail}",
                [list(column) for column in zip(*chunk, strict=True)],
            )
        return
    values = f"({', '.join(['%s'] * len(columns))})"
    if connection.vendor != "sqlite":
        cursor.executemany(f"{head}VALUES {values}{tail}", rows)
        return
    size = _sqlite_rows_per_statement(len(columns))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        cursor.execute(
            f"{head}VALUES {', '.join([values] * len(chunk))}{tail}",
            [value for row in chunk for value in row],
        )


@contextlib.contextmanager
def _bulk_page_cache() -> Iterator[None]:
    """A bigger SQLite page cache while a bulk write runs: the FTS index and the name-term
    indexes of a large import don't fit the default 2 MB, and every miss is a read."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        if previous < 0 and -previous >= BULK_PAGE_CACHE_KIB or previous >= BULK_PAGE_CACHE_KIB:
            yield
            return
        cursor.execute(f"PRAGMA cache_size = -{BULK_PAGE_CACHE_KIB}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


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
    with transaction.atomic(), _bulk_page_cache(), connection.cursor() as cursor:
        # Chunks keep each id list within every database's limit on query parameters.
        for start in range(0, len(people), 2000):
            batch = people[start : start + 2000]
            chunk = [person.pk for person in batch]
            if connection.vendor == "postgresql":
                # One array parameter: psycopg parses a query with 2,000 placeholders slowly.
                ids, params = "SELECT unnest(%s::bigint[])", [chunk]
            else:
                ids, params = ", ".join(["%s"] * len(chunk)), chunk
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
            _upsert(cursor, table, columns, pg_types, rows, tail)
        # Once for all the people: the same first and last names come back many times.
        for owner_id, owner_names in names.items():
            name_terms_add(owner_id=owner_id, names=owner_names)


def documents_rebuild(
    *,
    owner: Any | None = None,
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

        transaction.on_commit(enqueue)


def fts_optimize() -> None:
    """Merge the FTS5 index segments after a bulk load (SQLite only; PostgreSQL needs nothing)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")


# --- Embeddings -----------------------------------------------------------------------------


def embeddings_changed(*, owner_id: int) -> None:
    """Bump the owner's counter so every process reloads its cached matrix."""
    updated = EmbeddingState.objects.filter(owner_id=owner_id).update(version=F("version") + 1)
    if not updated:
        EmbeddingState.objects.get_or_create(owner_id=owner_id, defaults={"version": 1})


def embeddings_store(vectors: dict[int, tuple[bytes, str]]) -> int:
    """Save embeddings computed from the text with the given hash; skip ones that changed since."""
    saved_owners: set[int] = set()
    saved = 0
    with transaction.atomic():
        for person_id, (vector, source_hash) in vectors.items():
            updated = SearchDocument.objects.filter(
                person_id=person_id, semantic_hash=source_hash
            ).update(embedding=vector, embedded_hash=source_hash)
            if updated:
                saved += 1
                saved_owners.update(
                    SearchDocument.objects.filter(person_id=person_id).values_list(
                        "owner_id", flat=True
                    )
                )
        for owner_id in saved_owners:
            embeddings_changed(owner_id=owner_id)
    return saved


def embeddings_refresh(
    *,
    person_ids: Iterable[int] | None = None,
    owner: Any | None = None,
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute the missing or stale embeddings (of some people, an owner or everyone)."""
    from hallway.search import semantic

    documents = SearchDocument.objects.exclude(embedded_hash=F("semantic_hash"))
    if person_ids is not None:
        documents = documents.filter(person_id__in=list(person_ids))
    if owner is not None:
        documents = documents.filter(owner=owner)
    stale_ids = list(documents.order_by("person_id").values_list("person_id", flat=True))
    done = 0
    for start in range(0, len(stale_ids), batch_size):
        chunk = list(
            SearchDocument.objects.filter(
                person_id__in=stale_ids[start : start + batch_size]
            ).values("person_id", "name", "headline", "tags", "story", "notes", "semantic_hash")
        )
        texts = [semantic_text(row) for row in chunk]
        vectors = semantic.encode(texts)
        done += embeddings_store(
            {
                row["person_id"]: (vectors[index].tobytes(), row["semantic_hash"])
                for index, row in enumerate(chunk)
            }
        )
        if progress is not None:
            progress(len(chunk))
    return done


def stale_embedding_count(*, owner: Any | None = None) -> int:
    documents = SearchDocument.objects.exclude(embedded_hash=F("semantic_hash"))
    if owner is not None:
        documents = documents.filter(owner=owner)
    return documents.count()
