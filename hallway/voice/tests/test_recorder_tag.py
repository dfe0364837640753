"""{% voice_recorder %} is rendered once per kind of page (hallway.lib.fragments) and filled in
with each page's values: the same HTML as rendering its template with those values."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory, override_settings

from hallway.voice import services
from hallway.voice.templatetags.voice_tags import recorder_context

pytestmark = pytest.mark.django_db

CALLS = [
    ("", {}),
    ('person=person heading="Add to the story by voice"', {"person": True}),
    (
        'person=person conversation=conversation heading="Voice memo" hint="Busy?" stay=True '
        "lazy=True",
        {"person": True, "conversation": True, "hint": "Busy?"},
    ),
    ("person=person conversation=conversation lazy=True", {"person": True, "conversation": True}),
]


def _tag(arguments: str, context: dict[str, Any]) -> str:
    return Template("{% load voice_tags %}{% voice_recorder " + arguments + " %}").render(
        Context(context)
    )


def _template(own: dict[str, Any], waiting: int, csrf_token: Any) -> str:
    values = {**own, "waiting": waiting, "several_waiting": waiting != 1}
    if csrf_token is not None:
        values["csrf_token"] = csrf_token
    return get_template("voice/partials/recorder.html").render(values)


@pytest.mark.parametrize(("arguments", "kinds"), CALLS)
@pytest.mark.parametrize("waiting", [0, 1, 3])
def test_the_recorder_is_what_its_template_writes(
    owner: Any, person: Any, arguments: str, kinds: dict[str, Any], waiting: int
) -> None:
    for _ in range(waiting):
        services.voice_note_from_text(owner=owner, person=person, text="Loves sailing.")
    request = RequestFactory().get("/")
    request.user = owner
    for pk, csrf_token in [(person.pk, 'tok"en<1>'), (person.pk + 7, "other"), (person.pk, None)]:
        someone = SimpleNamespace(pk=pk)
        talk = SimpleNamespace(pk=pk * 10)
        context = {"request": request, "person": someone, "conversation": talk}
        if csrf_token is not None:
            context["csrf_token"] = csrf_token
        own = recorder_context(
            person=someone if kinds.get("person") else None,
            conversation=talk if kinds.get("conversation") else None,
            heading=arguments.split('heading="')[1].split('"')[0]
            if "heading=" in arguments
            else "",
            hint=kinds.get("hint", ""),
            stay="stay=True" in arguments,
            lazy="lazy=True" in arguments,
        )
        expected = _template(own, waiting, csrf_token)
        got = _tag(arguments, context)
        assert got == expected
        if kinds.get("person"):
            assert f'data-person-id="{pk}"' in got
        if csrf_token is not None:
            assert "tok&quot;en&lt;1&gt;" in got or csrf_token == "other"
        if waiting:
            plural = "s" if waiting > 1 else ""
            assert f"{waiting} voice note{plural} to review" in got
        else:
            assert "to review" not in got


def test_a_changed_setting_is_not_served_from_an_earlier_render(owner: Any) -> None:
    request = RequestFactory().get("/")
    request.user = owner
    with override_settings(VOICE_MAX_SECONDS=90):
        got = _tag("", {"request": request})
        assert 'data-max-seconds="90"' in got and "1:30" in got
    assert 'data-max-seconds="90"' not in _tag("", {"request": request})
