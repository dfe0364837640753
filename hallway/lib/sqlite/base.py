"""Django's SQLite backend whose writes wait their turn on a lock file.

Every transaction starts with BEGIN IMMEDIATE (settings: `transaction_mode`), so only one at a
time holds SQLite's write lock. The others wait in SQLite's busy handler, which does not wake
when the lock is released: it sleeps and retries, sleeping longer each time (up to 100 ms per
try). Under 20 concurrent writers that sleeping, not the writes, made the slowest requests:
p95 23x a single writer's (bench/performance.py, section serve). Here a transaction first takes
an exclusive `flock` on `<database>.write-lock`, which the kernel hands to the next waiter the
moment it is released, then begins; the lock goes at COMMIT or ROLLBACK. Each connection (one
per thread) opens the file itself, so threads of one process queue like processes do.

A write statement outside a transaction (autocommit: the task queue's row added after a
person's commit, django-q2's own bookkeeping in the task worker) is a transaction of its own in
SQLite and takes the lock file the same way, for that one statement; otherwise it would wait
in the busy handler behind the queue, sleeping.

An in-memory database (the tests') has no file to lock and keeps SQLite's own waiting.

Checkpoints: SQLite copies the write-ahead log back into the database in the commit that passes
1,000 pages, so every few dozen writes one commit took 10-100 ms instead of 0.4 (measured: 28
of 300 API writes, p95 16 ms), with the lock held and every other writer waiting. With
SQLITE_CHECKPOINTS = "background" (`hallway serve` with its engine process) commits leave that
to `checkpoint()`, which the engine process calls every second: a PASSIVE checkpoint, which
waits for no reader or writer. A far larger automatic threshold stays as a safety net.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

# The statements that take SQLite's write lock when run on their own.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


# With background checkpoints: a commit checkpoints only past this many pages (about 80 MB of
# log), should the engine process that checkpoints be gone.
BACKGROUND_AUTOCHECKPOINT_PAGES = 20_000


def background_checkpoints() -> bool:
    return str(getattr(settings, "SQLITE_CHECKPOINTS", "commit")).lower() == "background"


def _writes(query: str) -> bool:
    return query.lstrip()[:6].upper() in _WRITES


class _Cursor(base.SQLiteCursorWrapper):  # type: ignore[misc]
    """Django's cursor; a write under autocommit holds the lock file while it runs."""

    database: DatabaseWrapper

    def execute(self, query: str, params: Any = None) -> Any:
        if self.connection.in_transaction or not _writes(query):
            return super().execute(query, params)
        with self.database.statement_write_lock():
            return super().execute(query, params)

    def executemany(self, query: str, param_list: Any) -> Any:
        if self.connection.in_transaction or not _writes(query):
            return super().executemany(query, param_list)
        with self.database.statement_write_lock():
            return super().executemany(query, param_list)


class _StatementLock:
    def __init__(self, database: DatabaseWrapper) -> None:
        self.database = database
        self.taken = False

    def __enter__(self) -> None:
        self.taken = self.database._take_write_lock()

    def __exit__(self, *_exc: object) -> None:
        if self.taken:
            self.database._release_write_lock()


class DatabaseWrapper(base.DatabaseWrapper):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_lock: int | None = None

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if background_checkpoints():
            connection.execute(f"PRAGMA wal_autocheckpoint={BACKGROUND_AUTOCHECKPOINT_PAGES}")
        return connection

    def checkpoint(self) -> tuple[int, int, int]:
        """Copy what the log holds into the database without waiting for anyone: (busy, pages
        in the log, pages copied), as SQLite reports them."""
        with self.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            busy, logged, copied = cursor.fetchone()
        return int(busy), int(logged), int(copied)

    def create_cursor(self, name: str | None = None) -> Any:
        cursor = self.connection.cursor(factory=_Cursor)
        cursor.database = self
        return cursor

    def statement_write_lock(self) -> _StatementLock:
        return _StatementLock(self)

    def _take_write_lock(self) -> bool:
        """Wait for the lock file; False when this connection holds it already (or has none)."""
        if self._write_lock is not None or self.is_in_memory_db():
            return False
        descriptor = os.open(
            f"{self.settings_dict['NAME']}.write-lock", os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits without holding the GIL
        except BaseException:
            os.close(descriptor)
            raise
        self._write_lock = descriptor
        return True

    def _release_write_lock(self) -> None:
        descriptor, self._write_lock = self._write_lock, None
        if descriptor is not None:
            os.close(descriptor)  # closing the only descriptor releases the flock

    def _start_transaction_under_autocommit(self) -> None:
        self._take_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_write_lock()
