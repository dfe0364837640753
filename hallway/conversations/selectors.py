"""Reads about conversations and follow-ups: their JSON shapes, and payloads of records as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.events.selectors import event_as_dict
from hallway.lib.jsonable import iso_day, iso_moment, jsonable
from hallway.people.models import Person
from hallway.people.selectors import person_as_dict


def followup_fields(followup: FollowUp) -> dict[str, Any]:
    """The follow-up's fields in the API's shape (FollowUpOut), as Python values."""
    return {
        "id": followup.pk,
        "text": followup.text,
        "due": followup.due,
        "done": followup.done,
        "person_id": followup.person_id,
        "conversation_id": followup.conversation_id,
    }


def followup_as_dict(followup: FollowUp) -> dict[str, Any]:
    """The follow-up as plain JSON-able data in the API's shape (FollowUpOut)."""
    return {**followup_fields(followup), "due": iso_day(followup.due)}


def conversation_as_dict(conversation: Conversation) -> dict[str, Any]:
    """The conversation as plain JSON-able data in the API's shape (ConversationOut)."""
    return {
        "id": conversation.pk,
        "person_id": conversation.person_id,
        "event_id": conversation.event_id,
        "started_at": iso_moment(conversation.started_at),
        "ended_at": iso_moment(conversation.ended_at),
        "learned": conversation.learned,
        "warning_signs": conversation.warning_signs,
        "outcome": conversation.outcome or None,
        "notes": conversation.notes,
        "followups": [followup_as_dict(followup) for followup in conversation.followups.all()],
    }


_RECORDS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Person: person_as_dict,
    Event: event_as_dict,
    Conversation: conversation_as_dict,
    FollowUp: followup_as_dict,
}


def records_as_json(payload: Any) -> Any:
    """A payload holding people, events, conversations and follow-ups (the API's response before
    its schema serializes it) as plain JSON-able data in the same shapes."""
    return jsonable(payload, _RECORDS)
