"""A person's timeline entries, built in Python, are what the template wrote for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.people.models import Note
from hallway.people.timeline import person_timeline

pytestmark = pytest.mark.django_db

# The loop people/partials/timeline.html had before {% timeline_items %} took it over.
_TEMPLATE_LOOP = """{% for item in timeline %}
  {% if item.kind == "conversation" %}{% with conversation=item.object %}
  <li class="timeline-conversation"><strong><a href="{{ conversation.get_absolute_url }}">Conversation</a></strong> <span class="muted small">{{ conversation.started_at|date:"j M Y, H:i" }}{% if conversation.event %} at <a href="{{ conversation.event.get_absolute_url }}">{{ conversation.event.name }}</a>{% endif %} · {{ conversation.outcome_label }}</span>
    {% if conversation.learned %}<ul class="small">{% for facet, text in conversation.learned.items %}<li><em>{{ facet }}</em>: {{ text }}</li>{% endfor %}</ul>{% endif %}
    {% if conversation.notes %}<div class="small">{{ conversation.notes|linebreaksbr }}</div>{% endif %}
    {% if conversation.warning_signs %}<div class="small sign">Signs: {{ conversation.warning_sign_labels|join:", " }}</div>{% endif %}
  </li>{% endwith %}
  {% else %}{% with note=item.object %}
  <li class="timeline-note"><strong>Note</strong> <span class="muted small">{{ note.date|date:"j M Y" }}</span>
    <div>{{ note.text|linebreaksbr }}</div>
    <form method="post" action="{% url 'people:note_delete' note.pk %}" hx-post="{% url 'people:note_delete' note.pk %}" hx-target="#timeline-block" hx-swap="outerHTML" hx-confirm="Delete this note?" class="no-print">{% csrf_token %}<button type="submit" class="link small">Delete note</button></form>
  </li>{% endwith %}
  {% endif %}
{% endfor %}"""  # noqa: E501 - the template's lines as they were


@pytest.fixture
def timeline(owner: Any, person: Any) -> list[dict[str, Any]]:
    event = Event.objects.create(
        owner=owner, name='Summit "26" <Ohio> & co', starts_at=timezone.now()
    )
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # another day in New York
    Conversation.objects.create(
        owner=owner,
        person=person,
        event=event,
        started_at=late,
        outcome="connected",
        learned={"passions": "Sailing <Lake Erie> & 'chess'", "work": "CIO"},
        notes="First line\nsecond <b>line</b>\n\nthird\r\nfourth\rfifth",
        warning_signs=["wandering_eyes", "not_a_known_sign", "checking_phone"],
    )
    Conversation.objects.create(owner=owner, person=person, started_at=late - dt.timedelta(days=3))
    Note.objects.create(
        owner=owner, person=person, text="Send the <deck>\n& call", date=late.date()
    )
    Note.objects.create(owner=owner, person=person, text="plain", date=dt.date(2025, 12, 24))
    return person_timeline(person=person)


@pytest.mark.filterwarnings("ignore:Calling format_html")  # Django's {% csrf_token %}
@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("csrf_token", ['to"k<en>', "NOTPROVIDED", None])
@pytest.mark.parametrize("language", ["en-us", "de"])
def test_the_entries_are_what_the_template_wrote(
    timeline: list[dict[str, Any]], zone: str, csrf_token: Any, language: str
) -> None:
    assert len(timeline) == 4
    context = {"timeline": timeline} | ({"csrf_token": csrf_token} if csrf_token else {})
    with timezone.override(zone), translation.override(language):
        expected = Template(_TEMPLATE_LOOP).render(Context(context))
        got = Template("{% load timeline_rows %}{% timeline_items timeline %}").render(
            Context(context)
        )
    assert got == expected
    assert "Sailing &lt;Lake Erie&gt; &amp; &#x27;chess&#x27;" in got
    assert "second &lt;b&gt;line&lt;/b&gt;<br><br>third" in got
    assert "third<br>fourth<br>fifth" in got
    month = "Mär" if language == "de" else "Mar"
    assert (f"2 {month} 2026, 05:00" in got) == (zone == "Asia/Kolkata")


# The form people/partials/timeline.html had before {% note_form %} took it over.
_NOTE_FORM = """<form method="post" action="{% url 'people:note_add' person.pk %}" hx-post="{% url 'people:note_add' person.pk %}" hx-target="#timeline-block" hx-swap="outerHTML" class="no-print">{% csrf_token %}
  {% for error in note_form.non_field_errors %}<p class="errorlist">{{ error }}</p>{% endfor %}
  <label for="id_note_text">Add a note</label>
  <textarea name="text" id="id_note_text" rows="2" maxlength="10000" placeholder="What did you learn or remember?">{{ note_form.text.value|default_if_none:"" }}</textarea>
  {% for error in note_form.text.errors %}<p class="errorlist">{{ error }}</p>{% endfor %}
  <div class="row"><input type="date" name="date" aria-label="Date of the note" style="max-width:12rem" value="{{ note_form.date.value|default_if_none:'' }}">
  {% for error in note_form.date.errors %}<p class="errorlist">{{ error }}</p>{% endfor %}
  <button type="submit">Add note</button></div>
</form>"""  # noqa: E501 - the template's lines as they were


@pytest.mark.filterwarnings("ignore:Calling format_html")  # Django's {% csrf_token %}
@pytest.mark.parametrize("csrf_token", ['to"k<en>', None])
@pytest.mark.parametrize("language", ["en-us", "de"])
def test_the_note_form_is_what_the_template_wrote(
    person: Any, csrf_token: Any, language: str
) -> None:
    from hallway.people.forms import NoteForm

    refused = NoteForm({"text": "", "date": "2026-13-45"})
    with_errors = NoteForm({"text": 'Send the <deck> & "call"', "date": "2026-03-01"})
    with_errors.is_valid()
    with_errors.add_error(None, "Something <went> wrong & twice")
    forms = [NoteForm(), NoteForm({"text": "plain", "date": ""}), refused, with_errors]
    for form in forms:
        context = {"note_form": form, "person": person}
        context |= {"csrf_token": csrf_token} if csrf_token else {}
        with translation.override(language):
            expected = Template(_NOTE_FORM).render(Context(context))
            got = Template("{% load timeline_rows %}{% note_form note_form person %}").render(
                Context(context)
            )
        assert got == expected
    assert "errorlist" in expected and "&lt;went&gt;" in expected and "&lt;deck&gt;" in expected
