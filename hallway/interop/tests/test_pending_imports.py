"""The uploaded file kept between the preview and the import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from hallway.interop.models import PendingImport
from hallway.interop.pending_imports import (
    PENDING_MAX_AGE,
    pending_import_create,
    pending_import_data,
    pending_import_delete,
    pending_imports_expire,
)

pytestmark = pytest.mark.django_db


def test_a_pending_import_keeps_the_bytes_until_it_is_deleted(owner: Any) -> None:
    pending = pending_import_create(
        owner=owner, filename="Connections.csv", format="linkedin", data=b"First Name\nAda\n"
    )
    assert (pending.owner, pending.filename, pending.format) == (
        owner,
        "Connections.csv",
        "linkedin",
    )
    assert pending_import_data(pending) == b"First Name\nAda\n"
    path = Path(pending.file.path)
    pending_import_delete(pending=pending)
    assert not path.exists() and not PendingImport.objects.exists()


def test_uploads_older_than_a_day_are_dropped_for_their_owner_only(
    owner: Any, outsider: Any
) -> None:
    now = timezone.now()
    old = pending_import_create(owner=owner, filename="old.vcf", format="vcard", data=b"x")
    theirs = pending_import_create(owner=outsider, filename="theirs.vcf", format="", data=b"y")
    PendingImport.objects.filter(pk__in=[old.pk, theirs.pk]).update(
        created_at=now - PENDING_MAX_AGE - dt.timedelta(minutes=1)
    )
    fresh = pending_import_create(owner=owner, filename="new.vcf", format="vcard", data=b"z")
    # Creating one drops the owner's stale uploads, not anybody else's.
    assert set(PendingImport.objects.values_list("pk", flat=True)) == {theirs.pk, fresh.pk}
    uploads = Path(fresh.file.path).parent
    assert len(list(uploads.iterdir())) == 2  # the stale file went with its row
    assert pending_imports_expire(owner=outsider, now=now) == 1
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert [path.name for path in uploads.iterdir()] == [Path(fresh.file.name).name]
