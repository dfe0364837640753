"""Live event mode over the API: start, capture, warning signs, end — the same services as the
web screen, so another client can build the same flow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from hallway.api.schemas import ConversationOut, ErrorOut
from hallway.conversations.models import Conversation
from hallway.eventmode import services
from hallway.eventmode.selectors import exit_prompt
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.people.models import Person

router = Router(tags=["live event mode"])

_KEY_HELP = (
    "Optional client-made key (8–64 letters, digits, '-' or '_'). A retry with the same key "
    "is not applied twice."
)


class StartIn(Schema):
    person_id: int | None = Field(None, description="A person you already know")
    name: str | None = Field(None, description="Or the name of someone new (a person is created)")
    event_id: int | None = None
    idempotency_key: str | None = Field(None, description=_KEY_HELP)


class CaptureIn(Schema):
    facet: str = Field(description="work, origin, education, passions or drivers")
    text: str
    idempotency_key: str | None = Field(None, description=_KEY_HELP)


class SignIn(Schema):
    sign: str = Field(
        description="wandering_eyes, not_flowing, checking_phone, closed_posture, short_answers or looking_for_exit"
    )
    idempotency_key: str | None = Field(None, description=_KEY_HELP)


class EndIn(Schema):
    outcome: str | None = Field(
        None, description="connected, cards_only or cut_short; suggested when absent"
    )
    followup: str = Field("", description='One line, e.g. "send the article on Tuesday"')
    followup_due: dt.date | None = Field(
        None, description="Read from the follow-up text when absent"
    )
    idempotency_key: str | None = Field(None, description=_KEY_HELP)


class ExitPromptOut(Schema):
    show: bool = Field(description="True after a warning sign or when the conversation runs long")
    reason: str
    line: str
    next_person_id: int | None
    next_person_name: str | None
    long_after_seconds: int


class CaptureResultOut(Schema):
    applied: bool = Field(description="False when this idempotency key had already been applied")
    conversation: ConversationOut
    exit_prompt: ExitPromptOut


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_owned_or_404(
        Conversation.objects.select_related("person", "event").prefetch_related("followups"),
        request.user,
        conversation_id,
    )


def _prompt(request: HttpRequest, conversation: Conversation) -> dict[str, Any]:
    prompt = exit_prompt(
        conversation=conversation, live_settings=services.live_settings_get(user=request.user)
    )
    return {
        "show": prompt.show,
        "reason": prompt.reason,
        "line": prompt.line,
        "next_person_id": prompt.next_person.pk if prompt.next_person else None,
        "next_person_name": prompt.next_person.name if prompt.next_person else None,
        "long_after_seconds": prompt.long_after_seconds,
    }


def _result(request: HttpRequest, conversation_id: int, applied: bool) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    return {
        "applied": applied,
        "conversation": conversation,
        "exit_prompt": _prompt(request, conversation),
    }


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
        user=request.user,
        event=event,
        person=person,
        new_person_name=payload.name or "",
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, _conversation(request, conversation.pk))


@router.post(
    "/conversations/{int:conversation_id}/capture",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add what you learned about one facet; it merges into the person's story",
)
def conversation_capture(
    request: HttpRequest, conversation_id: int, payload: CaptureIn
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    applied = services.live_capture(
        conversation=conversation,
        facet=payload.facet,
        text=payload.text,
        idempotency_key=payload.idempotency_key,
    )
    return _result(request, conversation_id, applied)


@router.post(
    "/conversations/{int:conversation_id}/signs",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="Log a warning sign; the answer carries an exit line and the next person to meet",
)
def conversation_sign(
    request: HttpRequest, conversation_id: int, payload: SignIn
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    applied = services.live_sign_add(
        conversation=conversation, sign=payload.sign, idempotency_key=payload.idempotency_key
    )
    return _result(request, conversation_id, applied)


@router.get(
    "/conversations/{int:conversation_id}/exit-prompt",
    response={200: ExitPromptOut, 404: ErrorOut},
    summary="Whether to wrap up now, with a polite exit line and who to meet next",
)
def conversation_exit_prompt(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    return _prompt(request, _conversation(request, conversation_id))


@router.post(
    "/conversations/{int:conversation_id}/end",
    response={200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut},
    summary="End the conversation: the outcome is suggested when not given; optional one-line follow-up",
)
def conversation_finish(
    request: HttpRequest, conversation_id: int, payload: EndIn
) -> dict[str, Any]:
    conversation = _conversation(request, conversation_id)
    applied = services.live_conversation_end(
        conversation=conversation,
        outcome=payload.outcome,
        followup=payload.followup,
        followup_due=payload.followup_due,
        idempotency_key=payload.idempotency_key,
    )
    return _result(request, conversation_id, applied)
