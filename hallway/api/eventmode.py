"""Live event mode over the API: start, capture, warning signs, end — the same services as the
web screen, so another client can build the same flow."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from hallway.api.schemas import (
    ConversationId,
    ConversationOut,
    Day,
    ErrorOut,
    EventId,
    FacetText,
    FollowUpText,
    InputSchema,
    NameText,
    ObjectId,
    clean_text,
    text_field,
)
from hallway.conversations.models import Conversation
from hallway.eventmode import services
from hallway.eventmode.selectors import event_review, exit_prompt
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.people.models import Person

router = Router(tags=["live event mode"])


_KEY_HELP = (
    "Optional client-made key (8–64 letters, digits, '-' or '_'). A retry with the same key "
    "is not applied twice."
)
IdempotencyKey = Annotated[str, text_field(64, _KEY_HELP), AfterValidator(clean_text)]


_CLIENT_ID_HELP = (
    "Optional id made on the phone (8–64 letters, digits, '-' or '_') for a conversation "
    "started offline; later captures, signs and the end can name it in "
    "/live/conversations/{client_id}/… before the server id is known. Also the start's "
    "idempotency key."
)
ClientIdText = Annotated[str, text_field(64, _CLIENT_ID_HELP), AfterValidator(clean_text)]
KnownText = Annotated[
    str,
    text_field(6000, "What the phone showed for this facet when the capture was made"),
    AfterValidator(clean_text),
]


class StartIn(InputSchema):
    person_id: ObjectId | None = Field(None, description="A person you already know")
    name: NameText | None = Field(
        None, description="Or the name of someone new (a person is created)"
    )
    event_id: ObjectId | None = Field(None, description="The event you are at (optional)")
    idempotency_key: IdempotencyKey | None = None
    client_id: ClientIdText | None = None


class CaptureIn(InputSchema):
    facet: str = Field(max_length=20, description="work, origin, education, passions or drivers")
    text: FacetText = Field(description="What you learned, in a few words")
    idempotency_key: IdempotencyKey | None = None
    known: KnownText | None = None


class SignIn(InputSchema):
    sign: str = Field(
        max_length=30,
        description="wandering_eyes, not_flowing, checking_phone, closed_posture, short_answers or looking_for_exit",
    )
    idempotency_key: IdempotencyKey | None = None


class EndIn(InputSchema):
    outcome: str | None = Field(
        None, max_length=20, description="connected, cards_only or cut_short; suggested when absent"
    )
    followup: FollowUpText = Field("", description='One line, e.g. "send the article on Tuesday"')
    followup_due: Day | None = Field(
        None, description="YYYY-MM-DD; read from the follow-up text when absent"
    )
    idempotency_key: IdempotencyKey | None = None


class ExitPromptOut(Schema):
    show: bool = Field(description="True after a warning sign or when the conversation runs long")
    reason: str
    line: str
    next_person_id: int | None
    next_person_name: str | None
    long_after_seconds: int


class MergedOut(Schema):
    facet: str
    phone_had: str = Field(description="What the phone showed for the facet (the `known` sent)")
    server_had: str = Field(description="What the story said on the server, changed elsewhere")
    story_now: str = Field(description="The facet after the merge: nothing was overwritten")


class CaptureResultOut(Schema):
    applied: bool = Field(description="False when this idempotency key had already been applied")
    conversation: ConversationOut
    exit_prompt: ExitPromptOut
    merged: MergedOut | None = Field(
        None,
        description="Set when the story changed elsewhere since the phone's copy (`known`): "
        "the capture was merged into the newer story",
    )


class CheckInIn(InputSchema):
    event_id: ObjectId = Field(description="The event you are at")


class CheckInOut(Schema):
    current_event_id: int


class SnapshotOut(Schema):
    user: dict[str, Any]
    as_of: dt.datetime
    current_event_id: int | None
    settings: dict[str, Any]
    questions: list[dict[str, Any]]
    signs: list[dict[str, Any]]
    outcomes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    conversations: list[dict[str, Any]]
    people: list[dict[str, Any]]


class ReviewRowOut(Schema):
    conversation: ConversationOut
    person_name: str
    missing_contact: bool = Field(
        description="The person has neither an e-mail address nor a phone number"
    )
    no_followup: bool = Field(description="No follow-up was promised in this conversation")


class EventReviewOut(Schema):
    event_id: int
    goal_new_connections: int | None
    new_people: int = Field(description="People met for the first time at this event")
    connected: int
    cards_only: int
    cut_short: int
    ongoing: int
    connections_known: int = Field(
        description="People talked to whose story you know (passions or drivers)"
    )
    cards_held: int = Field(description="People talked to of whom you only hold contact details")
    conversations: list[ReviewRowOut]


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_owned_or_404(
        Conversation.objects.select_related("person", "event").prefetch_related("followups"),
        request.user,
        conversation_id,
    )


def _prompt(request: HttpRequest, conversation: Conversation) -> dict[str, Any]:
    prompt = exit_prompt(
        conversation=conversation,
        live_settings=services.live_settings_get(user=signed_in_user(request)),
    )
    return {
        "show": prompt.show,
        "reason": prompt.reason,
        "line": prompt.line,
        "next_person_id": prompt.next_person.pk if prompt.next_person else None,
        "next_person_name": prompt.next_person.name if prompt.next_person else None,
        "long_after_seconds": prompt.long_after_seconds,
    }


def _result(
    request: HttpRequest,
    conversation_id: int,
    applied: bool,
    merged: dict[str, str] | None = None,
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    return {
        "applied": applied,
        "conversation": conversation,
        "exit_prompt": _prompt(request, conversation),
        "merged": merged,
    }


def _by_client_id(request: HttpRequest, client_id: str) -> Conversation:
    """The conversation started with this phone-made id, or 404 (unknown, or not yours)."""
    conversation = services.conversation_for_client_id(
        user=signed_in_user(request), client_id=client_id
    )
    if conversation is None:
        raise HttpError(404, "No conversation was started with this client id.")
    return _conversation(request, conversation.pk)


def _capture(
    request: HttpRequest, conversation: Conversation, payload: CaptureIn
) -> dict[str, Any]:
    applied, merged = services.live_capture_merging(
        conversation=conversation,
        facet=payload.facet,
        text=payload.text,
        known=payload.known,
        idempotency_key=payload.idempotency_key,
    )
    return _result(request, conversation.pk, applied, merged)


def _sign(request: HttpRequest, conversation: Conversation, payload: SignIn) -> dict[str, Any]:
    applied = services.live_sign_add(
        conversation=conversation, sign=payload.sign, idempotency_key=payload.idempotency_key
    )
    return _result(request, conversation.pk, applied)


def _end(request: HttpRequest, conversation: Conversation, payload: EndIn) -> dict[str, Any]:
    applied = services.live_conversation_end(
        conversation=conversation,
        outcome=payload.outcome,
        followup=payload.followup,
        followup_due=payload.followup_due,
        idempotency_key=payload.idempotency_key,
    )
    return _result(request, conversation.pk, applied)


@router.post(
    "/live/conversations",
    response={201: ConversationOut, 404: ErrorOut, 422: ErrorOut},
    summary="Start a conversation now (known person or a new one by name)",
)
def conversation_start(request: HttpRequest, payload: StartIn) -> Status[Conversation]:
    if payload.person_id is None and not (payload.name or "").strip():
        raise HttpError(422, "Give person_id, or the name of someone new.")
    if payload.person_id is not None and (payload.name or "").strip():
        raise HttpError(422, "Give person_id or name, not both.")
    event = (
        get_owned_or_404(Event, request.user, payload.event_id)
        if payload.event_id is not None
        else None
    )
    person = (
        get_owned_or_404(Person, request.user, payload.person_id)
        if payload.person_id is not None
        else None
    )
    conversation = services.live_conversation_start(
        user=signed_in_user(request),
        event=event,
        person=person,
        new_person_name=payload.name or "",
        idempotency_key=payload.client_id or payload.idempotency_key,
    )
    return Status(201, _conversation(request, conversation.pk))


@router.post(
    "/conversations/{int:conversation_id}/capture",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add what you learned about one facet; it merges into the person's story",
)
def conversation_capture(
    request: HttpRequest, payload: CaptureIn, conversation_id: int = ConversationId
) -> dict[str, Any]:
    return _capture(request, _conversation(request, conversation_id), payload)


@router.post(
    "/conversations/{int:conversation_id}/signs",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Log a warning sign; the answer carries an exit line and the next person to meet",
)
def conversation_sign(
    request: HttpRequest, payload: SignIn, conversation_id: int = ConversationId
) -> dict[str, Any]:
    return _sign(request, _conversation(request, conversation_id), payload)


@router.get(
    "/conversations/{int:conversation_id}/exit-prompt",
    response={200: ExitPromptOut, 404: ErrorOut},
    summary="Whether to wrap up now, with a polite exit line and who to meet next",
)
def conversation_exit_prompt(
    request: HttpRequest, conversation_id: int = ConversationId
) -> dict[str, Any]:
    return _prompt(request, _conversation(request, conversation_id))


@router.post(
    "/conversations/{int:conversation_id}/end",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="End the conversation: the outcome is suggested when not given; optional one-line follow-up",
)
def conversation_finish(
    request: HttpRequest, payload: EndIn, conversation_id: int = ConversationId
) -> dict[str, Any]:
    return _end(request, _conversation(request, conversation_id), payload)


@router.get(
    "/live/events/{int:event_id}/review",
    response={200: EventReviewOut, 404: ErrorOut},
    summary="After the event: its conversations with what is missing, and how it went against the goal",
)
def event_review_get(request: HttpRequest, event_id: int = EventId) -> dict[str, Any]:
    event = get_owned_or_404(Event, request.user, event_id)
    review = event_review(event=event)
    return {
        "event_id": event.pk,
        "goal_new_connections": review.goal,
        "new_people": review.new_people,
        "connected": review.connected,
        "cards_only": review.cards_only,
        "cut_short": review.cut_short,
        "ongoing": review.ongoing,
        "connections_known": review.connections_known,
        "cards_held": review.cards_held,
        "conversations": [
            {
                "conversation": row.conversation,
                "person_name": row.conversation.person.name,
                "missing_contact": row.missing_contact,
                "no_followup": row.no_followup,
            }
            for row in review.rows
        ],
    }


ClientId = Path(
    ...,
    min_length=8,
    max_length=64,
    pattern=r"^[A-Za-z0-9_-]{8,64}$",
    description="The id the phone made when it started the conversation (client_id).",
)


@router.post(
    "/live/conversations/{client_id}/capture",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Capture for a conversation named by the id the phone made (started offline)",
)
def client_conversation_capture(
    request: HttpRequest, payload: CaptureIn, client_id: str = ClientId
) -> dict[str, Any]:
    return _capture(request, _by_client_id(request, client_id), payload)


@router.post(
    "/live/conversations/{client_id}/signs",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Log a warning sign in a conversation named by the id the phone made",
)
def client_conversation_sign(
    request: HttpRequest, payload: SignIn, client_id: str = ClientId
) -> dict[str, Any]:
    return _sign(request, _by_client_id(request, client_id), payload)


@router.post(
    "/live/conversations/{client_id}/end",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="End a conversation named by the id the phone made",
)
def client_conversation_end(
    request: HttpRequest, payload: EndIn, client_id: str = ClientId
) -> dict[str, Any]:
    return _end(request, _by_client_id(request, client_id), payload)


@router.post(
    "/live/check-in",
    response={200: CheckInOut, 404: ErrorOut, 422: ErrorOut},
    summary="Check in to an event: the live screen opens it",
)
def check_in(request: HttpRequest, payload: CheckInIn) -> dict[str, Any]:
    event = get_owned_or_404(Event, request.user, payload.event_id)
    services.event_check_in(user=signed_in_user(request), event=event)
    return {"current_event_id": event.pk}


@router.get(
    "/live/snapshot",
    response={200: SnapshotOut},
    summary="What the phone keeps for offline use: the event you are at, its people and stories",
)
def snapshot(request: HttpRequest) -> dict[str, Any]:
    from hallway.eventmode.snapshot import live_snapshot

    return live_snapshot(user=signed_in_user(request))
