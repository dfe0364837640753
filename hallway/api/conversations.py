"""Conversations: GET|POST /conversations, GET|PATCH|DELETE /conversations/{id}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from hallway.api.pagination import PageParams, page_of
from hallway.api.schemas import (
    ConversationId,
    ConversationOut,
    Day,
    ErrorOut,
    FacetText,
    FollowUpText,
    InputSchema,
    LongText,
    Moment,
    ObjectId,
    Outcome,
    Page,
    WarningSign,
    not_null,
)
from hallway.conversations import services
from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.web import signed_in_user
from hallway.people.models import Person

router = Router(tags=["conversations"])

MAX_FOLLOWUPS = 20


class LearnedIn(InputSchema):
    """What you learned, by facet; it is merged into the person's story (nothing is lost)."""

    work: FacetText | None = None
    origin: FacetText | None = None
    education: FacetText | None = None
    passions: FacetText | None = None
    drivers: FacetText | None = None


class FollowUpIn(InputSchema):
    text: FollowUpText = Field(..., min_length=1)
    due: Day | None = Field(None, description="YYYY-MM-DD, or null.")


class ConversationIn(InputSchema):
    person_id: ObjectId = Field(
        ..., description="One of your people; anyone else's id is refused (422)."
    )
    event_id: ObjectId | None = Field(None, description="One of your events, or null.")
    started_at: Moment | None = Field(
        None,
        description="When left out: now, or the event's start when the event is not on now.",
    )
    ended_at: Moment | None = None
    learned: LearnedIn | None = None
    warning_signs: list[WarningSign] = Field(default_factory=list, max_length=6)
    outcome: Outcome | None = Field(None, description="null while the conversation goes on.")
    notes: LongText = ""
    followups: list[FollowUpIn] = Field(default_factory=list, max_length=MAX_FOLLOWUPS)


class ConversationPatch(InputSchema):
    """Only the fields you send change; `learned` adds to what was learned, it never removes."""

    event_id: ObjectId | None = None
    started_at: Moment | None = not_null("Not null: a conversation keeps its start.")
    ended_at: Moment | None = None
    learned: LearnedIn | None = None
    warning_signs: list[WarningSign] | None = Field(None, max_length=6)
    outcome: Outcome | None = None
    notes: LongText | None = None


class ConversationFilters(PageParams):
    person_id: ObjectId | None = Field(None, description="Only conversations with this person.")
    event_id: ObjectId | None = Field(None, description="Only conversations at this event.")


NOT_FOUND = {404: ErrorOut}


def _conversations(request: HttpRequest) -> QuerySet[Conversation]:
    return owned(Conversation, request.user).prefetch_related("followups")


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_owned_or_404(
        _conversations(request).select_related("person", "event"), request.user, conversation_id
    )


def _referenced_person(request: HttpRequest, person_id: int) -> Person:
    """A person named in a body: anyone else's is refused exactly like an unknown id."""
    person = owned(Person, request.user).filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"person_id": f"You have no person with id {person_id}."})
    return person


def _referenced_event(request: HttpRequest, event_id: int | None) -> Event | None:
    if event_id is None:
        return None
    event = owned(Event, request.user).filter(pk=event_id).first()
    if event is None:
        raise ValidationError({"event_id": f"You have no event with id {event_id}."})
    return event


def _learned(payload: ConversationIn | ConversationPatch) -> dict[str, Any] | None:
    if payload.learned is None:
        return None
    return payload.learned.model_dump(exclude_none=True)


@router.get("/conversations", response=Page[ConversationOut], summary="List conversations")
def list_conversations(request: HttpRequest, filters: Query[ConversationFilters]) -> dict[str, Any]:
    """Your conversations, the latest first; filter by `person_id` and `event_id`."""
    conversations = _conversations(request)
    if filters.person_id is not None:
        conversations = conversations.filter(person_id=filters.person_id)
    if filters.event_id is not None:
        conversations = conversations.filter(event_id=filters.event_id)
    return page_of(conversations, filters)


@router.post("/conversations", response={201: ConversationOut}, summary="Log a conversation")
def create_conversation(request: HttpRequest, payload: ConversationIn) -> Status[Conversation]:
    """Record a conversation; what you learned flows into the person's story."""
    conversation = services.conversation_log(
        owner=signed_in_user(request),
        person=_referenced_person(request, payload.person_id),
        event=_referenced_event(request, payload.event_id),
        started_at=payload.started_at,
        ended_at=payload.ended_at,
        learned=_learned(payload),
        warning_signs=payload.warning_signs,
        outcome=payload.outcome,
        notes=payload.notes,
        followups=[followup.model_dump() for followup in payload.followups],
    )
    return Status(201, _conversation(request, conversation.pk))


@router.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, **NOT_FOUND},
    summary="Show a conversation",
)
def get_conversation(request: HttpRequest, conversation_id: int = ConversationId) -> Conversation:
    return _conversation(request, conversation_id)


@router.patch(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, **NOT_FOUND},
    summary="Change a conversation",
)
def update_conversation(
    request: HttpRequest, payload: ConversationPatch, conversation_id: int = ConversationId
) -> Conversation:
    conversation = _conversation(request, conversation_id)
    fields = payload.model_dump(
        exclude_unset=True, exclude={"learned", "warning_signs", "event_id"}
    )
    if "event_id" in payload.model_fields_set:
        fields["event"] = _referenced_event(request, payload.event_id)
    if fields.get("started_at", True) is None:
        raise ValidationError({"started_at": "A conversation needs a start time."})
    services.conversation_update(
        conversation=conversation,
        learned=_learned(payload),
        warning_signs=payload.warning_signs,
        **fields,
    )
    return _conversation(request, conversation_id)


@router.delete(
    "/conversations/{conversation_id}",
    response={204: None, **NOT_FOUND},
    summary="Delete a conversation",
)
def delete_conversation(
    request: HttpRequest, conversation_id: int = ConversationId
) -> Status[None]:
    """Deletes the record; what it added to the person's story stays."""
    services.conversation_delete(conversation=_conversation(request, conversation_id))
    return Status(204, None)
