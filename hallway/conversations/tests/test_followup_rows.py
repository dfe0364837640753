"""A follow-up's row, built in Python, is what its template wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from hallway.conversations.models import FollowUp

pytestmark = pytest.mark.django_db

# conversations/partials/followup.html before {% followup_item %} took it over.
_TEMPLATE = """<form method="post" action="{% url 'conversations:followup_toggle' followup.pk %}" hx-post="{% url 'conversations:followup_toggle' followup.pk %}" hx-target="this" hx-swap="outerHTML" class="choice followup{% if followup.done %} done{% endif %}" data-followup="{{ followup.pk }}">{% csrf_token %}
  <button type="submit" class="{% if followup.done %}secondary{% endif %}" aria-pressed="{{ followup.done|yesno:'true,false' }}" aria-label="{% if followup.done %}Mark “{{ followup.text }}” as not done{% else %}Mark “{{ followup.text }}” as done{% endif %}">{% if followup.done %}✓ Done{% else %}Done?{% endif %}</button>
  <span {% if followup.done %}style="text-decoration:line-through" class="muted"{% endif %}>{{ followup.text }}{% if followup.due %} <span class="small muted">due {{ followup.due|date:"j M Y" }}</span>{% endif %}</span>
</form>
"""  # noqa: E501 - the template's lines as they were


@pytest.mark.parametrize("done", [False, True])
@pytest.mark.parametrize("due", [None, dt.date(2026, 3, 9)])
@pytest.mark.parametrize("language", ["en-us", "de"])
def test_the_row_is_what_the_template_wrote(
    owner: Any, person: Any, done: bool, due: Any, language: str
) -> None:
    followup = FollowUp.objects.create(
        owner=owner, person=person, text='Send the "deck" <v2> & notes', done=done, due=due
    )
    context = {"followup": followup, "csrf_token": 'to"k<en>'}
    with translation.override(language):
        expected = Template(_TEMPLATE).render(Context(context))
        assert render_to_string("conversations/partials/followup.html", context) == expected
    assert "&quot;deck&quot; &lt;v2&gt; &amp; notes" in expected
    assert ("due 9 M" in expected) == (due is not None)


@pytest.mark.parametrize(
    ("tag", "loop"),
    [
        (
            "{% followup_items followups %}",
            '{% for followup in followups %}<li>{% include "conversations/partials/followup.html" %}'
            "</li>{% endfor %}",
        ),
        (
            "{% followup_items followups ids=True %}",
            '{% for followup in followups %}<li id="followup-{{ followup.pk }}">'
            '{% include "conversations/partials/followup.html" %}</li>{% endfor %}',
        ),
    ],
)
def test_a_list_of_rows_is_what_the_loops_wrote(
    owner: Any, person: Any, tag: str, loop: str
) -> None:
    # The loops of conversations/partials/followups.html and people/detail.html before
    # {% followup_items %} took them over.
    for index, done in enumerate([False, True, False]):
        FollowUp.objects.create(
            owner=owner, person=person, text=f"<call> {index}", done=done, due=dt.date(2026, 3, 9)
        )
    context = Context({"followups": FollowUp.objects.order_by("id"), "csrf_token": "tok"})
    got = Template("{% load followup_rows %}" + tag).render(context)
    assert got == Template(loop).render(context)
    assert got.count("<li") == 3 and "&lt;call&gt; 2" in got
