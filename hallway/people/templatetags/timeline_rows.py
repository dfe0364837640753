"""A person's timeline entries (conversations and notes), and the form above them, built in
Python.

Through the template engine each entry cost ~0.15 ms (a dozen variables, two dates, filters,
three URLs): the busiest people's pages were mostly their timeline. The text is what
people/partials/timeline.html wrote for the same entries, byte for byte (tested): its dates
as the `date` filter writes "j M Y, H:i" (the month's name in the active language), its line
breaks as `linebreaksbr`, its labels as `join`, each escaped as autoescaping does.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape
from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import SafeString

from hallway.lib.html_text import Days, csrf_input, with_breaks
from hallway.lib.web import id_urls, reverse_with_id

register = template.Library()

_CONVERSATION = (
    '\n  \n  <li class="timeline-conversation"><strong><a href="{href}">Conversation</a></strong> '
    '<span class="muted small">{when}{event} · {outcome}</span>\n    {learned}\n    {notes}\n'
    "    {signs}\n  </li>\n  \n"
)
_NOTE = (
    '\n  \n  <li class="timeline-note"><strong>Note</strong> <span class="muted small">{when}'
    "</span>\n    <div>{text}</div>\n"
    '    <form method="post" action="{href}" hx-post="{href}" hx-target="#timeline-block" '
    'hx-swap="outerHTML" hx-confirm="Delete this note?" class="no-print">{csrf}'
    '<button type="submit" class="link small">Delete note</button></form>\n  </li>\n  \n'
)


@register.simple_tag(takes_context=True)
def timeline_items(context: Any, timeline: Iterable[dict[str, Any]]) -> SafeString:
    csrf: str | None = None  # written as {% csrf_token %} writes it, read at the first note
    conversation_url = id_urls("conversations:detail")
    event_url = id_urls("events:detail")
    note_delete_url = id_urls("people:note_delete")
    days = Days()
    out = []
    for item in timeline:
        entry = item["object"]
        if item["kind"] == "conversation":
            event = entry.event
            out.append(
                _CONVERSATION.format(
                    href=_escape(conversation_url(entry.pk)),
                    when=days.moment(entry.started_at),
                    event=(
                        f' at <a href="{_escape(event_url(event.pk))}">{_escape(event.name)}</a>'
                        if event
                        else ""
                    ),
                    outcome=_escape(entry.outcome_label),
                    learned=(
                        '<ul class="small">'
                        + "".join(
                            f"<li><em>{_escape(str(facet))}</em>: {_escape(str(text))}</li>"
                            for facet, text in entry.learned.items()
                        )
                        + "</ul>"
                        if entry.learned
                        else ""
                    ),
                    notes=(
                        f'<div class="small">{with_breaks(entry.notes)}</div>'
                        if entry.notes
                        else ""
                    ),
                    signs=(
                        '<div class="small sign">Signs: '
                        f"{', '.join(_escape(label) for label in entry.warning_sign_labels)}</div>"
                        if entry.warning_signs
                        else ""
                    ),
                )
            )
        else:
            if csrf is None:
                csrf = csrf_input(context.get("csrf_token"))
            out.append(
                _NOTE.format(
                    when=days.day(entry.date),
                    text=with_breaks(entry.text),
                    href=_escape(note_delete_url(entry.pk)),
                    csrf=csrf,
                )
            )
    return SafeString("".join(out))


@register.simple_tag(takes_context=True)
def note_form(context: Any, form: Any, person: Any) -> SafeString:
    """The "Add a note" form: what the timeline template wrote for it (its values and errors
    written as `{{ … }}` writes them; ~0.15 ms of the person page through the engine)."""

    def shown(value: Any) -> str:
        return "" if value is None else render_value_in_context(value, context)

    def errors(messages: Any) -> str:
        return "".join(f'<p class="errorlist">{shown(error)}</p>' for error in messages)

    action = _escape(reverse_with_id("people:note_add", person.pk))
    return SafeString(
        f'<form method="post" action="{action}" hx-post="{action}" hx-target="#timeline-block" '
        f'hx-swap="outerHTML" class="no-print">{csrf_input(context.get("csrf_token"))}\n'
        f"  {errors(form.non_field_errors())}\n"
        '  <label for="id_note_text">Add a note</label>\n'
        '  <textarea name="text" id="id_note_text" rows="2" maxlength="10000" '
        f'placeholder="What did you learn or remember?">{shown(form["text"].value())}</textarea>\n'
        f"  {errors(form['text'].errors)}\n"
        '  <div class="row"><input type="date" name="date" aria-label="Date of the note" '
        f'style="max-width:12rem" value="{shown(form["date"].value())}">\n'
        f"  {errors(form['date'].errors)}\n"
        '  <button type="submit">Add note</button></div>\n'
        "</form>"
    )
