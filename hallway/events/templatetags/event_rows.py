"""The events list's rows, built in Python (as the people list's: people_rows.py).

Thirty rows through the template engine (each variable resolved, localized and escaped, each
date through Django's formatter) were most of the events page: 4.8 ms of 6.9 in process at
10,000 people (bench/page_profile.py --templates).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString

from hallway.events.models import Event
from hallway.lib.moments import moment_writer
from hallway.lib.web import id_urls

register = template.Library()


@register.simple_tag
def event_rows(events: Iterable[Event]) -> SafeString:
    """One <li> per event: its name (a link), when it starts, where, the goal it set."""
    detail_url = id_urls("events:detail")
    when = moment_writer()
    rows = []
    for event in events:
        details = when(event.starts_at)
        if event.location:
            details += f" · {event.location}"
        if event.goal_new_connections:
            details += f" · goal {event.goal_new_connections} new connections"
        rows.append(
            f'  <li><a href="{escape(detail_url(event.pk))}"><strong>{escape(event.name)}'
            f'</strong></a><br>\n  <span class="muted small">{escape(details)}</span></li>\n'
        )
    return SafeString("".join(rows))
