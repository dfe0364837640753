"""Writes for phone sync: device passwords, change revisions and the 30-day trash of deleted
people (the cards a phone sends are in `cards`)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from hallway.interop import backup
from hallway.lib.bulk_sql import model_rows_insert
from hallway.people.models import Person
from hallway.sync import selectors
from hallway.sync.models import (
    CardChange,
    DeletedPerson,
    DevicePassword,
    SyncCounter,
    hash_device_password,
)

MAX_DEVICES = 20
# Where the deletion in progress comes from ("phone" for a DAV DELETE), for the trash list.
_deleting_source: contextvars.ContextVar[str] = contextvars.ContextVar(
    "hallway_deleting_source", default="Hallway"
)
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: typed on a phone


# --- Device passwords ---------------------------------------------------------------------


def _new_device_password() -> str:
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(20))  # 100 bits
    return "-".join(raw[index : index + 5] for index in range(0, 20, 5))


@transaction.atomic
def device_password_create(*, owner: User, name: str) -> tuple[DevicePassword, str]:
    """A new password for one device; the raw password is returned once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Name the device, e.g. “iPhone” or “Pixel”."})
    if len(name) > 100:
        raise ValidationError({"name": "Keep the device name under 100 characters."})
    if DevicePassword.objects.filter(owner=owner).count() >= MAX_DEVICES:
        raise ValidationError(
            {"name": f"You already have {MAX_DEVICES} device passwords; revoke one first."}
        )
    if DevicePassword.objects.filter(owner=owner, name__iexact=name).exists():
        raise ValidationError({"name": f"You already have a device called “{name}”."})
    raw = _new_device_password()
    device = DevicePassword.objects.create(owner=owner, name=name, digest=hash_device_password(raw))
    return device, raw


def device_password_revoke(*, device: DevicePassword) -> None:
    device.delete()


def device_authenticate(*, username: str, password: str) -> Any | None:
    """The user whose device password this is (the account password never works here)."""
    device = (
        DevicePassword.objects.select_related("owner")
        .filter(digest=hash_device_password(password.strip().lower()))
        .first()
    )
    if device is None or device.owner.get_username() != username or not device.owner.is_active:
        return None
    now = timezone.now()
    if device.last_used_at is None or now - device.last_used_at > dt.timedelta(minutes=5):
        DevicePassword.objects.filter(pk=device.pk).update(last_used_at=now)
    return device.owner


# --- Change revisions (sync tokens, ETags, tombstones) -------------------------------------


_BUMP_SQL = (
    f'UPDATE "{SyncCounter._meta.db_table}" SET "revision" = "revision" + 1, "changed_at" = %s '
    'WHERE "owner_id" = %s RETURNING "revision"'
)


def _next_revision(owner_id: int) -> int:
    """Bump the owner's counter under a row lock, so revisions commit in order.

    One UPDATE … RETURNING takes the lock and reads the new revision (it was a read, a read
    for update and a write). The lock is held until the commit, and every write of the owner
    waits for it on PostgreSQL (20 writers on one account queued there), so the fewer
    statements after it, the better: its listeners run last (`run_last`, sync/apps.py)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(_BUMP_SQL, [now, owner_id])
            bumped = cursor.fetchone()
        if bumped is not None:
            return int(bumped[0])
        SyncCounter.objects.get_or_create(owner_id=owner_id)  # the owner's first change
    raise DatabaseError(f"No sync counter for owner {owner_id}")


def changes_record(*, owner_id: int, person_ids: Iterable[int], deleted: bool = False) -> int:
    """Mark people as changed (or deleted) at a new revision of their owner."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return 0
    # No savepoint: a failure here fails the caller's transaction anyway (two statements less).
    with transaction.atomic(savepoint=False):
        revision = _next_revision(owner_id)
        # Plain rows: an import marks tens of thousands of people at once.
        model_rows_insert(
            CardChange,
            ("owner_id", "person_id", "revision", "deleted", "href"),
            [(owner_id, person_id, revision, deleted, "") for person_id in ids],
            ' ON CONFLICT ("person_id") DO UPDATE SET "revision" = excluded."revision", '
            '"deleted" = excluded."deleted"',
        )
    return revision


def on_person_changed(person: Person) -> None:
    changes_record(owner_id=person.owner_id, person_ids=[person.pk])


def on_people_changed(people: list[Person]) -> None:
    by_owner: dict[int, list[int]] = defaultdict(list)
    for person in people:
        by_owner[person.owner_id].append(person.pk)
    for owner_id, ids in by_owner.items():
        changes_record(owner_id=owner_id, person_ids=ids)


def on_person_deleted(person_id: int) -> None:
    """Leave a tombstone, so the next sync-collection tells phones the card is gone."""
    owner_id = (
        CardChange.objects.filter(person_id=person_id).values_list("owner_id", flat=True).first()
    )
    if owner_id is not None:
        changes_record(owner_id=owner_id, person_ids=[person_id], deleted=True)


# --- The trash: deleted people, restorable for 30 days --------------------------------------


def _snapshot(person: Person) -> dict[str, Any]:
    """The person and every row their deletion takes along, in the backup file's format."""
    collector = Collector(using=router.db_for_write(Person))
    collector.collect([person])
    objects: list[Any] = []
    for instances in collector.data.values():
        objects.extend(instances)
    for queryset in collector.fast_deletes:
        objects.extend(queryset)
    collected = {type(instance) for instance in objects}
    # Many-to-many rows of a collected model (the person's tags) travel inside that model's
    # row; the others (events' want-to-meet lists) are kept as rows of their own.
    objects = [
        instance
        for instance in objects
        if not type(instance)._meta.auto_created
        or type(instance)._meta.auto_created not in collected
    ]
    return backup.objects_snapshot(objects)


def on_person_deleting(person: Person) -> None:
    DeletedPerson.objects.filter(deleted_at__lt=selectors.trash_cutoff()).delete()
    DeletedPerson.objects.create(
        owner_id=person.owner_id,
        person_id=person.pk,
        name=person.name,
        company=person.company,
        source=_deleting_source.get(),
        snapshot=_snapshot(person),
    )


@contextlib.contextmanager
def deleting_from(source: str) -> Iterator[None]:
    token = _deleting_source.set(source)
    try:
        yield
    finally:
        _deleting_source.reset(token)


def deleted_person_restore(*, deleted: DeletedPerson) -> Person:
    """Bring a deleted person back with their story, conversations and notes (same id, so a
    phone gets the same contact back on its next sync)."""
    if deleted.deleted_at < selectors.trash_cutoff():
        raise ValidationError("This person was deleted more than 30 days ago and is gone.")
    try:
        with transaction.atomic():
            backup.objects_restore(deleted.snapshot)
            person = Person.objects.get(pk=deleted.person_id, owner_id=deleted.owner_id)
            deleted.delete()
    except (backup.BackupError, IntegrityError, DatabaseError, Person.DoesNotExist) as error:
        raise ValidationError(
            f"{deleted.name} could not be restored ({str(error)[:120]}); nothing was changed."
        ) from error
    return person


def trash_purge(*, now: dt.datetime | None = None) -> int:
    """Forget people deleted more than 30 days ago."""
    count, _ = DeletedPerson.objects.filter(deleted_at__lt=selectors.trash_cutoff(now)).delete()
    return count
