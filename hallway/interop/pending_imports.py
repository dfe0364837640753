"""Writes of pending imports: the uploaded file kept between the preview and the user's "Import"."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from hallway.interop.models import PendingImport
from hallway.lib.ownership import owned

PENDING_MAX_AGE = dt.timedelta(days=1)


@transaction.atomic
def pending_import_create(*, owner: User, filename: str, format: str, data: bytes) -> PendingImport:
    """Keep the upload for the preview; the owner's uploads older than a day are dropped first."""
    pending_imports_expire(owner=owner)
    pending = PendingImport(owner=owner, filename=filename[:255], format=format)
    pending.file.save(f"{timezone.now():%Y%m%d%H%M%S}.upload", ContentFile(data), save=False)
    pending.save()
    return pending


def pending_import_data(pending: PendingImport) -> bytes:
    """The uploaded file's bytes."""
    with pending.file.open("rb") as handle:
        return handle.read()


def pending_import_delete(*, pending: PendingImport) -> None:
    """Drop the upload and its file (after the import, or when the user cancels)."""
    pending.file.delete(save=False)
    pending.delete()


def pending_imports_expire(*, owner: User, now: dt.datetime | None = None) -> int:
    """Drop the owner's uploads older than PENDING_MAX_AGE; returns how many."""
    old = owned(PendingImport, owner).filter(
        created_at__lt=(now or timezone.now()) - PENDING_MAX_AGE
    )
    count = 0
    for pending in old:
        pending_import_delete(pending=pending)
        count += 1
    return count
