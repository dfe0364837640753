"""One follow-up with its Done button (the person page, the follow-up lists, the toggle's htmx
answer), built in Python: through the template engine each was ~0.15 ms (two URLs, a CSRF
field, a date, a dozen variables). The text is what conversations/partials/followup.html
wrote, byte for byte (tested)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString

from hallway.conversations.models import FollowUp
from hallway.lib.html_text import Days, csrf_input
from hallway.lib.web import id_urls

register = template.Library()

_FOLLOWUP = (
    '<form method="post" action="{action}" hx-post="{action}" hx-target="this" '
    'hx-swap="outerHTML" class="choice followup{done_class}" data-followup="{pk}">{csrf}\n'
    '  <button type="submit" class="{button_class}" aria-pressed="{pressed}" '
    'aria-label="Mark “{text}” as {state}">{button}</button>\n'
    "  <span {struck}>{text}{due}</span>\n"
    "</form>"
)


@register.simple_tag(takes_context=True)
def followup_item(context: Any, followup: FollowUp) -> SafeString:
    return SafeString(_Rows(context).row(followup))


@register.simple_tag(takes_context=True)
def followup_items(context: Any, followups: Iterable[FollowUp], ids: bool = False) -> SafeString:
    """Each follow-up in its `<li>` (with `ids`, the person page's `<li id="followup-…">`), as
    the lists' loops wrote them around conversations/partials/followup.html."""
    rows = _Rows(context)
    opening = '<li id="followup-{}">' if ids else "<li>"
    return SafeString(
        "".join(
            f"{opening.format(followup.pk)}{rows.row(followup)}\n</li>" for followup in followups
        )
    )


class _Rows:
    """What the rows of one page share: the CSRF field, the toggle's URL, the month names."""

    def __init__(self, context: Any) -> None:
        self.csrf = csrf_input(context.get("csrf_token"))
        self.action = id_urls("conversations:followup_toggle")
        self.days = Days()

    def row(self, followup: FollowUp) -> str:
        done = followup.done
        due = (
            f' <span class="small muted">due {self.days.day(followup.due)}</span>'
            if followup.due
            else ""
        )
        return _FOLLOWUP.format(
            action=escape(self.action(followup.pk)),
            done_class=" done" if done else "",
            pk=followup.pk,
            csrf=self.csrf,
            button_class="secondary" if done else "",
            pressed="true" if done else "false",
            text=escape(followup.text),
            state="not done" if done else "done",
            button="✓ Done" if done else "Done?",
            struck='style="text-decoration:line-through" class="muted"' if done else "",
            due=due,
        )
