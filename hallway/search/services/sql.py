"""Bulk SQL helpers shared by the index writes: multi-row upserts (and, from hallway.lib.bulk_sql,
a bigger SQLite page cache)."""

from __future__ import annotations

from typing import Any

from hallway.lib.bulk_sql import bulk_page_cache, rows_insert

__all__ = ["bulk_page_cache", "upsert"]


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
