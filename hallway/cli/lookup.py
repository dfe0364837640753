"""Finding the user's people and events by a forgiving name or an id (shared by the commands)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from hallway.cli.common import fail


def find_person(user: User, name_or_id: str) -> Any:
    """One of the user's people by id or forgiving name; ambiguity lists the candidates."""
    from hallway.people.models import Person
    from hallway.people.selectors import people_match_name

    text = name_or_id.strip()
    if text.isdigit():
        person = Person.objects.filter(owner=user, pk=int(text)).first()
        if person is not None:
            return person
    matches = people_match_name(user=user, name=text)
    if not matches:
        fail(f'No person matches “{text}”. Add them with: hallway people add "{text}"')
    if len(matches) > 1:
        shown = "; ".join(_describe_person(person) for person in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        fail(
            f"“{text}” matches {len(matches)} people: {shown}{more}. Be more precise or use the id."
        )
    return matches[0]


def _describe_person(person: Any) -> str:
    details = ", ".join(part for part in (person.role, person.company) if part)
    return f"{person.name} (#{person.pk}{', ' + details if details else ''})"


def find_event(user: User, name_or_id: str) -> Any:
    """One of the user's events by id or forgiving name (case, accents, partial)."""
    from hallway.events.models import Event
    from hallway.lib.ownership import owned
    from hallway.lib.story import normalize_name

    text = name_or_id.strip()
    events = owned(Event, user)
    if text.isdigit():
        event = events.filter(pk=int(text)).first()
        if event is not None:
            return event
    wanted = normalize_name(text)
    words = wanted.split()
    if not words:
        fail("Give an event name or id.")
    # Accents are compared after normalizing, so the (few) events are matched in Python.
    pool = list(events.order_by("-starts_at").only("id", "name", "starts_at")[:5000])
    exact = [event for event in pool if normalize_name(event.name) == wanted]
    matches = exact or [
        event for event in pool if all(word in normalize_name(event.name) for word in words)
    ]
    if not matches:
        fail(f"No event matches “{text}”. See your events with: hallway events list")
    if len(matches) > 1:
        shown = "; ".join(
            f"{event.name} (#{event.pk}, {event.starts_at:%Y-%m-%d})" for event in matches[:10]
        )
        fail(f"“{text}” matches {len(matches)} events: {shown}. Be more precise or use the id.")
    return matches[0]
