"""Import services: a preview of what a file would do (new / updates / duplicates / errors),
then the same plan applied in one transaction with bulk writes.

Rules: a file-level problem (ImportFileError) writes nothing; a row with a problem is reported
with its line number and left out; matched people only gain information (empty fields are
filled, story facets merged, tags and notes added) — nothing the user typed is overwritten.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction

from hallway.interop.importing import writing
from hallway.interop.importing.planning import (
    ImportPlan,
    PlannedEvent,
    PlannedRow,
    Progress,
)
from hallway.interop.importing.planning import import_preview as _plan
from hallway.interop.parsers import ImportFileError
from hallway.lib import hooks
from hallway.lib.bulk_sql import bulk_page_cache


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import builds its objects: 10,000 rows make
    ~200,000 tracked objects (records, rows, people), each allocation burst sets off a
    collection, and the older generations' passes walk everything the process holds — a
    fifth of an import's CPU. An import makes next to no cycles; the collector resumes (if it
    was running) at the end. Process-wide, so a concurrent import that found it paused leaves
    it to the one that paused it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def import_preview(*, owner: Any, data: bytes, format: str | None = None) -> ImportPlan:
    """What importing the file would do, without writing anything. Raises ImportFileError."""
    with _collector_paused():
        return _plan(owner=owner, data=data, format=format)


def import_file(
    *,
    owner: Any,  # a User: hallway/api passes request.user (User | AnonymousUser to mypy)
    data: bytes,
    format: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Import the file for the owner in one transaction (or only plan it when dry_run).

    Raises ImportFileError when the file as a whole cannot be imported; nothing is written then.
    """
    with _collector_paused():
        return _import_file(
            owner=owner, data=data, format=format, dry_run=dry_run, progress=progress
        )


def _import_file(
    *, owner: Any, data: bytes, format: str | None, dry_run: bool, progress: Progress | None
) -> ImportPlan:
    plan = _plan(owner=owner, data=data, format=format)
    if dry_run:
        return plan
    saved_files: list[str] = []
    total = len(plan.rows) + len(plan.events)
    try:
        with transaction.atomic(), bulk_page_cache():
            updated, update_links = writing.apply_updates(
                owner, plan.rows_with("update"), saved_files
            )
            created, create_links = writing.apply_creates(
                owner, plan.rows_with("create"), saved_files, progress, total
            )
            writing.apply_tags(owner, update_links + create_links)
            writing.apply_events(owner, plan.events)
            hooks.people_changed([*updated, *created])
    except Exception:
        for name in saved_files:
            default_storage.delete(name)
        raise
    if progress:
        progress(total, total)
    return plan


__all__ = [
    "ImportFileError",
    "ImportPlan",
    "PlannedEvent",
    "PlannedRow",
    "import_file",
    "import_preview",
]
