"""Reads about events."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import User
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from hallway.events.models import Event
from hallway.lib.jsonable import iso_moment
from hallway.lib.ownership import owned
from hallway.people.models import Person


def events_filter(*, user: User, q: str = "", upcoming: bool = False) -> QuerySet[Event]:
    """The user's events, the latest first, with words in the name or the location; `upcoming`:
    only those not started yet, the soonest first. The ids of who you want to meet and who you
    met are prefetched, just the ids (an event can have hundreds of conversations)."""
    # Conversations point at events, not the other way: reach them through the reverse
    # relation so this domain does not import the one built on top of it.
    conversation_model = cast("type[Model]", Event._meta.get_field("conversations").related_model)
    events = owned(Event, user).prefetch_related(
        Prefetch("want_to_meet", queryset=Person.objects.only("id")),
        Prefetch(
            "conversations",
            queryset=conversation_model._default_manager.only("id", "event_id", "person_id"),
        ),
    )
    for word in q.split()[:10]:
        events = events.filter(Q(name__icontains=word) | Q(location__icontains=word))
    if upcoming:
        events = events.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return events


def people_met(*, event: Event) -> QuerySet[Person]:
    """People you had a conversation with at this event."""
    return Person.objects.filter(owner=event.owner, conversations__event=event).distinct()


def people_met_ids(*, event: Event) -> list[int]:
    return sorted(
        set(event.conversations.filter(owner=event.owner).values_list("person_id", flat=True))
    )


def want_to_meet_unmet(*, event: Event) -> QuerySet[Person]:
    """People you want to meet at this event and have not talked to there yet."""
    met = event.conversations.values_list("person_id", flat=True)
    return event.want_to_meet.exclude(pk__in=met)


def events_upcoming(*, user: User, limit: int = 5) -> QuerySet[Event]:
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return owned(Event, user).filter(starts_at__gte=today_start).order_by("starts_at")[:limit]


def event_as_dict(event: Event) -> dict[str, Any]:
    """The event as plain JSON-able data in the API's shape (EventOut), for `--json`."""
    return {
        "id": event.pk,
        "name": event.name,
        "starts_at": iso_moment(event.starts_at),
        "ends_at": iso_moment(event.ends_at),
        "location": event.location,
        "goal_new_connections": event.goal_new_connections,
        "reflection": event.reflection,
        "want_to_meet": sorted(person.pk for person in event.want_to_meet.all()),
        "people_met": sorted(
            {conversation.person_id for conversation in event.conversations.all()}
        ),
    }
