"""Bulk loading for the benchmark's generator: explicit-id inserts per engine, and the search
documents of the people it made up (written directly, as the bulk index refresh would)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any


def timestamp(moment: dt.datetime, vendor: str) -> Any:
    # SQLite keeps Django's UTC text form; PostgreSQL gets the aware datetime.
    return (
        moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if vendor == "sqlite" else moment
    )


class Loader:
    """Bulk inserts with explicit ids: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, progress: Any) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.progress = progress

    def next_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            return int(cursor.fetchone()[0]) + 1

    def insert(
        self, table: str, columns: list[str], rows: list[tuple[Any, ...]], label: str
    ) -> None:
        from django.db import transaction

        task = self.progress.add_task(label, total=len(rows))
        chunk_size = 20_000
        for start in range(0, len(rows), chunk_size):
            chunk = rows[start : start + chunk_size]
            with transaction.atomic(), self.connection.cursor() as cursor:
                if self.vendor == "postgresql":
                    with cursor.cursor.copy(
                        f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                    ) as copy:
                        for row in chunk:
                            copy.write_row(row)
                else:
                    placeholders = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", chunk
                    )
            self.progress.advance(task, len(chunk))

    def fix_sequences(self, tables: list[str]) -> None:
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )


def write_search_index(
    load: Loader,
    *,
    user: Any,
    now: dt.datetime,
    story_of: dict[int, dict[str, Any]],
    tag_names: dict[int, list[str]],
    notes_of: dict[int, list[str]],
    conversations_of: dict[int, list[tuple[str, dict[str, Any]]]],
    embeddings: dict[int, bytes],
) -> None:
    """One search document per person (with its composed embedding, if any) and the name terms."""
    from hallway.search import services

    vendor = load.vendor
    document_rows = []
    for person_id, fields in story_of.items():
        person = SimpleNamespace(
            **{
                "company": "",
                "role": "",
                "location": "",
                "met_at": "",
                "work": "",
                "origin": "",
                "education": "",
                "passions": "",
                "drivers": "",
                **fields,
            }
        )
        document = services.document_fields(
            person,
            tag_names=sorted(tag_names.get(person_id, [])),
            note_texts=notes_of.get(person_id, []),
            conversations=conversations_of.get(person_id, []),
        )
        semantic_hash = services.text_hash(services.semantic_text(document))
        vector = embeddings.get(person_id)
        document_rows.append(
            (
                person_id,
                user.pk,
                document["name"],
                document["headline"],
                document["tags"],
                document["story"],
                document["notes"],
                vector,
                semantic_hash if vector is not None else "",
                semantic_hash,
                timestamp(now, vendor),
            )
        )
    load.insert(
        "search_searchdocument",
        [
            "person_id",
            "owner_id",
            "name",
            "headline",
            "tags",
            "story",
            "notes",
            "embedding",
            "embedded_hash",
            "semantic_hash",
            "updated_at",
        ],
        document_rows,
        "Search index",
    )
    services.name_terms_add(
        owner_id=user.pk, names={fields["name"] for fields in story_of.values()}
    )
