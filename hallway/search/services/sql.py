"""Bulk SQL helpers shared by the index writes: multi-row upserts and a bigger SQLite page cache."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

from django.db import connection

# KiB of SQLite page cache during bulk index writes
BULK_PAGE_CACHE_KIB = 64 * 1024


def _sqlite_rows_per_statement(columns: int) -> int:
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = 999
    return max(1, min(limit, 32766) // columns)


def upsert(
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
def bulk_page_cache() -> Iterator[None]:
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
