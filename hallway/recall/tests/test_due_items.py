"""The Due page's rows, built in Python, are the HTML the row template wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template import engines

from hallway.conversations.models import FollowUp
from hallway.people.services import person_create

TODAY = dt.date(2026, 11, 20)
# The row template as it was before the rows were built in Python.
ROW_TEMPLATE = """<div class="due-item{% if followup.done %} done{% endif %}" id="due-{{ followup.pk }}">
  <form method="post" action="{% url 'recall:followup_done' followup.pk %}" hx-post="{% url 'recall:followup_done' followup.pk %}" hx-target="#due-{{ followup.pk }}" hx-swap="outerHTML">{% csrf_token %}
    <input type="hidden" name="done" value="{% if followup.done %}0{% else %}1{% endif %}">
    <button type="submit" class="{% if followup.done %}secondary{% endif %}" aria-pressed="{{ followup.done|yesno:'true,false' }}" aria-label="{% if followup.done %}Undo “{{ followup.text }}”{% else %}Mark “{{ followup.text }}” as done{% endif %}">{% if followup.done %}Undo{% else %}Done{% endif %}</button>
  </form>
  <div class="what">
    <span class="text">{{ followup.text }}</span>
    <div class="small muted">
      <a href="{% url 'recall:person_briefing' followup.person_id %}">{{ followup.person.name }}</a>
      {% if followup.due %} · due {{ followup.due|date:"D j M Y" }}{% if not followup.done and followup.due < today %} <span class="overdue-days">({{ followup.due|timesince:today }} late)</span>{% endif %}{% endif %}
      {% if followup.done %} · <strong>done</strong>{% endif %}
    </div>
  </div>
</div>
"""  # noqa: E501


def test_due_rows_are_the_html_of_the_row_template(owner: Any) -> None:
    person = person_create(owner=owner, name="Ann <Lee> & Co")
    followups = [
        FollowUp.objects.create(owner=owner, person=person, text=text, due=due, done=done)
        for text, due, done in [
            ('Send the "deck" <now>', TODAY - dt.timedelta(days=9), False),
            ("Call back", TODAY, False),
            ("Book lunch", TODAY + dt.timedelta(days=3), False),
            ("Some day", None, False),
            ("Sent it", TODAY - dt.timedelta(days=2), True),
        ]
    ]
    engine = engines["django"]
    before = engine.from_string(
        "{% for followup in items %}<li>" + ROW_TEMPLATE + "</li>{% endfor %}"
    )
    now = engine.from_string("{% load due_items %}{% due_items items %}")
    one = engine.from_string('{% include "recall/partials/due_item.html" %}')
    for context in (
        {"items": followups, "today": TODAY, "csrf_token": "t0ken"},
        {"items": followups},
    ):
        assert now.render(context) == before.render(context)
        for followup in followups:
            row = {**context, "followup": followup}
            assert one.render(row) == engine.from_string(ROW_TEMPLATE).render(row)
    html = now.render({"items": followups, "today": TODAY})
    assert "Mark “Send the &quot;deck&quot; &lt;now&gt;” as done" in html
    assert "(1\xa0week, 2\xa0days late)" in html
