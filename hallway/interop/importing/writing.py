"""Applying an import plan with bulk writes (inside the caller's transaction)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.models import signals
from django.db.models.base import ModelState
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
from hallway.lib.bulk_sql import datetime_adapter, ids_reserve, model_rows_insert
from hallway.lib.ownership import owned
from hallway.lib.story import FACETS, merge_facet, normalize_name
from hallway.people.models import Note, Person, Tag

# --- Applying ------------------------------------------------------------------------------


def _photo_name(record: ContactRecord) -> str:
    return (
        f"photos/{uuid.uuid4().hex}.{'jpg' if record.photo_type == 'jpeg' else record.photo_type}"
    )


# Rows written with plain SQL (hallway.lib.bulk_sql), in these columns' order
_NOTE_COLUMNS = ("owner_id", "person_id", "text", "date", "created_at")
_DETAIL_COLUMNS = ("owner_id", "person_id", "kind", "value", "label")


class _Rows:
    """The notes and extra contact details an import adds, as plain rows for one insert each."""

    def __init__(self, owner: User) -> None:
        self.owner_id = owner.pk
        self.notes: list[tuple[Any, ...]] = []
        self.details: list[tuple[Any, ...]] = []
        self._created_at = datetime_adapter()(timezone.now())
        self._dates: dict[dt.date, Any] = {}
        self._today = timezone.localdate()

    def _date(self, date: dt.date) -> Any:
        if date not in self._dates:
            self._dates[date] = connection.ops.adapt_datefield_value(date)
        return self._dates[date]

    def add_notes(self, person_id: int, record: ContactRecord, seen: set[str]) -> None:
        """The record's notes the person does not have yet (their keys are added to `seen`)."""
        for date, text in record.notes:
            text = text.strip()
            if text and note_key(date, text) not in seen:
                seen.add(note_key(date, text))
                self.notes.append(
                    (
                        self.owner_id,
                        person_id,
                        text,
                        self._date(date or self._today),
                        self._created_at,
                    )
                )

    def add_details(self, person: Person, record: ContactRecord, known: set[str]) -> None:
        """The record's e-mails, phones and links that the person does not have: neither their
        own (Person's e-mail, phone and links) nor in `known`, nor repeated. A value written
        exactly as one of the person's own is skipped without working out its key (most of a
        new person's values are their own)."""
        own = {
            ("email", person.email),
            ("phone", person.phone),
            ("url", person.linkedin_url),
            ("url", person.website),
        }
        skip: set[str] | None = None
        for kind, values in (
            ("email", record.emails),
            ("phone", record.phones),
            ("url", [record.linkedin_url, record.website, *record.urls]),
        ):
            for value in values:
                if not value or (kind, value) in own:
                    continue
                if skip is None:
                    skip = {*_own_contacts(person), *known}
                key = detail_key(kind, value)
                if key not in skip:
                    skip.add(key)
                    label = record.url_kinds.get(value, "") if kind == "url" else ""
                    self.details.append((self.owner_id, person.pk, kind, value[:500], label))

    def write(self) -> None:
        model_rows_insert(Note, _NOTE_COLUMNS, self.notes)
        model_rows_insert(ContactDetail, _DETAIL_COLUMNS, self.details)
        self.notes, self.details = [], []


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


def apply_updates(
    owner: User, rows: list[PlannedRow], saved_files: list[str]
) -> tuple[list[Person], list[tuple[int, ContactRecord]]]:
    people, tags, notes, extras = existing_details(
        owner, {row.person_id for row in rows if row.person_id}
    )
    changed: list[Person] = []
    links: list[tuple[int, ContactRecord]] = []
    added = _Rows(owner)
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
        added.add_details(person, record, extras[person.pk])
        added.add_notes(person.pk, record, notes[person.pk])
        links.append((person.pk, record))
        changed.append(person)
    fields = ["email", "phone", *PLAIN_FIELDS, *FACETS, "photo", "updated_at"]
    now = timezone.now()
    for person in changed:
        person.updated_at = now
    Person.objects.bulk_update(changed, fields, batch_size=BATCH)
    added.write()
    return changed, links


