"""Writing many rows in a few round trips (imports, the search index, sync revisions).

Django's bulk_create prepares every value of every row through the field machinery and, on
SQLite, rewrites the placeholders of each long multi-row statement: for 10,000 people that is
most of an import. These helpers take rows that are already clean (plain text, numbers, aware
times) and hand them to the driver: PostgreSQL gets one array per column, unnested by the
server; SQLite gets as many rows per statement as its parameter limit allows (measured faster
than sqlite3's executemany of a one-row statement, which binds and steps row by row).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any

from django.db import connection, models
from django.db.models.expressions import RawSQL

# KiB of SQLite page cache during bulk writes
BULK_PAGE_CACHE_KIB = 64 * 1024
# Rows per PostgreSQL statement (the arrays of one statement are built in memory at once)
PG_ROWS_PER_STATEMENT = 10_000


def _sqlite_rows_per_statement(columns: int) -> int:
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = 999
    return max(1, min(limit, 32766) // columns)


def rows_insert(
    cursor: Any,
    table: str,
    columns: Sequence[str],
    pg_types: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    tail: str = "",
) -> None:
    """INSERT the rows (tuples in `columns` order) into the quoted `table`; `tail` follows the
    values (`ON CONFLICT …`). `pg_types` are the columns' PostgreSQL types, for the arrays.

    On SQLite, many rows per statement also suits tables with an FTS5 trigger, which flushes
    its pending index data at the end of every statement (row by row it would write one index
    segment each, several times slower)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {table} ({', '.join(quote(column) for column in columns)}) "
    raw = not connection.queries_logged and not connection.execute_wrappers
    if connection.vendor == "postgresql":
        # Binary arrays (%b) bound by the server: Django's psycopg cursor binds on the client,
        # quoting every element of every array in Python (half the CPU of a 10,000-person
        # insert); in binary each value is packed as it is.
        mark = "%b" if raw else "%s"
        arrays = ", ".join(f"{mark}::{pg_type}[]" for pg_type in pg_types)
        sql = f"{head}SELECT * FROM unnest({arrays}){tail}"
        for start in range(0, len(rows), PG_ROWS_PER_STATEMENT):
            chunk = rows[start : start + PG_ROWS_PER_STATEMENT]
            params = [list(column) for column in zip(*chunk, strict=True)]
            if raw:
                _pg_execute(sql, params)
            else:
                cursor.execute(sql, params)
        return
    if connection.vendor != "sqlite":
        values = f"({', '.join(['%s'] * len(columns))})"
        cursor.executemany(f"{head}VALUES {values}{tail}", rows)
        return
    size = _sqlite_rows_per_statement(len(columns))
    mark = "?" if raw else "%s"
    values = f"({', '.join([mark] * len(columns))})"

    def statement(count: int) -> str:
        return f"{head}VALUES {', '.join([values] * count)}{tail}"

    # The same text for every full chunk: sqlite3 prepares it once (its statement cache).
    full = statement(min(size, len(rows)))
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        sql = full if start == 0 or len(chunk) == size else statement(len(chunk))
        params = list(chain.from_iterable(chunk))
        if raw:
            _sqlite_execute(cursor, sql, params)
        else:
            cursor.execute(sql, params)


def _sqlite_execute(cursor: Any, sql: str, params: list[Any]) -> None:
    """Run a statement written with sqlite3's own `?` placeholders on Django's cursor's
    driver cursor: Django's would first rewrite each `%s` of it with a regular expression, 3.6
    ms for a statement of 32,766 (a tenth of an import's CPU). Errors are Django's as usual.
    Only when nobody logs or wraps the queries (tests counting them see the usual path; the
    same for PostgreSQL's binary arrays)."""
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        sqlite3.Cursor.execute(cursor.cursor, sql, params)


def _pg_execute(sql: str, params: list[Any]) -> None:
    """Run a statement on a server-binding psycopg cursor of Django's connection (same
    transaction; errors are Django's as usual)."""
    import psycopg

    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params)


def ids_subquery(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """A subquery selecting the ids, with one parameter however many there are (a JSON list on
    SQLite, an array on PostgreSQL): Django builds and the driver binds an `IN` of 10,000
    placeholders one by one, which costs far more than the query."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", [list(ids)]
    return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]


def ids_in(ids: Sequence[int]) -> RawSQL:
    """For the ORM: `filter(person_id__in=ids_in(ids))`, the ids as one parameter."""
    sql, params = ids_subquery(ids)
    return RawSQL(sql, params)


def model_rows_insert(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    tail: str = "",
) -> None:
    """rows_insert into a model's table, for the fields named by `attnames` (`owner_id`…).
    Date and time values must already be adapted (see `adapter`)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in attnames]
    columns = [str(field.column) for field in fields]  # type: ignore[union-attr]
    pg_types = [str(field.db_type(connection) or "text") for field in fields]  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        rows_insert(
            cursor, connection.ops.quote_name(model._meta.db_table), columns, pg_types, rows, tail
        )


def datetime_adapter() -> Any:
    """A function that adapts aware datetimes for the database the way Django does (SQLite: UTC
    text), remembering each value: the rows of one write share a few times."""
    if connection.vendor != "sqlite":
        return lambda value: value
    adapted: dict[Any, Any] = {}

    def adapt(value: Any) -> Any:
        if value is None:
            return None
        if value not in adapted:
            adapted[value] = connection.ops.adapt_datetimefield_value(value)
        return adapted[value]

    return adapt


def ids_reserve(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for the model's table, so rows can be inserted with their ids
    (no RETURNING to read back). Call inside the write's transaction.

    PostgreSQL: taken from the table's sequence. SQLite: the ids after the highest one ever
    given (AUTOINCREMENT's sqlite_sequence); safe because the transaction holds the database's
    write lock from its first statement (transaction_mode IMMEDIATE in settings)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"ids_reserve on {connection.vendor}")
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({connection.ops.quote_name(pk.column)}) FROM "
            f"{connection.ops.quote_name(table)}), 0))",
            [table],
        )
        first = int(cursor.fetchone()[0]) + 1
    return list(range(first, first + count))


@contextlib.contextmanager
def bulk_page_cache() -> Iterator[None]:
    """A bigger SQLite page cache while a bulk write runs: the people table's 14 indexes, the
    FTS index and the name-term indexes of a large import don't fit the default 2 MB, and
    every miss is a read (and dirty pages spill to the WAL before the commit)."""
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
