"""Write transactions on a SQLite file queue on its lock file, and always let it go."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hallway.lib.sqlite.base import DatabaseWrapper


@pytest.fixture(autouse=True)
def own_database(django_db_blocker: Any) -> Iterator[None]:
    """These tests open their own SQLite file, not the test database."""
    with django_db_blocker.unblock():
        yield


def _wrapper(path: Path) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "ENGINE": "hallway.lib.sqlite",
            "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 5},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="lock-test",
    )


def _lock_is_free(path: Path) -> bool:
    """Whether another writer could take the lock now (never waits)."""
    descriptor = os.open(f"{path}.write-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_write_transaction_holds_the_lock_until_it_ends(tmp_path: Path, end: str) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _wrapper(path)
    writer.cursor().execute("CREATE TABLE note (text TEXT)")
    assert _lock_is_free(path)
    writer._start_transaction_under_autocommit()
    writer.cursor().execute("INSERT INTO note VALUES ('held')")
    assert not _lock_is_free(path)  # a second writer queues here, not in SQLite's busy sleep
    getattr(writer, end)()
    assert _lock_is_free(path)
    reader = _wrapper(path)
    rows = reader.cursor().execute("SELECT text FROM note").fetchall()
    assert rows == ([("held",)] if end == "commit" else [])
    reader.close()
    writer.close()


def test_an_in_memory_database_has_no_lock_file(tmp_path: Path) -> None:
    memory = _wrapper(Path(":memory:"))
    memory.cursor().execute("CREATE TABLE note (text TEXT)")
    memory._start_transaction_under_autocommit()
    memory.commit()
    assert not Path(":memory:.write-lock").exists()


def test_a_write_outside_a_transaction_holds_the_lock_while_it_runs(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _wrapper(path)
    writer.cursor().execute("CREATE TABLE note (text TEXT)")
    writer.ensure_connection()
    # Asked by SQLite while the statement runs: could another writer take the lock now?
    writer.connection.create_function("lock_free", 0, lambda: str(_lock_is_free(path)))
    writer.cursor().execute("INSERT INTO note VALUES (lock_free())")
    writer.cursor().executemany("INSERT INTO note VALUES (lock_free() || %s)", [("!",), ("?",)])
    read = writer.cursor().execute("SELECT text, lock_free() FROM note").fetchall()
    assert read == [("False", "True"), ("False!", "True"), ("False?", "True")]
    assert _lock_is_free(path)
    writer.close()


def test_a_write_inside_a_transaction_keeps_the_transactions_lock(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _wrapper(path)
    writer.cursor().execute("CREATE TABLE note (text TEXT)")
    writer._start_transaction_under_autocommit()
    writer.cursor().execute("INSERT INTO note VALUES ('one')")
    assert not _lock_is_free(path)  # the statement did not let the transaction's lock go
    writer.commit()
    assert _lock_is_free(path)
    writer.close()


def test_with_background_checkpoints_a_commit_leaves_the_log_to_the_checkpointer(
    tmp_path: Path, settings: Any
) -> None:
    from hallway.lib.sqlite.base import BACKGROUND_AUTOCHECKPOINT_PAGES

    path = tmp_path / "db.sqlite3"
    settings.SQLITE_CHECKPOINTS = "background"
    writer = _wrapper(path)
    cursor = writer.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    assert cursor.execute("PRAGMA wal_autocheckpoint").fetchone() == (
        BACKGROUND_AUTOCHECKPOINT_PAGES,
    )
    cursor.execute("CREATE TABLE note (text TEXT)")
    for number in range(1_200):  # past SQLite's own 1,000-page checkpoint
        writer._start_transaction_under_autocommit()
        writer.cursor().execute("INSERT INTO note VALUES (%s)", [f"note {number} " + "x" * 4000])
        writer.commit()
    busy, logged, copied = writer.checkpoint()
    assert busy == 0 and logged > 1_000 and copied == logged  # all of it was still in the log
    reader = _wrapper(path)
    assert reader.cursor().execute("SELECT count(*) FROM note").fetchone() == (1_200,)
    reader.close()
    writer.close()


def test_by_default_commits_checkpoint_as_sqlite_does(tmp_path: Path) -> None:
    writer = _wrapper(tmp_path / "db.sqlite3")
    assert writer.cursor().execute("PRAGMA wal_autocheckpoint").fetchone() == (1_000,)
    writer.close()
