"""Planning an import: cleaning records, matching them to the user's people, and the preview
(new / updates / already known / problems). Reads only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from hallway.events.models import Event
from hallway.interop.importing.cleaning import clean_record
from hallway.interop.matching import PeopleIndex, keys_of
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import ContactRecord, EventRecord, RowError, parse
from hallway.lib.ownership import owned
from hallway.lib.story import FACETS, merge_facet, normalize_name
from hallway.people.models import Note, Person

Progress = Callable[[int, int], None]
BATCH = 1000
PLAIN_FIELDS = (
    "company",
    "role",
    "location",
    "linkedin_url",
    "website",
    "met_at",
    "keep_in_touch_days",
)


@dataclass
class PlannedRow:
    record: ContactRecord
    action: str  # "create", "update" or "skip"
    person_id: int | None = None
    person_name: str = ""
    reason: str = ""
    changes: list[str] = field(default_factory=list)
    possible_duplicate_of: tuple[int, str] | None = None


@dataclass
class PlannedEvent:
    record: EventRecord
    action: str
    event_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    format: str
    rows: list[PlannedRow] = field(default_factory=list)
    events: list[PlannedEvent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action) + sum(
            1 for event in self.events if event.action == action
        )

    @property
    def created(self) -> int:
        return self._count("create")

    @property
    def updated(self) -> int:
        return self._count("update")

    @property
    def skipped(self) -> int:
        return self._count("skip")

    def rows_with(self, action: str) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]

    def events_with(self, action: str) -> list[PlannedEvent]:
        return [event for event in self.events if event.action == action]

    def result(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [{"line": error.line, "message": error.message} for error in self.errors],
        }


# --- Planning ------------------------------------------------------------------------------


def _changes_for(
    person: Person,
    record: ContactRecord,
    tag_names: set[str],
    note_texts: set[str],
    extras: set[str],
) -> list[str]:
    """What the record would add to the person (empty: nothing new)."""
    changes = []
    if record.emails and not person.email:
        changes.append("email")
    if record.phones and not person.phone:
        changes.append("phone")
    for name in PLAIN_FIELDS:
        if getattr(record, name) not in ("", None) and getattr(person, name) in ("", None):
            changes.append(name)
    known = {
        person.email.lower(),
        person.phone,
        person.linkedin_url.lower(),
        person.website.lower(),
        *extras,
    }
    more = [e.lower() for e in record.emails] + record.phones + [u.lower() for u in record.urls]
    more += [u.lower() for u in (record.linkedin_url, record.website) if u]
    if any(value not in known for value in more if value):
        changes.append("contact details")
    for facet in FACETS:
        text = record.story.get(facet, "")
        if text and merge_facet(getattr(person, facet), text) != getattr(person, facet):
            changes.append(facet)
    if {tag.casefold() for tag in record.tags} - tag_names:
        changes.append("tags")
    if any(text.strip() not in note_texts for _, text in record.notes):
        changes.append("notes")
    if record.photo and not person.photo:
        changes.append("photo")
    return changes


def existing_details(
    owner: Any, ids: set[int]
) -> tuple[dict[int, Person], dict[int, set[str]], dict[int, set[str]], dict[int, set[str]]]:
    tags: dict[int, set[str]] = defaultdict(set)
    notes: dict[int, set[str]] = defaultdict(set)
    extras: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}, tags, notes, extras
    # Many ids: read the owner's rows whole rather than send a huge IN (...) list.
    everyone = len(ids) > 500
    rows = owned(Person, owner) if everyone else owned(Person, owner).filter(pk__in=ids)
    people = {person.pk: person for person in rows.iterator(chunk_size=5000) if person.pk in ids}
    scope: dict[str, Any] = {"person__owner": owner} if everyone else {"person_id__in": ids}
    through = Person.tags.through
    for person_id, name in through.objects.filter(**scope).values_list("person_id", "tag__name"):
        tags[person_id].add(name.casefold())
    for person_id, text in Note.objects.filter(**scope).values_list("person_id", "text"):
        notes[person_id].add(text.strip())
    for person_id, value in ContactDetail.objects.filter(**scope).values_list("person_id", "value"):
        extras[person_id].add(value.lower())
    return people, tags, notes, extras


def _merge_records(target: ContactRecord, extra: ContactRecord) -> None:
    """A person who appears twice in the same file becomes one record."""
    for email in extra.emails:
        if email.lower() not in {e.lower() for e in target.emails}:
            target.emails.append(email)
    for phone in extra.phones:
        if phone not in target.phones:
            target.phones.append(phone)
    for name in PLAIN_FIELDS:
        if getattr(target, name) in ("", None):
            setattr(target, name, getattr(extra, name))
    for url in [extra.linkedin_url, extra.website, *extra.urls]:
        if url and url not in (target.linkedin_url, target.website, *target.urls):
            target.urls.append(url)
    for facet, text in extra.story.items():
        target.story[facet] = merge_facet(target.story.get(facet, ""), text)
    target.tags += [
        tag for tag in extra.tags if tag.casefold() not in {t.casefold() for t in target.tags}
    ]
    target.notes += [
        note for note in extra.notes if note[1] not in {text for _, text in target.notes}
    ]
    if extra.photo and not target.photo:
        target.photo, target.photo_type = extra.photo, extra.photo_type


def _plan_contacts(
    owner: Any, records: list[ContactRecord], errors: list[RowError]
) -> list[PlannedRow]:
    index = PeopleIndex.for_user(owner)
    rows: list[PlannedRow] = []
    new_rows: dict[str, PlannedRow] = {}
    matched: list[tuple[ContactRecord, int, str]] = []
    possible: dict[int, Any] = {}
    for record in records:
        if not clean_record(record, errors):
            continue
        keys = keys_of(
            name=record.name,
            emails=record.emails,
            phones=record.phones,
            linkedin_url=record.linkedin_url,
            urls=record.urls,
        )
        record.name_normalized = keys.name
        ref, reason, maybe = index.match(keys)
        if isinstance(ref, str):  # an earlier row of this file
            first = new_rows[ref]
            _merge_records(first.record, record)
            index.merge_keys(ref, keys)
            rows.append(
                PlannedRow(
                    record=record,
                    action="skip",
                    reason=f"{reason} as line {first.record.line} of this file",
                )
            )
            continue
        if ref is not None:
            matched.append((record, ref, reason))
            index.merge_keys(ref, keys)
            continue
        row = PlannedRow(record=record, action="create")
        if maybe is not None and not isinstance(maybe, str):
            possible[id(row)] = maybe
        ref = f"new-{len(new_rows)}"
        new_rows[ref] = row
        index.add(ref, keys)
        rows.append(row)
    # Several rows may match the same person: fold them into one update.
    by_person: dict[int, list[tuple[ContactRecord, str]]] = {}
    for record, person_id, reason in matched:
        by_person.setdefault(person_id, []).append((record, reason))
    people, tags, notes, extras = existing_details(owner, set(by_person) | set(possible.values()))
    for person_id, items in by_person.items():
        person = people[person_id]
        first_record, reason = items[0]
        for record, _ in items[1:]:
            _merge_records(first_record, record)
            rows.append(
                PlannedRow(
                    record=record,
                    action="skip",
                    person_id=person_id,
                    person_name=person.name,
                    reason=f"{reason}: merged with line {first_record.line}",
                )
            )
        changes = _changes_for(
            person, first_record, tags[person_id], notes[person_id], extras[person_id]
        )
        rows.append(
            PlannedRow(
                record=first_record,
                action="update" if changes else "skip",
                person_id=person_id,
                person_name=person.name,
                reason=reason,
                changes=changes,
            )
        )
    for row in rows:
        if id(row) in possible and possible[id(row)] in people:
            other = people[possible[id(row)]]
            row.possible_duplicate_of = (other.pk, other.name)
    rows.sort(key=lambda row: row.record.line)
    return rows


def _plan_events(owner: Any, records: list[EventRecord]) -> list[PlannedEvent]:
    existing = {
        (normalize_name(name), starts_at): (pk, location, ends_at)
        for pk, name, starts_at, location, ends_at in owned(Event, owner).values_list(
            "id", "name", "starts_at", "location", "ends_at"
        )
    }
    planned: list[PlannedEvent] = []
    seen: set[tuple[str, dt.datetime]] = set()
    for record in records:
        key = (normalize_name(record.name), record.starts_at)
        if key in seen:
            planned.append(PlannedEvent(record=record, action="skip"))
            continue
        seen.add(key)
        if key in existing:
            pk, location, ends_at = existing[key]
            changes: dict[str, Any] = {}
            if record.location and not location:
                changes["location"] = record.location
            if record.ends_at and not ends_at:
                changes["ends_at"] = record.ends_at
            planned.append(
                PlannedEvent(
                    record=record,
                    action="update" if changes else "skip",
                    event_id=pk,
                    changes=changes,
                )
            )
        else:
            planned.append(PlannedEvent(record=record, action="create"))
    return planned


def import_preview(*, owner: Any, data: bytes, format: str | None = None) -> ImportPlan:
    """What importing the file would do, without writing anything. Raises ImportFileError."""
    parsed = parse(data, format or None, zone_name=settings.TIME_ZONE)
    plan = ImportPlan(format=parsed.format, errors=list(parsed.errors))
    plan.rows = _plan_contacts(owner, parsed.contacts, plan.errors)
    plan.events = _plan_events(owner, parsed.events)
    plan.errors.sort(key=lambda error: error.line)
    return plan
