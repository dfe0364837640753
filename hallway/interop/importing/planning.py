"""Planning an import: cleaning records, matching them to the user's people, and the preview
(new / updates / already known / problems). Reads only."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from hallway.events.models import Event
from hallway.interop.importing.cleaning import clean_record
from hallway.interop.matching import PeopleIndex, detail_key, keys_of
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import (
    ContactRecord,
    EventRecord,
    RowError,
    SkippedItem,
    parse,
)
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
    "birthday",
    "anniversary",
)


@dataclass
class PlannedRow:
    record: ContactRecord
    action: str  # "create", "update" or "skip"
    person_id: int | None = None
    person_name: str = ""
    reason: str = ""
    changes: list[str] = field(default_factory=list)
    # Why the row is one of the user's people (matching.SAME_*), for the report's counts.
    match_reason: str = ""
    possible_duplicate_of: tuple[int, str] | None = None
    possible_duplicate_reason: str = ""


@dataclass
class PlannedEvent:
    record: EventRecord
    action: str
    event_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass
class ImportPlan:
    format: str
    rows: list[PlannedRow] = field(default_factory=list)
    events: list[PlannedEvent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    parser_skipped: list[SkippedItem] = field(default_factory=list)

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

    @property
    def matched(self) -> dict[str, int]:
        """How many rows were recognised as one of the user's people, by what."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.person_id is not None and row.match_reason:
                counts[row.match_reason] = counts.get(row.match_reason, 0) + 1
        return counts

    @property
    def flagged(self) -> list[PlannedRow]:
        """New people who share an e-mail, phone or name with someone: possible duplicates."""
        return [row for row in self.rows if row.possible_duplicate_of is not None]

    @property
    def skipped_items(self) -> list[SkippedItem]:
        """Everything in the file that is not imported on purpose, with why, in file order
        (rows with a problem are in `errors`)."""
        items = list(self.parser_skipped)
        for row in self.rows_with("skip"):
            if row.reason == row.match_reason:  # one of your people, and nothing new
                why = f"already known, nothing new ({row.reason}): {row.person_name}"
                kind = "already known"
            else:  # a repeat of another line of the file, folded into it
                why = row.reason + (f" ({row.person_name})" if row.person_name else "")
                kind = "repeated in the file"
            items.append(SkippedItem(row.record.line, row.record.name, why, kind))
        for event in self.events_with("skip"):
            why, kind = event.reason, "repeated in the file"
            if event.event_id is not None:
                why, kind = f"already known, nothing new ({event.reason})", "already known"
            items.append(SkippedItem(event.record.line, event.record.name, why, kind))
        return sorted(items, key=lambda item: item.line)

    def summary(self) -> list[str]:
        """The matching part of the report in sentences (page, CLI)."""
        lines = []
        matched = self.matched
        if matched:
            how = ", ".join(f"{count} on {reason}" for reason, count in sorted(matched.items()))
            total = sum(matched.values())
            lines.append(
                f"{total} {'row' if total == 1 else 'rows'} matched people you have ({how})."
            )
        if self.flagged:
            count = len(self.flagged)
            lines.append(
                f"{count} new {'person shares' if count == 1 else 'people share'} an e-mail, "
                "phone or name with someone without being clearly the same person: created, "
                "and listed on the Duplicates screen to check."
            )
        return lines

    def result(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "matched": self.matched,
            "flagged": len(self.flagged),
            "possible_duplicates": [
                {
                    "line": row.record.line,
                    "name": row.record.name,
                    "person_id": row.possible_duplicate_of[0] or None,
                    "person_name": row.possible_duplicate_of[1],
                    "reason": row.possible_duplicate_reason,
                }
                for row in self.flagged
                if row.possible_duplicate_of is not None
            ],
            "skipped_items": [
                {"line": item.line, "name": item.name, "reason": item.reason}
                for item in self.skipped_items
            ],
            "errors": [{"line": error.line, "message": error.message} for error in self.errors],
        }


