"""{% voice_recorder %}: the record button other screens (live conversation, person, home)
include; {% voice_after_end event %}: the same, on the event screen after "End conversation".
Both write hallway.voice.recorder's HTML."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from hallway.voice.recorder import recorder_html
from hallway.voice.selectors import conversation_just_ended, voice_notes_waiting_count

register = template.Library()


@register.simple_tag(takes_context=True)
def voice_recorder(context: Any, **options: Any) -> SafeString:
    """Options as recorder_html takes them: person, conversation, heading, hint, `stay` (keep
    the page: a live conversation going on) and `lazy` (load the recorder's code on the first
    tap: the live screens' weight budget)."""
    request = context.get("request")
    waiting = voice_notes_waiting_count(user=request.user) if request is not None else 0
    return recorder_html(csrf_token=context.get("csrf_token"), waiting=waiting, **options)


@register.simple_tag(takes_context=True)
def voice_after_end(context: Any, event: Any) -> SafeString | str:
    """On the event screen right after "End conversation": record what you just heard."""
    request = context.get("request")
    user = getattr(request, "user", None)
    conversation = conversation_just_ended(user=user, event=event) if user else None
    if conversation is None:
        return ""
    return recorder_html(
        csrf_token=context.get("csrf_token"),
        person=conversation.person,
        conversation=conversation,
        heading=f"Just talked to {conversation.person.name}?",
        hint="Record a memo while it is fresh: what they do, where they are from, what they "
        "love, what drives them, what you promised.",
        lazy=True,
    )
