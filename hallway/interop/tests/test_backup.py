from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import serializers

from hallway.accounts.services import token_create
from hallway.interop.backup import (
    BackupError,
    _hallway_models,
    backup_create,
    backup_dumps,
    backup_loads,
    backup_restore,
)
from hallway.interop.tests.network import PNG, build_network
from hallway.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def _everything() -> list[dict[str, Any]]:
    """Every row of every model a backup covers, as plain data, in a stable order."""
    rows = []
    for model in [User, *_hallway_models()]:
        if model._meta.label_lower in {
            "interop.pendingimport",
            "search.searchdocument",
            "search.nameterm",
            "search.embeddingstate",
        }:
            continue
        rows += serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
    return json.loads(json.dumps(rows, default=str))


def _wipe() -> None:
    User.objects.all().delete()


def test_a_whole_instance_backup_restores_exactly(owner: Any, outsider: Any) -> None:
    build_network(owner)
    build_network(outsider)
    token_create(user=owner, name="laptop")
    before = _everything()
    text = backup_dumps(backup_create())
    _wipe()
    assert Person.objects.count() == 0
    backup_restore(backup=backup_loads(text))
    after = _everything()
    assert after == before
    with Person.objects.get(owner__username="olivia", name="Jane Doe").photo.open("rb") as handle:
        assert handle.read() == PNG
    # Sequences were moved past the restored ids: new rows get fresh ids.
    new = Person.objects.create(owner=User.objects.get(username="olivia"), name="After restore")
    assert new.pk > max(row["pk"] for row in before if row["model"] == "people.person")


def test_a_user_backup_holds_only_that_user_and_restores_into_an_empty_instance(
    owner: Any, outsider: Any
) -> None:
    build_network(owner)
    build_network(outsider)
    backup = backup_create(user=owner)
    assert {row["model"] for row in backup["objects"] if row["model"] == "auth.user"} == {
        "auth.user"
    }
    usernames = [
        row["fields"]["username"] for row in backup["objects"] if row["model"] == "auth.user"
    ]
    assert usernames == ["olivia"]
    owned_before = [
        row
        for row in _everything()
        if row["model"] == "auth.user"
        and row["fields"]["username"] == "olivia"
        or row.get("fields", {}).get("owner") == ["olivia"]
    ]
    text = backup_dumps(backup)
    assert "oscar" not in text
    _wipe()
    backup_restore(backup=backup_loads(text))
    after = [
        row
        for row in _everything()
        if row["model"] == "auth.user"
        and row["fields"]["username"] == "olivia"
        or row.get("fields", {}).get("owner") == ["olivia"]
    ]
    assert after == owned_before
    assert User.objects.get().check_password("correct-horse-battery-staple-42")


def test_restore_refuses_an_instance_that_is_not_empty(owner: Any) -> None:
    text = backup_dumps(backup_create())
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(backup=backup_loads(text))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01garbage", "not valid JSON"),
        (b'{"hello": 1}', "not a Hallway backup"),
        (b'{"format": "hallway-backup", "version": 99, "objects": []}', "newer Hallway"),
        (b'{"format": "hallway-backup", "version": 1, "objects": {}}', "damaged"),
    ],
)
def test_bad_backup_files_get_a_clear_message(content: bytes, message: str) -> None:
    with pytest.raises(BackupError, match=message):
        backup_loads(content)


def test_a_broken_backup_writes_nothing(owner: Any) -> None:
    build_network(owner)
    backup = backup_create()
    _wipe()
    for row in backup["objects"]:
        if row["model"] == "people.note":
            row["fields"]["person"] = 999_999
    with pytest.raises(BackupError, match="nothing was written"):
        backup_restore(backup=json.loads(backup_dumps(backup)))
    assert not User.objects.exists()
    assert not Person.objects.exists()
