"""Writes for phone sync: device passwords, change revisions, a card a phone PUT or DELETEd,
and the 30-day trash of deleted people."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from hallway.interop import backup
from hallway.interop.exporting import story_note
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import ContactRecord, ImportFileError, looks_like_email
from hallway.interop.parsers.vcard import parse_story_note, parse_vcards
from hallway.lib.story import FACETS
from hallway.people import services as people_services
from hallway.people.models import Person
from hallway.sync import selectors
from hallway.sync.models import (
    CardChange,
    ClientCard,
    DeletedPerson,
    DevicePassword,
    SyncCounter,
    hash_device_password,
)

MAX_DEVICES = 20
# Apple's contact groups travel as vCards of their own (KIND:group in 4.0).
_GROUP_CARD = re.compile(r"^(X-ADDRESSBOOKSERVER-KIND|KIND):\s*group\s*$", re.I | re.M)
# Where the deletion in progress comes from ("phone" for a DAV DELETE), for the trash list.
_deleting_source: contextvars.ContextVar[str] = contextvars.ContextVar(
    "hallway_deleting_source", default="Hallway"
)
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: typed on a phone


class CardError(Exception):
    """A card a client sent cannot be stored; the message says why (sent back as 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def _next_revision(owner_id: int) -> int:
    """Bump the owner's counter under a row lock, so revisions commit in order."""
    SyncCounter.objects.get_or_create(owner_id=owner_id)
    counter = SyncCounter.objects.select_for_update().get(owner_id=owner_id)
    counter.revision += 1
    counter.changed_at = timezone.now()
    counter.save(update_fields=["revision", "changed_at"])
    return counter.revision


def changes_record(*, owner_id: int, person_ids: Iterable[int], deleted: bool = False) -> int:
    """Mark people as changed (or deleted) at a new revision of their owner."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return 0
    with transaction.atomic():
        revision = _next_revision(owner_id)
        for start in range(0, len(ids), 2000):
            CardChange.objects.bulk_create(
                [
                    CardChange(
                        owner_id=owner_id, person_id=person_id, revision=revision, deleted=deleted
                    )
                    for person_id in ids[start : start + 2000]
                ],
                update_conflicts=True,
                unique_fields=["person_id"],
                update_fields=["revision", "deleted"],
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


# --- Cards a phone sends ----------------------------------------------------------------------


def _first_or_empty(values: list[str]) -> str:
    return values[0] if values else ""


def _contact_fields(record: ContactRecord) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Person fields and the extra e-mails, phones and links (ContactDetail rows)."""
    emails = [email for email in record.emails if looks_like_email(email)]
    fields = {
        "name": record.name,
        "email": _first_or_empty(emails),
        "phone": _first_or_empty(record.phones)[:50],
        "company": record.company[:200],
        "role": record.role[:200],
        "location": record.location[:200],
        "website": record.website[:500],
        "linkedin_url": record.linkedin_url[:500],
    }
    extra = {"email": emails[1:], "phone": record.phones[1:], "url": record.urls}
    return fields, extra


def _details_set(person: Person, extra: dict[str, list[str]]) -> None:
    ContactDetail.objects.filter(person=person, kind__in=list(extra)).delete()
    ContactDetail.objects.bulk_create(
        [
            ContactDetail(owner_id=person.owner_id, person=person, kind=kind, value=value[:500])
            for kind, values in extra.items()
            for value in dict.fromkeys(values)
            if value
        ]
    )


def _photo_set(person: Person, record: ContactRecord) -> str | None:
    """Save the card's photo when it is new or different; the stored name, else None."""
    if not record.photo:
        return None
    if person.photo:
        try:
            with person.photo.open("rb") as handle:
                if handle.read() == record.photo:
                    return None
        except (OSError, ValueError):
            pass
    extension = "jpg" if record.photo_type == "jpeg" else record.photo_type
    return default_storage.save(
        f"photos/{secrets.token_hex(16)}.{extension}", ContentFile(record.photo)
    )


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").strip().splitlines())


def _story_edits(
    person: Person, record: ContactRecord
) -> tuple[dict[str, str], dict[str, Any], list[tuple[dt.date | None, str]]]:
    """What the card changes in the story: facets, fields (met at, cadence) and new notes.

    X-HALLWAY-* properties (kept by DAVx5, vdirsyncer, khard) count when they differ from the
    person; an edited story block in NOTE (what iOS shows) counts on top, line by line."""
    facets: dict[str, str] = {}
    fields: dict[str, Any] = {}
    existing = {(note.date, note.text.strip()) for note in person.notes.all()}
    notes: list[tuple[dt.date | None, str]] = []

    def add_note(date: dt.date | None, text: str) -> None:
        text = text.strip()
        key = (date or timezone.localdate(), text)
        if text and key not in existing and (date, text) not in existing:
            existing.add(key)
            notes.append((date, text))

    if record.hallway_card:
        for facet, value in record.story.items():
            if value.strip() != person.story[facet].strip():
                facets[facet] = value
        if record.met_at and record.met_at != person.met_at:
            fields["met_at"] = record.met_at
        if (
            record.keep_in_touch_days is not None
            and record.keep_in_touch_days != person.keep_in_touch_days
        ):
            fields["keep_in_touch_days"] = record.keep_in_touch_days
        for date, text in record.notes:
            add_note(date, text)
    current = story_note(person)
    if record.note and _lines(record.note) != _lines(current):
        phone = parse_story_note(record.note)
        ours = parse_story_note(current)
        for facet, value in phone.facets.items():
            if value != ours.facets.get(facet, ""):
                facets[facet] = value
        if phone.met_at is not None and phone.met_at != (ours.met_at or ""):
            fields["met_at"] = phone.met_at[:500]
        ours_by_date: dict[dt.date | None, list[str]] = defaultdict(list)
        for date, text in ours.notes:
            ours_by_date[date].append(text)
        for date, text in phone.notes:
            if text in ours_by_date[date]:
                continue
            # Text typed under an existing note: only the new part becomes a note.
            grown = [old for old in ours_by_date[date] if text.startswith(old)]
            if grown:
                add_note(None, text[len(max(grown, key=len)) :])
            else:
                add_note(date, text)
        if phone.loose:
            add_note(None, phone.loose)
    return facets, fields, notes


def _new_person_from(owner: User, record: ContactRecord) -> Person:
    fields, extra = _contact_fields(record)
    story = {facet: value for facet, value in record.story.items() if facet in FACETS}
    extras: dict[str, Any] = {}
    if record.met_at:
        extras["met_at"] = record.met_at[:500]
    if record.keep_in_touch_days:
        extras["keep_in_touch_days"] = record.keep_in_touch_days
    notes = list(record.notes)
    if record.note and not record.hallway_card:
        # A card made on the phone: a story block typed in its note still lands in the facets.
        parsed = parse_story_note(record.note)
        if parsed.facets:
            story = {**parsed.facets, **story}
            notes = [*parsed.notes, *([(None, parsed.loose)] if parsed.loose else [])]
    person = people_services.person_create(
        owner=owner, story=story, tags=record.tags or None, **fields, **extras
    )
    photo = _photo_set(person, record)
    if photo:
        Person.objects.filter(pk=person.pk).update(photo=photo)
        person.photo.name = photo
    _details_set(person, extra)
    for date, text in notes:
        people_services.note_add(person=person, text=text, date=date)
    return person


def _update_person_from(person: Person, record: ContactRecord) -> Person:
    fields, extra = _contact_fields(record)
    facets, story_fields, notes = _story_edits(person, record)
    photo = _photo_set(person, record)
    if photo:
        fields["photo"] = photo
    tags = record.tags if record.tags and record.tags != person.tag_names else None
    people_services.person_update(person=person, story=facets, tags=tags, **fields, **story_fields)
    _details_set(person, extra)
    for date, text in notes:
        people_services.note_add(person=person, text=text, date=date)
    return person


def card_put(*, owner: User, href: str, text: str, uid: str) -> Person:
    """Create or update the person behind `href` from a vCard a client sent. Phone fields
    (name, company, e-mails, phones, links, photo) follow the card; the story is only added to."""
    if _GROUP_CARD.search(text):
        raise CardError("Contact groups are not synced to Hallway; use tags instead.")
    try:
        parsed = parse_vcards(text)
    except ImportFileError as error:
        raise CardError(error.message) from error
    if not parsed.contacts:
        raise CardError(parsed.errors[0].message if parsed.errors else "No vCard found.")
    record = parsed.contacts[0]
    try:
        with transaction.atomic():
            person = selectors.person_for_href(owner=owner, href=href)
            if person is not None:
                return _update_person_from(person, record)
            person = _new_person_from(owner, record)
            if href != selectors.own_href(person.pk):
                ClientCard.objects.create(owner=owner, person=person, href=href, uid=uid)
                CardChange.objects.filter(person_id=person.pk).update(href=href)
            return person
    except ValidationError as error:
        messages = [
            f"{field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
            for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items()
        ]
        raise CardError("; ".join(messages)) from error


def card_delete(*, owner: User, href: str) -> None:
    """A contact deleted on a phone: into the trash (restorable for 30 days), then gone."""
    person = selectors.person_for_href(owner=owner, href=href)
    if person is None:
        raise CardError("There is no such contact.")
    with deleting_from("phone"):
        people_services.person_delete(person=person)
