"""{% voice_recorder %}: the record button other screens (live conversation, person, home) include."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString

from hallway.lib.fragments import Fragment, hole
from hallway.lib.web import reverse_fixed
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


# The recorder is the same on every page but for a few values (hallway.lib.fragments): its
# template, a dozen URLs and static files, was ~1.4 ms of the person page.
_RECORDER = Fragment("voice/partials/recorder.html")


@register.simple_tag(takes_context=True)
def voice_recorder(
    context: Any,
    person: Any = None,
    conversation: Any = None,
    heading: str = "",
    hint: str = "",
    stay: bool = False,
    lazy: bool = False,
) -> SafeString:
    """`stay`: keep the page (a live conversation going on) instead of opening the proposal;
    `lazy`: load the recorder's code on the first tap (the live screens' weight budget).

    What the template would write with recorder_context(…), the waiting count and the page's
    CSRF token."""
    request = context.get("request")
    waiting = voice_notes_waiting_count(user=request.user) if request is not None else 0
    csrf_token = context.get("csrf_token")
    own = recorder_context(
        person=person, conversation=conversation, heading=heading, hint=hint, stay=stay, lazy=lazy
    )
    values = {
        "person_pk": getattr(person, "pk", ""),
        "conversation_pk": getattr(conversation, "pk", ""),
        "slot": own["slot"],
        "waiting": waiting,
        "csrf_token": csrf_token,
    }
    key = (
        person is not None,
        conversation is not None,
        heading,
        hint,
        stay,
        lazy,
        own["max_seconds"],
        own["unavailable"],
        min(waiting, 2),  # none, one, several: what the template writes differs
        csrf_token is not None,
        reverse_fixed("voice:upload"),
        static("voice/record.js"),
    )

    def fixed() -> dict[str, Any]:
        return {
            **own,
            "person": SimpleNamespace(pk=hole("person_pk")) if person is not None else None,
            "conversation": (
                SimpleNamespace(pk=hole("conversation_pk")) if conversation is not None else None
            ),
            "slot": hole("slot"),
            "waiting": hole("waiting") if waiting else 0,
            "several_waiting": waiting != 1,
            "csrf_token": hole("csrf_token") if csrf_token is not None else None,
        }

    return _RECORDER.render(key, fixed, values)


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
