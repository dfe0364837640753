"""Writes for recall: attendee lists (the rest of recall only reads)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from hallway.events.models import Event
from hallway.lib.story import normalize_name
from hallway.recall.attendees import MAX_ATTENDEES, AttendeeListError, parse_attendees
from hallway.recall.models import Attendee


@transaction.atomic
def attendees_import(*, event: Event, text: str, replace: bool = False) -> int:
    """Add the attendees in `text` (pasted lines or CSV) to the event's list; returns how many
    were new. With `replace`, the old list is dropped first. All or nothing."""
    try:
        parsed = parse_attendees(text)
    except AttendeeListError as error:
        raise ValidationError({"attendees": str(error)}) from error
    existing = Attendee.objects.filter(event=event, owner=event.owner)
    if replace:
        existing.delete()
    known_keys = {attendee.email or attendee.name_normalized for attendee in existing}
    new = []
    for item in parsed:
        normalized = normalize_name(item.name)[:200]
        key = item.email or normalized
        if key in known_keys:
            continue
        known_keys.add(key)
        new.append(
            Attendee(
                owner=event.owner,
                event=event,
                name=item.name,
                name_normalized=normalized,
                email=item.email,
                company=item.company,
            )
        )
    if len(known_keys) > MAX_ATTENDEES:
        raise ValidationError(
            {"attendees": f"An event's attendee list holds at most {MAX_ATTENDEES} people."}
        )
    Attendee.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def attendees_clear(*, event: Event) -> int:
    """Forget the event's attendee list; returns how many lines were removed."""
    deleted, _ = Attendee.objects.filter(event=event, owner=event.owner).delete()
    return deleted
