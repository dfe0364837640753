"""Team panels that other apps' pages include: who can see a person, sharing an event."""

from __future__ import annotations

from typing import Any

from django import template

from hallway.events.models import Event
from hallway.people.models import Person
from hallway.teams import selectors

register = template.Library()


@register.inclusion_tag("teams/partials/person_sharing.html", takes_context=True)
def person_sharing(context: Any, person: Person) -> dict[str, Any]:
    """The "who can see what" card of a person page (nothing when the owner is in no team)."""
    return {
        "person": person,
        "csrf_token": context.get("csrf_token"),
        "audience": selectors.person_audience(person=person),
    }


@register.inclusion_tag("teams/partials/event_sharing.html", takes_context=True)
def event_sharing(context: Any, event: Event) -> dict[str, Any]:
    """Share an event with a team, or open it in the teams it is shared with."""
    return {
        "event": event,
        "csrf_token": context.get("csrf_token"),
        **selectors.event_audience(event=event),
    }
