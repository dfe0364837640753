"""Applying an import plan with bulk writes (inside the caller's transaction)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone

from hallway.events.models import Event
from hallway.events.services import event_create, event_update
from hallway.interop.importing.planning import (
    BATCH,
    PLAIN_FIELDS,
    PlannedEvent,
    PlannedRow,
    Progress,
    existing_details,
    note_key,
)
from hallway.interop.matching import detail_key
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import ContactRecord
from hallway.lib.ownership import owned
from hallway.lib.story import FACETS, merge_facet, normalize_name
from hallway.people.models import Note, Person, Tag

# --- Applying ------------------------------------------------------------------------------


def _photo_name(record: ContactRecord) -> str:
    return (
        f"photos/{uuid.uuid4().hex}.{'jpg' if record.photo_type == 'jpeg' else record.photo_type}"
    )


def _new_notes(owner: User, person_id: int, record: ContactRecord, seen: set[str]) -> list[Note]:
    """The record's notes the person does not have yet (their texts are added to `seen`)."""
    notes = []
    for date, text in record.notes:
        text = text.strip()
        if text and note_key(date, text) not in seen:
            seen.add(note_key(date, text))
            notes.append(
                Note(
                    owner_id=owner.pk,
                    person_id=person_id,
                    text=text,
                    date=date or timezone.localdate(),
                )
            )
    return notes


def _tags_for(owner: User, names: set[str]) -> dict[str, Tag]:
    """The owner's tags by folded name, creating the missing ones in bulk."""
    tags = {tag.name.casefold(): tag for tag in owned(Tag, owner)}
    missing: dict[str, str] = {}
    for name in names:
        if name.casefold() not in tags:
            missing.setdefault(name.casefold(), name)
    if missing:
        Tag.objects.bulk_create(
            [Tag(owner=owner, name=name) for name in missing.values()], batch_size=BATCH
        )
        tags = {tag.name.casefold(): tag for tag in owned(Tag, owner)}
    return tags


def _own_contacts(person: Person) -> set[str]:
    """The person's own e-mail, phone and URLs (compared as matching.detail_key does): an extra
    detail never repeats them."""
    return {
        detail_key("email", person.email),
        detail_key("phone", person.phone),
        detail_key("url", person.linkedin_url),
        detail_key("url", person.website),
    }


def _details(
    owner: User, person_id: int, record: ContactRecord, skip: set[str]
) -> list[ContactDetail]:
    details = []
    for kind, values in (
        ("email", record.emails),
        ("phone", record.phones),
        ("url", [record.linkedin_url, record.website, *record.urls]),
    ):
        for value in values:
            if value and detail_key(kind, value) not in skip:
                skip.add(detail_key(kind, value))
                details.append(
                    ContactDetail(
                        owner_id=owner.pk,
                        person_id=person_id,
                        kind=kind,
                        value=value[:500],
                        label=record.url_kinds.get(value, "") if kind == "url" else "",
                    )
                )
    return details


def apply_updates(
    owner: User, rows: list[PlannedRow], saved_files: list[str]
) -> tuple[list[Person], list[tuple[int, ContactRecord]]]:
    people, tags, notes, extras = existing_details(
        owner, {row.person_id for row in rows if row.person_id}
    )
    changed: list[Person] = []
    links: list[tuple[int, ContactRecord]] = []
    new_details: list[ContactDetail] = []
    new_notes: list[Note] = []
    for row in rows:
        person, record = people[row.person_id], row.record  # type: ignore[index]
        if record.emails and not person.email:
            person.email = record.emails[0]
        if record.phones and not person.phone:
            person.phone = record.phones[0]
        for name in PLAIN_FIELDS:
            if getattr(record, name) not in ("", None) and getattr(person, name) in ("", None):
                setattr(person, name, getattr(record, name))
        for facet in FACETS:
            if record.story.get(facet):
                setattr(person, facet, merge_facet(getattr(person, facet), record.story[facet]))
        if record.photo and not person.photo:
            person.photo.name = default_storage.save(_photo_name(record), ContentFile(record.photo))
            saved_files.append(person.photo.name)
        known = {*_own_contacts(person), *extras[person.pk]}
        new_details += _details(owner, person.pk, record, known)
        new_notes += _new_notes(owner, person.pk, record, notes[person.pk])
        links.append((person.pk, record))
        changed.append(person)
    fields = ["email", "phone", *PLAIN_FIELDS, *FACETS, "photo", "updated_at"]
    now = timezone.now()
    for person in changed:
        person.updated_at = now
    Person.objects.bulk_update(changed, fields, batch_size=BATCH)
    ContactDetail.objects.bulk_create(new_details, batch_size=BATCH)
    Note.objects.bulk_create(new_notes, batch_size=BATCH)
    return changed, links


