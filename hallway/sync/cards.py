"""Writes of the cards a phone sends: a PUT creates or updates a person (the story only ever
added to), a DELETE moves the person to the trash."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

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
)
from hallway.sync.services import deleting_from

# Apple's contact groups travel as vCards of their own (KIND:group in 4.0).
_GROUP_CARD = re.compile(r"^(X-ADDRESSBOOKSERVER-KIND|KIND):\s*group\s*$", re.I | re.M)


class CardError(Exception):
    """A card a client sent cannot be stored; the message says why (sent back as 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
