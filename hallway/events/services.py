"""Writes for events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from hallway.events.models import Event
from hallway.people.models import Person

EVENT_FIELDS = ("name", "starts_at", "ends_at", "location", "goal_new_connections", "reflection")
MAX_REFLECTION_LENGTH = 10_000


def _validate_and_save(event: Event) -> None:
    event.name = " ".join((event.name or "").split())
    if not event.name:
        raise ValidationError({"name": "An event needs a name."})
    if not isinstance(event.starts_at, dt.datetime):
        raise ValidationError({"starts_at": "An event needs a start date and time."})
    if event.ends_at is not None and event.ends_at < event.starts_at:
        raise ValidationError({"ends_at": "The end cannot be before the start."})
    if len(event.reflection or "") > MAX_REFLECTION_LENGTH:
        raise ValidationError(
            {"reflection": f"A reflection is at most {MAX_REFLECTION_LENGTH} characters."}
        )
    event.full_clean(exclude=["owner", "want_to_meet"])
    event.save()


def _owned_people(owner: User, people: Iterable[Any]) -> list[Person]:
    ids = [person.pk if isinstance(person, Person) else int(person) for person in people]
    found = list(Person.objects.filter(owner=owner, pk__in=ids))
    missing = set(ids) - {person.pk for person in found}
    if missing:
        raise ValidationError(
            {"want_to_meet": f"Unknown person id(s): {', '.join(map(str, sorted(missing)))}."}
        )
    return found


def _assign(event: Event, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    for field, value in fields.items():
        if value is None and field in {"name", "location", "reflection"}:
            value = ""
        setattr(event, field, value)


@transaction.atomic
def event_create(*, owner: User, want_to_meet: Iterable[Any] | None = None, **fields: Any) -> Event:
    """Create an event; `want_to_meet` is a list of the owner's people (or their ids)."""
    event = Event(owner=owner)
    _assign(event, fields)
    _validate_and_save(event)
    if want_to_meet is not None:
        event.want_to_meet.set(_owned_people(owner, want_to_meet))
    return event


@transaction.atomic
def event_update(
    *, event: Event, want_to_meet: Iterable[Any] | None = None, **fields: Any
) -> Event:
    """Change the given fields only."""
    _assign(event, fields)
    _validate_and_save(event)
    if want_to_meet is not None:
        event.want_to_meet.set(_owned_people(event.owner, want_to_meet))
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    event.delete()


def event_want_to_meet_toggle(*, event: Event, person: Person, wanted: bool) -> None:
    if person.owner_id != event.owner_id:
        raise ValidationError("Unknown person.")
    if wanted:
        event.want_to_meet.add(person)
    else:
        event.want_to_meet.remove(person)
