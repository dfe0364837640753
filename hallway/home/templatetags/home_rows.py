"""The home page's three short lists, built in Python (as the people list's rows).

Five recent conversations and five follow-ups due through the template engine cost ~0.6 ms of
the home page (each variable resolved, localized and escaped; measured per node): the page
every session starts on.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib.moments import date_writer
from hallway.lib.web import id_urls

register = template.Library()


@register.simple_tag
def upcoming_event_rows(events: Iterable[Event]) -> SafeString:
    url, when = id_urls("events:detail"), date_writer()
    return SafeString(
        "".join(
            f'<li><a href="{escape(url(event.pk))}">{escape(event.name)}</a> '
            f'<span class="muted small">{escape(when(event.starts_at, "D j M, H:i"))}'
            f"{f' · {escape(event.location)}' if event.location else ''}</span></li>"
            for event in events
        )
    )


@register.simple_tag
def due_followup_rows(followups: Iterable[FollowUp]) -> SafeString:
    url, when = id_urls("people:detail"), date_writer()
    return SafeString(
        "".join(
            f'<li>{escape(followup.text)} — <a href="{escape(url(followup.person_id))}">'
            f"{escape(followup.person.name)}</a> "
            f'<span class="muted small">due {escape(when(followup.due, "D j M Y"))}</span></li>'
            for followup in followups
        )
    )


@register.simple_tag
def recent_conversation_rows(conversations: Iterable[Conversation]) -> SafeString:
    url, when = id_urls("conversations:detail"), date_writer()
    return SafeString(
        "".join(
            f'<li><a href="{escape(url(conversation.pk))}">{escape(conversation.person.name)}</a>'
            f' <span class="muted small">{escape(when(conversation.started_at, "j M Y"))}'
            f"{f' at {escape(conversation.event.name)}' if conversation.event else ''}"
            f" · {escape(conversation.outcome_label)}</span></li>"
            for conversation in conversations
        )
    )
