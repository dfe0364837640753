"""The import's floors (bench/import_bench.py). Bare: the LinkedIn CSV parsed with `csv` and
inserted with `sqlite3` into one table. Same rows: every row an import wrote, read back table
by table, and the time a plain `csv` parse plus `sqlite3.executemany` of those rows takes in an
empty database with the same schema (indexes, the full-text index and its triggers) and the
same pragmas (WAL, synchronous=NORMAL) as Hallway's."""

from __future__ import annotations

import csv
import io
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any


def _csv_rows(data: bytes) -> csv.DictReader[str]:
    """The LinkedIn CSV's rows, read with the csv module from its header line on."""
    lines = data.decode().splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("First Name"))
    return csv.DictReader(io.StringIO("\n".join(lines[header:])))


def floor_rows_per_second(data: bytes, rows: int) -> float:
    """The floor: the same LinkedIn CSV parsed with the csv module and inserted with sqlite3
    into one table without indexes, nothing else (no checks, no matching, no search index)."""
    with tempfile.TemporaryDirectory() as folder:
        database = sqlite3.connect(Path(folder) / "floor.sqlite3")
        database.execute(
            "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, email TEXT, company TEXT, "
            "role TEXT, linkedin_url TEXT)"
        )
        started = time.perf_counter()
        reader = _csv_rows(data)
        with database:
            database.executemany(
                "INSERT INTO person (name, email, company, role, linkedin_url) VALUES (?, ?, ?, ?, ?)",
                (
                    (
                        f"{row['First Name']} {row['Last Name']}",
                        row["Email Address"],
                        row["Company"],
                        row["Position"],
                        row["URL"],
                    )
                    for row in reader
                ),
            )
        elapsed = time.perf_counter() - started
        database.close()
    return rows / elapsed


# FTS5 keeps its index in shadow tables that its virtual table writes itself.
_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def _virtual_and_shadows(entries: list[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """Of sqlite_master's (name, sql) entries: the virtual tables, and their shadow tables."""
    virtual = {name for name, sql in entries if sql.upper().startswith("CREATE VIRTUAL TABLE")}
    return virtual, {f"{table}{suffix}" for table in virtual for suffix in _SHADOWS}


def _tables(database: Any) -> list[str]:
    """The tables rows are written to: not SQLite's own, not virtual ones or their shadows."""
    rows = database.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual, shadows = _virtual_and_shadows(rows)
    return [name for name, _sql in rows if name not in virtual | shadows]


def _plain() -> sqlite3.Connection:
    """The configured SQLite database through plain sqlite3: the values as stored, unconverted."""
    from django.conf import settings

    return sqlite3.connect(settings.DATABASES["default"]["NAME"])


def row_marks() -> dict[str, int]:
    """The highest rowid of each table now: rows above it are the ones written after."""
    with closing(_plain()) as database:
        return {
            table: database.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]
            for table in _tables(database)
        }


def rows_since(marks: dict[str, int]) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every row written since `marks`, table by table, with its column names."""
    written = {}
    with closing(_plain()) as database:
        for table, mark in marks.items():
            cursor = database.execute(
                f'SELECT * FROM "{table}" WHERE rowid > ? ORDER BY rowid', [mark]
            )
            rows = cursor.fetchall()
            if rows:
                written[table] = ([column[0] for column in cursor.description], rows)
    return written


def same_rows_floor(data: bytes, rows: int, written: dict[str, Any]) -> float:
    """CSV rows per second of the same-rows floor (bench/import_bench.py's docstring)."""
    with closing(_plain()) as schema:
        statements = schema.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' "
            "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid"
        ).fetchall()
    _virtual, shadows = _virtual_and_shadows([(name, sql) for _kind, name, sql in statements])
    with tempfile.TemporaryDirectory() as folder:
        database = sqlite3.connect(Path(folder) / "same-rows.sqlite3", isolation_level=None)
        database.execute("PRAGMA journal_mode=WAL")
        database.execute("PRAGMA synchronous=NORMAL")
        for _kind, name, sql in statements:
            if name not in shadows:
                database.execute(sql)
        started = time.perf_counter()
        assert len(list(_csv_rows(data))) == rows
        database.execute("BEGIN")
        for table, (columns, values) in written.items():
            names = ", ".join(f'"{column}"' for column in columns)
            places = ", ".join("?" * len(columns))
            database.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({places})', values)
        database.execute("COMMIT")
        elapsed = time.perf_counter() - started
        database.close()
    return rows / elapsed
