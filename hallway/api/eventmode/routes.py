"""Live event mode's routes: start, capture, warning signs, end, review, check-in, snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Status
from ninja.errors import HttpError

from hallway.api.eventmode.schemas import (
    CaptureIn,
    CaptureResultOut,
    CheckInIn,
    CheckInOut,
    EndIn,
    EventReviewOut,
    ExitPromptOut,
    SignIn,
    SnapshotOut,
    StartIn,
)
from hallway.api.schemas import (
    ConversationId,
    ConversationOut,
    ErrorOut,
    EventId,
    InputSchema,
)
from hallway.conversations.models import Conversation
from hallway.eventmode import services
from hallway.eventmode.selectors import event_review, exit_prompt
from hallway.events.models import Event
from hallway.lib.ownership import M, get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.people.models import Person

router = Router(tags=["live event mode"])


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_owned_or_404(
        Conversation.objects.select_related("person", "event").prefetch_related("followups"),
        request.user,
        conversation_id,
    )


def _by_client_id(request: HttpRequest, client_id: str) -> Conversation:
    """The conversation started with this phone-made id, or 404 (unknown, or not yours)."""
    conversation = services.conversation_for_client_id(
        user=signed_in_user(request), client_id=client_id
    )
    if conversation is None:
        raise HttpError(404, "No conversation was started with this client id.")
    return _conversation(request, conversation.pk)


def _owned_or_none(model: type[M], request: HttpRequest, pk: int | None) -> M | None:
    return None if pk is None else get_owned_or_404(model, request.user, pk)


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


ClientId = Path(
    ...,
    min_length=8,
    max_length=64,
    pattern=r"^[A-Za-z0-9_-]{8,64}$",
    description="The id the phone made when it started the conversation (client_id).",
)
Action = Callable[[HttpRequest, Conversation, Any], dict[str, Any]]
_ACTION_RESPONSES = {200: CaptureResultOut, 404: ErrorOut, 422: ErrorOut}


def _on_both_routes(
    action: str,
    payload_type: type[InputSchema],
    *,
    names: tuple[str, str],
    summaries: tuple[str, str],
) -> Callable[[Action], Action]:
    """Mount one action on its two routes: `/conversations/{id}/<action>` (the server's id) and
    `/live/conversations/{client_id}/<action>` (the id the phone made for a conversation
    started offline). They differ only in how the conversation is found."""

    def mount(handle: Action) -> Action:
        # No docstrings here: a view's docstring would become the operation's description.
        def by_id(
            request: HttpRequest, payload: InputSchema, conversation_id: int = ConversationId
        ) -> dict[str, Any]:
            return handle(request, _conversation(request, conversation_id), payload)

        def by_client_id(
            request: HttpRequest, payload: InputSchema, client_id: str = ClientId
        ) -> dict[str, Any]:
            return handle(request, _by_client_id(request, client_id), payload)

        for view, name, path, summary in (
            (by_id, names[0], "/conversations/{int:conversation_id}", summaries[0]),
            (by_client_id, names[1], "/live/conversations/{client_id}", summaries[1]),
        ):
            # The view's name is its URL name and (with the module) its OpenAPI operation id;
            # the payload's type is the request body ninja reads and documents.
            view.__name__ = view.__qualname__ = name
            view.__annotations__["payload"] = payload_type
            router.post(f"{path}/{action}", response=_ACTION_RESPONSES, summary=summary)(view)
        return handle

    return mount


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
    conversation = services.live_conversation_start(
        user=signed_in_user(request),
        event=_owned_or_none(Event, request, payload.event_id),
        person=_owned_or_none(Person, request, payload.person_id),
        new_person_name=payload.name or "",
        idempotency_key=payload.client_id or payload.idempotency_key,
    )
    return Status(201, _conversation(request, conversation.pk))


@_on_both_routes(
    "capture",
    CaptureIn,
    names=("conversation_capture", "client_conversation_capture"),
    summaries=(
        "Add what you learned about one facet; it merges into the person's story",
        "Capture for a conversation named by the id the phone made (started offline)",
    ),
)
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


@_on_both_routes(
    "signs",
    SignIn,
    names=("conversation_sign", "client_conversation_sign"),
    summaries=(
        "Log a warning sign; the answer carries an exit line and the next person to meet",
        "Log a warning sign in a conversation named by the id the phone made",
    ),
)
def _sign(request: HttpRequest, conversation: Conversation, payload: SignIn) -> dict[str, Any]:
    applied = services.live_sign_add(
        conversation=conversation, sign=payload.sign, idempotency_key=payload.idempotency_key
    )
    return _result(request, conversation.pk, applied)


@router.get(
    "/conversations/{int:conversation_id}/exit-prompt",
    response={200: ExitPromptOut, 404: ErrorOut},
    summary="Whether to wrap up now, with a polite exit line and who to meet next",
)
def conversation_exit_prompt(
    request: HttpRequest, conversation_id: int = ConversationId
) -> dict[str, Any]:
    return _prompt(request, _conversation(request, conversation_id))


@_on_both_routes(
    "end",
    EndIn,
    names=("conversation_finish", "client_conversation_end"),
    summaries=(
        "End the conversation: the outcome is suggested when not given; optional one-line follow-up",
        "End a conversation named by the id the phone made",
    ),
)
def _end(request: HttpRequest, conversation: Conversation, payload: EndIn) -> dict[str, Any]:
    applied = services.live_conversation_end(
        conversation=conversation,
        outcome=payload.outcome,
        followup=payload.followup,
        followup_due=payload.followup_due,
        idempotency_key=payload.idempotency_key,
    )
    return _result(request, conversation.pk, applied)


@router.get(
    "/live/events/{int:event_id}/review",
    response={200: EventReviewOut, 404: ErrorOut},
    summary="After the event: its conversations with what is missing, and how it went against the goal",
)
def event_review_get(request: HttpRequest, event_id: int = EventId) -> dict[str, Any]:
    event = get_owned_or_404(Event, request.user, event_id)
    review = event_review(event=event)
    counts = ("new_people", "connected", "cards_only", "cut_short", "ongoing")
    return {
        "event_id": event.pk,
        "goal_new_connections": review.goal,
        **{name: getattr(review, name) for name in counts},
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
