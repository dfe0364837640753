"""Follow-up rows of the Due page (and of the briefing and the htmx answer), built in Python.

The Due page shows up to 200 follow-ups; through the template engine each row (three URLs,
a CSRF field, a date, a "late" duration, a dozen variables resolved and escaped) was most of
the page. format_html gives the same HTML for a fraction of it, and reverse() runs once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import timesince_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from hallway.conversations.models import FollowUp
from hallway.lib.html_text import csrf_input
from hallway.lib.web import id_urls

register = template.Library()

_ITEM = (
    '<div class="due-item{done_class}" id="due-{pk}">\n'
    '  <form method="post" action="{action}" hx-post="{action}" hx-target="#due-{pk}" '
    'hx-swap="outerHTML">{csrf}\n'
    '    <input type="hidden" name="done" value="{done_value}">\n'
    '    <button type="submit" class="{button_class}" aria-pressed="{pressed}" '
    'aria-label="{label}">{button}</button>\n'
    "  </form>\n"
    '  <div class="what">\n'
    '    <span class="text">{text}</span>\n'
    '    <div class="small muted">\n'
    '      <a href="{briefing}">{person}</a>\n'
    "      {due}\n"
    "      {done_note}\n"
    "    </div>\n"
    "  </div>\n"
    "</div>"
)


class _Urls:
    """The page's two URLs, each worked out once (hallway.lib.web.id_urls)."""

    def __init__(self) -> None:
        self.done = id_urls("recall:followup_done")
        self.briefing = id_urls("recall:person_briefing")


def _csrf_field(context: template.Context) -> SafeString:
    return mark_safe(csrf_input(context.get("csrf_token")))  # noqa: S308 - escaped


def _item(followup: FollowUp, today: Any, csrf: SafeString, urls: _Urls) -> SafeString:
    done = followup.done
    due: SafeString | str = ""
    if followup.due:
        late: SafeString | str = ""
        if not done and isinstance(today, dt.date) and followup.due < today:
            late = format_html(
                ' <span class="overdue-days">({} late)</span>',
                timesince_filter(followup.due, today),
            )
        due = format_html(" · due {}{}", date_filter(followup.due, "D j M Y"), late)
    text = followup.text
    return format_html(
        _ITEM,
        done_class=" done" if done else "",
        pk=followup.pk,
        action=urls.done(followup.pk),
        csrf=csrf,
        done_value="0" if done else "1",
        button_class="secondary" if done else "",
        pressed="true" if done else "false",
        label=f"Undo “{text}”" if done else f"Mark “{text}” as done",
        button="Undo" if done else "Done",
        text=text,
        briefing=urls.briefing(followup.person_id),
        person=followup.person.name,
        due=due,
        done_note=mark_safe(" · <strong>done</strong>") if done else "",  # noqa: S308 - a constant
    )


@register.simple_tag(takes_context=True)
def due_item(context: template.Context, followup: FollowUp) -> SafeString:
    """One follow-up: its Done/Undo button, text, person, due date and how late it is."""
    return _item(followup, context.get("today"), _csrf_field(context), _Urls())


@register.simple_tag(takes_context=True)
def due_items(context: template.Context, followups: Iterable[FollowUp]) -> SafeString:
    """One <li> per follow-up, as due_item."""
    csrf, urls, today = _csrf_field(context), _Urls(), context.get("today")
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(f"<li>{_item(followup, today, csrf, urls)}\n</li>" for followup in followups)
    )