# --- Planning ------------------------------------------------------------------------------


def note_key(date: dt.date | None, text: str) -> str:
    """How an incoming note is recognised among a person's notes."""
    return f"{date.isoformat()} {text.strip()}" if date else text.strip()


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
        detail_key("email", person.email),
        detail_key("phone", person.phone),
        detail_key("url", person.linkedin_url),
        detail_key("url", person.website),
        *extras,
    }
    more = [detail_key("email", e) for e in record.emails]
    more += [detail_key("phone", p) for p in record.phones]
    more += [detail_key("url", u) for u in (record.linkedin_url, record.website, *record.urls) if u]
    if any(value not in known for value in more):
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
    owner: Any, records: list[ContactRecord], errors: list[RowError]
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
        owner, set(by_person) | {person_id for person_id, _ in possible.values()}
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


_HALLWAY_EVENT_UID = re.compile(r"^hallway-event-(\d{1,18})@")


def _place_key(location: str) -> str:
    return normalize_name(location)


def _plan_events(owner: Any, records: list[EventRecord]) -> list[PlannedEvent]:
    """Each event is matched by the UID Hallway wrote on export, else by summary, start and
    location (an event without UID — many meetup sites write none — is found again on every
    re-import); an event at the same summary and start with no place on one side is the same
    event too (it gains the place)."""
    by_id: dict[int, tuple[int, str, dt.datetime, str, dt.datetime | None]] = {}
    exact: dict[tuple[str, dt.datetime, str], int] = {}
    by_start: dict[tuple[str, dt.datetime], list[int]] = defaultdict(list)
    for event_id, name, starts_at, location, ends_at in owned(Event, owner).values_list(
        "id", "name", "starts_at", "location", "ends_at"
    ):
        by_id[event_id] = (event_id, name, starts_at, location, ends_at)
        exact.setdefault((normalize_name(name), starts_at, _place_key(location)), event_id)
        by_start[(normalize_name(name), starts_at)].append(event_id)
    planned: list[PlannedEvent] = []
    seen: set[str] = set()
    for record in records:
        name_key = normalize_name(record.name)
        file_key = (
            record.uid or f"{name_key}|{record.starts_at.isoformat()}|{_place_key(record.location)}"
        )
        if file_key in seen:
            planned.append(
                PlannedEvent(record=record, action="skip", reason="repeated in this file")
            )
            continue
        seen.add(file_key)
        found = _HALLWAY_EVENT_UID.match(record.uid)
        pk: int | None = int(found.group(1)) if found and int(found.group(1)) in by_id else None
        reason = "same Hallway UID" if pk is not None else ""
        if pk is None:
            pk = exact.get((name_key, record.starts_at, _place_key(record.location)))
            reason = "same summary, start and location"
        if pk is None:
            placeless = [
                other
                for other in by_start.get((name_key, record.starts_at), [])
                if not by_id[other][3] or not record.location
            ]
            pk = placeless[0] if placeless else None
            reason = "same summary and start"
        if pk is None:
            planned.append(PlannedEvent(record=record, action="create"))
            continue
        _, _, _, location, ends_at = by_id[pk]
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
                reason=reason,
            )
        )
    return planned


def import_preview(*, owner: Any, data: bytes, format: str | None = None) -> ImportPlan:
    """What importing the file would do, without writing anything. Raises ImportFileError."""
    parsed = parse(data, format or None, zone_name=settings.TIME_ZONE, today=timezone.localdate())
    plan = ImportPlan(
        format=parsed.format, errors=list(parsed.errors), parser_skipped=list(parsed.skipped)
    )
    plan.rows = _plan_contacts(owner, parsed.contacts, plan.errors)
    plan.events = _plan_events(owner, parsed.events)
    plan.errors.sort(key=lambda error: error.line)
    return plan
