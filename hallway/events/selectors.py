"""Reads about events."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.people.models import Person


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


def events_upcoming(*, user: Any, limit: int = 5) -> QuerySet[Event]:
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return owned(Event, user).filter(starts_at__gte=today_start).order_by("starts_at")[:limit]
