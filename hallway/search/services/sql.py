"""Bulk SQL helpers shared by the index writes: multi-row upserts and a bigger SQLite page cache."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.db import connection

from hallway.lib.bulk_sql import rows_insert

# KiB of SQLite page cache during bulk index writes
BULK_PAGE_CACHE_KIB = 64 * 1024


def upsert(
    cursor: Any,
    table: str,
    columns: tuple[str, ...],
    pg_types: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    tail: str,
) -> None:
    """INSERT the rows in a few statements (hallway.lib.bulk_sql.rows_insert): on SQLite many
    rows per statement, because the FTS5 trigger flushes its pending index data at the end of
    every statement, so row-by-row inserts would write one index segment each."""
    rows_insert(cursor, table, columns, pg_types, rows, tail)


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