class _PersonRows:
    """How records become rows of the people table: every concrete column in order, the
    defaults filled in once (a template copied per row)."""

    def __init__(self, owner: User, now: dt.datetime) -> None:
        pk = Person._meta.pk
        assert pk is not None
        fields = [pk, *(field for field in Person._meta.concrete_fields if not field.primary_key)]
        self.attnames = [field.attname for field in fields]
        at = {name: position for position, name in enumerate(self.attnames)}
        self.template: list[Any] = [None, *(field.get_default() for field in fields[1:])]
        for name, value in (("owner_id", owner.pk), ("created_at", now), ("updated_at", now)):
            self.template[at[name]] = value
        self.at = at
        self.plain = [(at[name], name) for name in PLAIN_FIELDS]
        self.facets = [(at[facet], facet) for facet in FACETS]
        self.times = [
            position
            for position, field in enumerate(fields)
            if isinstance(field, models.DateTimeField)
        ]

    def row(self, record: ContactRecord, photo: str) -> list[Any]:
        at = self.at
        row = self.template.copy()
        row[at["name"]] = record.name
        row[at["name_normalized"]] = (record.name_normalized or normalize_name(record.name))[:200]
        row[at["email"]] = record.emails[0] if record.emails else ""
        row[at["phone"]] = record.phones[0] if record.phones else ""
        for position, name in self.plain:
            row[position] = getattr(record, name)
        story = record.story
        if story:
            for position, facet in self.facets:
                row[position] = story.get(facet, "")
        if photo:
            row[at["photo"]] = photo
        return row

    def insert(self, rows: list[list[Any]]) -> list[Person]:
        """Insert the rows with ids reserved beforehand; the people as loaded objects (for the
        change hooks).

        Person.objects.bulk_create spends most of an import preparing each of the ~25 values
        of every row through the field machinery; these values are already clean (plain text,
        numbers, aware times), so they go to the driver directly (hallway.lib.bulk_sql)."""
        adapt = datetime_adapter()
        written: list[tuple[Any, ...]] = []
        for person_id, row in zip(ids_reserve(Person, len(rows)), rows, strict=True):
            row[0] = person_id
            adapted = row.copy()
            for position in self.times:
                adapted[position] = adapt(adapted[position])
            written.append(tuple(adapted))
        model_rows_insert(Person, self.attnames, written)
        return _loaded_people(self.attnames, rows)


def _loaded_people(attnames: list[str], rows: list[list[Any]]) -> list[Person]:
    """People as Person.from_db makes them (saved, in this database), with their attributes
    set in one step: Model.__init__ sets ~25 attributes one by one through their descriptors,
    a tenth of a large import. Only when no one listens to the model's init signals (then
    Model.__init__ is used, signals and all)."""
    alias = connection.alias
    if signals.pre_init.has_listeners(Person) or signals.post_init.has_listeners(Person):
        return [Person.from_db(alias, attnames, row) for row in rows]
    people = []
    for row in rows:
        person = Person.__new__(Person)
        person.__dict__.update(zip(attnames, row, strict=True))
        person._state = ModelState()
        person._state.adding = False
        person._state.db = alias
        people.append(person)
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
    people_rows = _PersonRows(owner, timezone.now())
    added = _Rows(owner)
    for start in range(0, len(rows), BATCH * 10):
        chunk = rows[start : start + BATCH * 10]
        values: list[list[Any]] = []
        for row in chunk:
            record = row.record
            photo = ""
            if record.photo:
                photo = default_storage.save(_photo_name(record), ContentFile(record.photo))
                saved_files.append(photo)
            values.append(people_rows.row(record, photo))
        people = people_rows.insert(values)
        for person, row in zip(people, chunk, strict=True):
            record = row.record
            added.add_details(person, record, set())
            added.add_notes(person.pk, record, set())
            links.append((person.pk, record))
        added.write()
        created += people
        if progress:
            progress(min(start + BATCH * 10, len(rows)), total)
    return created, links


def apply_tags(owner: User, links: list[tuple[int, ContactRecord]]) -> None:
    wanted = {tag for _, record in links for tag in record.tags}
    if not wanted:
        return
    tags = _tags_for(owner, wanted)
    rows = {
        (person_id, tags[tag.casefold()].pk) for person_id, record in links for tag in record.tags
    }
    model_rows_insert(
        Person.tags.through, ("person_id", "tag_id"), sorted(rows), " ON CONFLICT DO NOTHING"
    )


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