def _insert_people(rows: list[dict[str, Any]]) -> list[Person]:
    """INSERT … RETURNING id for many new people at once; returns them as loaded objects.

    Person.objects.bulk_create spends most of an import preparing each of the ~25 values of
    every row through the field machinery; these values are already clean (plain text,
    numbers, aware times), so they go to the driver directly. Ids come back in VALUES order,
    as Django's own bulk_create relies on."""
    fields = [field for field in Person._meta.concrete_fields if not field.primary_key]
    names = [field.attname for field in fields]
    defaults = {field.attname: field.get_default() for field in fields}
    full = [{name: row.get(name, defaults[name]) for name in names} for row in rows]
    if not connection.features.can_return_rows_from_bulk_insert:
        unsaved = [Person(**values) for values in full]
        Person.objects.bulk_create(unsaved, batch_size=BATCH)
        return unsaved
    times = {field.attname for field in fields if isinstance(field, models.DateTimeField)}
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(Person._meta.db_table)
    pk_field = Person._meta.pk
    assert pk_field is not None
    pk_column = connection.ops.quote_name(pk_field.column)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    adapted: dict[Any, Any] = {}

    def adapt(value: Any) -> Any:
        # Every row of an import has the same created_at / updated_at: adapt it once.
        if value not in adapted:
            adapted[value] = connection.ops.adapt_datetimefield_value(value)
        return adapted[value]

    people: list[Person] = []
    if connection.vendor == "postgresql":
        # One short statement sent for every row in psycopg's pipeline: a 1,000-row VALUES list
        # would be re-parsed by the driver for each batch, which costs more than the insert.
        single = f"INSERT INTO {table} ({columns}) VALUES {placeholders} RETURNING {pk_column}"
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for start in range(0, len(full), BATCH):
                chunk = full[start : start + BATCH]
                raw.executemany(single, [list(values.values()) for values in chunk], returning=True)
                ids = []
                while True:
                    ids.append(raw.fetchone()[0])
                    if not raw.nextset():
                        break
                for values, person_id in zip(chunk, ids, strict=True):
                    people.append(
                        Person.from_db(
                            connection.alias,
                            [pk_field.attname, *names],
                            [person_id, *values.values()],
                        )
                    )
        return people
    time_indexes = [index for index, name in enumerate(names) if name in times]
    attnames = [pk_field.attname, *names]
    with connection.cursor() as cursor:
        for start in range(0, len(full), BATCH):
            chunk = full[start : start + BATCH]
            params: list[Any] = []
            for values in chunk:
                row = list(values.values())
                for index in time_indexes:
                    if row[index] is not None:
                        row[index] = adapt(row[index])
                params += row
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholders] * len(chunk))} "
                f"RETURNING {pk_column}",
                params,
            )
            for values, (person_id,) in zip(chunk, cursor.fetchall(), strict=True):
                people.append(
                    Person.from_db(connection.alias, attnames, [person_id, *values.values()])
                )
    return people


def apply_creates(
    owner: User,
    rows: list[PlannedRow],
    saved_files: list[str],
    progress: Progress | None,
    total: int,
) -> tuple[list[Person], list[tuple[int, ContactRecord]]]:
    created: list[Person] = []
    links: list[tuple[int, ContactRecord]] = []
    now = timezone.now()
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        rows_values: list[dict[str, Any]] = []
        for row in chunk:
            record = row.record
            values: dict[str, Any] = {
                "owner_id": owner.pk,
                "name": record.name,
                "name_normalized": (record.name_normalized or normalize_name(record.name))[:200],
                "email": record.emails[0] if record.emails else "",
                "phone": record.phones[0] if record.phones else "",
                "created_at": now,
                "updated_at": now,
            }
            for name in PLAIN_FIELDS:
                values[name] = getattr(record, name)
            for facet in FACETS:
                values[facet] = record.story.get(facet, "")
            if record.photo:
                values["photo"] = default_storage.save(
                    _photo_name(record), ContentFile(record.photo)
                )
                saved_files.append(values["photo"])
            rows_values.append(values)
        people = _insert_people(rows_values)
        details: list[ContactDetail] = []
        notes: list[Note] = []
        for person, row in zip(people, chunk, strict=True):
            record = row.record
            known = _own_contacts(person)
            details += _details(owner, person.pk, record, known)
            notes += _new_notes(owner, person.pk, record, set())
            links.append((person.pk, record))
        ContactDetail.objects.bulk_create(details, batch_size=BATCH)
        Note.objects.bulk_create(notes, batch_size=BATCH)
        created += people
        if progress:
            progress(min(start + BATCH, len(rows)), total)
    return created, links


def apply_tags(owner: User, links: list[tuple[int, ContactRecord]]) -> None:
    wanted = {tag for _, record in links for tag in record.tags}
    if not wanted:
        return
    tags = _tags_for(owner, wanted)
    through = Person.tags.through
    rows = [
        through(person_id=person_id, tag_id=tags[tag.casefold()].pk)
        for person_id, record in links
        for tag in record.tags
    ]
    through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def apply_events(owner: User, events: list[PlannedEvent]) -> None:
    for planned in events:
        record = planned.record
        if planned.action == "create":
            event_create(
                owner=owner,
                name=record.name,
                starts_at=record.starts_at,
                ends_at=record.ends_at,
                location=record.location,
                reflection=record.reflection[:10_000],
                goal_new_connections=record.goal_new_connections,
            )
        elif planned.action == "update" and planned.event_id:
            event_update(
                event=Event.objects.get(pk=planned.event_id, owner=owner), **planned.changes
            )
