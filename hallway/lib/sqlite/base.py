"""Django's SQLite backend whose write transactions wait their turn on a lock file.

Every transaction starts with BEGIN IMMEDIATE (settings: `transaction_mode`), so only one at a
time holds SQLite's write lock. The others wait in SQLite's busy handler, which does not wake
when the lock is released: it sleeps and retries, sleeping longer each time (up to 100 ms per
try). Under 20 concurrent writers that sleeping, not the writes, made the slowest requests:
p95 23x a single writer's (bench/performance.py, section serve). Here a transaction first takes
an exclusive `flock` on `<database>.write-lock`, which the kernel hands to the next waiter the
moment it is released, then begins; the lock goes at COMMIT or ROLLBACK. Each connection (one
per thread) opens the file itself, so threads of one process queue like processes do.

An in-memory database (the tests') has no file to lock and keeps SQLite's own waiting.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_lock: int | None = None

    def _take_write_lock(self) -> None:
        if self._write_lock is not None or self.is_in_memory_db():
            return
        descriptor = os.open(
            f"{self.settings_dict['NAME']}.write-lock", os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits without holding the GIL
        except BaseException:
            os.close(descriptor)
            raise
        self._write_lock = descriptor

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
