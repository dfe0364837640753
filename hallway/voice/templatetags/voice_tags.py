"""{% voice_recorder %}: the record button other screens (live conversation, person, home) include."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from hallway.voice import transcription
from hallway.voice.selectors import conversation_just_ended, voice_notes_waiting_count

register = template.Library()


def recorder_context(
    *,
    person: Any = None,
    conversation: Any = None,
    heading: str = "",
    hint: str = "",
    stay: bool = False,
    lazy: bool = False,
) -> dict[str, Any]:
    seconds = int(settings.VOICE_MAX_SECONDS)
    return {
        "person": person,
        "conversation": conversation,
        "heading": heading,
        "stay": stay,
        "lazy": lazy,
        "hint": hint,
        "max_seconds": seconds,
        "max_label": f"{seconds // 60}:{seconds % 60:02d}",
        "unavailable": transcription.unavailable_reason(),
        "slot": f"{getattr(conversation, 'pk', '')}-{getattr(person, 'pk', '')}",
    }


@register.inclusion_tag("voice/partials/recorder.html", takes_context=True)
def voice_recorder(
    context: Any,
    person: Any = None,
    conversation: Any = None,
    heading: str = "",
    hint: str = "",
    stay: bool = False,
    lazy: bool = False,
) -> dict[str, Any]:
    """`stay`: keep the page (a live conversation going on) instead of opening the proposal;
    `lazy`: load the recorder's code on the first tap (the live screens' weight budget)."""
    request = context.get("request")
    waiting = voice_notes_waiting_count(user=request.user) if request is not None else 0
    return {
        **recorder_context(
            person=person,
            conversation=conversation,
            heading=heading,
            hint=hint,
            stay=stay,
            lazy=lazy,
        ),
        "waiting": waiting,
    }


@register.inclusion_tag("voice/partials/after_end.html", takes_context=True)
def voice_after_end(context: Any, event: Any) -> dict[str, Any]:
    """On the event screen right after "End conversation": record what you just heard."""
    request = context.get("request")
    user = getattr(request, "user", None)
    conversation = conversation_just_ended(user=user, event=event) if user else None
    if conversation is None:
        return {"conversation": None}
    return recorder_context(
        person=conversation.person,
        conversation=conversation,
        heading=f"Just talked to {conversation.person.name}?",
        hint="Record a memo while it is fresh: what they do, where they are from, what they "
        "love, what drives them, what you promised.",
        lazy=True,
    )
