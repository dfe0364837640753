"""Planning an import: cleaning records, matching them to the user's people, and the preview
(new / updates / already known / problems). Reads only."""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict, namedtuple
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from hallway.interop.importing.cleaning import clean_record
from hallway.interop.importing.events import plan_events
from hallway.interop.importing.plan import (
    BATCH,
    PLAIN_FIELDS,
    ImportPlan,
    PlannedEvent,
    PlannedRow,
    Progress,
)
from hallway.interop.matching import PeopleIndex, detail_key, keys_of
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import ContactRecord, RowError, parse
from hallway.lib.ownership import owned
from hallway.lib.story import FACETS, merge_facet
from hallway.people.models import Note, Person


def note_key(date: dt.date | None, text: str) -> str:
    """How an incoming note is recognised among a person's notes."""
    return f"{date.isoformat()} {text.strip()}" if date else text.strip()


def _changes_for(
    person: Any,  # a Person or a PlannedPerson
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
    # A value written exactly as one of the person's own has a key among theirs: only the
    # others need their keys worked out (a re-import's values are nearly all their own).
    own = {
        ("email", person.email),
        ("phone", person.phone),
        ("url", person.linkedin_url),
        ("url", person.website),
    }
    other = [("email", e) for e in record.emails if ("email", e) not in own]
    other += [("phone", p) for p in record.phones if ("phone", p) not in own]
    other += [
        ("url", u)
        for u in (record.linkedin_url, record.website, *record.urls)
        if u and ("url", u) not in own
    ]
    if other:
        known = {detail_key(kind, value) for kind, value in own} | extras
        if any(detail_key(kind, value) not in known for kind, value in other):
            changes.append("contact details")
    for facet in FACETS:
        text = record.story.get(facet, "")
        if text and merge_facet(getattr(person, facet), text) != getattr(person, facet):
            changes.append(facet)
    if {tag.casefold() for tag in record.tags} - tag_names:
        changes.append("tags")
    if any(note_key(date, text) not in note_texts for date, text in record.notes):
        changes.append("notes")
    if record.photo and not person.photo:
        changes.append("photo")
    return changes


# What planning reads of a matched person: the values _changes_for compares (no date or time
# among them, so no converter runs) and the name the preview shows.
_PLANNED_FIELDS = ("id", "name", "email", "phone", "photo", *PLAIN_FIELDS, *FACETS)


class PlannedPerson(namedtuple("PlannedPerson", _PLANNED_FIELDS)):  # type: ignore[misc]
    """A matched person's values as planning reads them (a tuple, not a Person: a re-import of
    50,000 rows spent a third of its time building 50,000 model instances)."""

    __slots__ = ()
    pk = property(operator.itemgetter(0))  # the id, as a Person's pk


def existing_details(
    owner: User, ids: set[int], *, as_rows: bool = False
) -> tuple[dict[int, Any], dict[int, set[str]], dict[int, set[str]], dict[int, set[str]]]:
    """The people with these ids (Person objects, or PlannedPerson tuples with `as_rows`) and
    their tag names, note keys and extra contact details' keys."""
    tags: dict[int, set[str]] = defaultdict(set)
    notes: dict[int, set[str]] = defaultdict(set)
    extras: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}, tags, notes, extras
    # Many ids: read the owner's rows whole rather than send a huge IN (...) list.
    everyone = len(ids) > 500
    rows = owned(Person, owner) if everyone else owned(Person, owner).filter(pk__in=ids)
    people: dict[int, Any]
    if as_rows:
        found = rows.values_list(*_PLANNED_FIELDS).iterator(chunk_size=5000)
        people = {row[0]: PlannedPerson._make(row) for row in found if row[0] in ids}
    else:
        people = {
            person.pk: person for person in rows.iterator(chunk_size=5000) if person.pk in ids
        }
    scope: dict[str, Any] = {"person__owner": owner} if everyone else {"person_id__in": ids}
    through = Person.tags.through
    for person_id, name in through.objects.filter(**scope).values_list("person_id", "tag__name"):
        tags[person_id].add(name.casefold())
    for person_id, date, text in Note.objects.filter(**scope).values_list(
        "person_id", "date", "text"
    ):
        # Known by its text (a note from another tool carries no date) and by date and text
        # (Hallway's export keeps the same words written on two days as two notes).
        notes[person_id].add(text.strip())
        notes[person_id].add(note_key(date, text))
    for person_id, kind, value in ContactDetail.objects.filter(**scope).values_list(
        "person_id", "kind", "value"
    ):
        extras[person_id].add(detail_key(kind, value))
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
    owner: User, records: list[ContactRecord], errors: list[RowError]
) -> list[PlannedRow]:
    index = PeopleIndex.for_user(owner)
    rows: list[PlannedRow] = []
    new_rows: dict[str, PlannedRow] = {}
    matched: list[tuple[ContactRecord, int, str]] = []
    possible: dict[int, tuple[Any, str]] = {}
    for record in records:
        if not clean_record(record, errors):
            continue
        keys = keys_of(
            name=record.name,
            emails=record.emails,
            phones=record.phones,
            linkedin_url=record.linkedin_url,
            urls=record.urls,
            uid=record.uid,
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
        if isinstance(maybe, str):  # shares an e-mail or phone with an earlier row of the file
            other_row = new_rows[maybe]
            row.possible_duplicate_of = (0, other_row.record.name)
            row.possible_duplicate_reason = f"{reason} (line {other_row.record.line} of this file)"
        elif maybe is not None:
            possible[id(row)] = (maybe, reason)
        ref = f"new-{len(new_rows)}"
        new_rows[ref] = row
        index.add(ref, keys)
        rows.append(row)
    # Several rows may match the same person: fold them into one update.
    by_person: dict[int, list[tuple[ContactRecord, str]]] = {}
    for record, person_id, reason in matched:
        by_person.setdefault(person_id, []).append((record, reason))
    people, tags, notes, extras = existing_details(
        owner, set(by_person) | {person_id for person_id, _ in possible.values()}, as_rows=True
    )
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
                    match_reason=reason,
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
                match_reason=reason,
            )
        )
    for row in rows:
        if id(row) in possible and possible[id(row)][0] in people:
            other = people[possible[id(row)][0]]
            row.possible_duplicate_of = (other.pk, other.name)
            row.possible_duplicate_reason = possible[id(row)][1]
    rows.sort(key=lambda row: row.record.line)
    return rows


def import_preview(*, owner: User, data: bytes, format: str | None = None) -> ImportPlan:
    """What importing the file would do, without writing anything. Raises ImportFileError."""
    parsed = parse(data, format or None, zone_name=settings.TIME_ZONE, today=timezone.localdate())
    plan = ImportPlan(
        format=parsed.format, errors=list(parsed.errors), parser_skipped=list(parsed.skipped)
    )
    plan.rows = _plan_contacts(owner, parsed.contacts, plan.errors)
    plan.events = plan_events(owner, parsed.events)
    plan.errors.sort(key=lambda error: error.line)
    return plan


__all__ = [
    "BATCH",
    "PLAIN_FIELDS",
    "ImportPlan",
    "PlannedEvent",
    "PlannedRow",
    "Progress",
    "existing_details",
    "import_preview",
    "note_key",
]
