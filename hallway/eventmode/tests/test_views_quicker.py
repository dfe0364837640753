"""Faster capture: one tap to the next person, a question before checking in early, and
"+ Person" / "+ Conversation" on the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.events.services import event_create


def test_end_and_talk_to_the_next_person_in_one_tap(
    owner_client: Client, conversation: Any, wanted: Any
) -> None:
    response = owner_client.post(
        f"/live/conversations/{conversation.pk}/end/",
        {"outcome": "connected", "next_person_id": wanted.pk},
        HTTP_HX_REQUEST="true",
    )
    conversation.refresh_from_db()
    assert conversation.outcome == "connected"
    started = Conversation.objects.get(person=wanted)
    assert started.event == conversation.event and started.is_open
    assert response["HX-Redirect"] == f"/live/conversations/{started.pk}/"


def test_nobody_else_is_started_through_the_next_person(
    owner_client: Client, conversation: Any, teammate: Any
) -> None:
    from hallway.people.services import person_create

    theirs = person_create(owner=teammate, name="Not yours")
    response = owner_client.post(
        f"/live/conversations/{conversation.pk}/end/", {"next_person_id": theirs.pk}
    )
    assert response.status_code == 404
    assert not Conversation.objects.filter(person=theirs).exists()


def test_the_exit_prompt_offers_the_next_person_in_one_tap(
    owner_client: Client, conversation: Any, wanted: Any
) -> None:
    html = owner_client.get(f"/live/conversations/{conversation.pk}/").content.decode()
    assert f'form="end-form" name="next_person_id" value="{wanted.pk}"' in html
    assert "End and talk to Aaron Wanted now" in html


def test_checking_in_to_an_event_that_has_not_started_asks_first(
    owner_client: Client, owner: Any
) -> None:
    event_create(owner=owner, name="Later today", starts_at=timezone.now() + dt.timedelta(hours=2))
    event_create(owner=owner, name="On now", starts_at=timezone.now() - dt.timedelta(hours=1))
    html = owner_client.get("/live/").content.decode()
    assert html.count("data-confirm=") >= 1
    assert 'data-confirm="Later today starts' in html and "On now starts" not in html


def test_home_has_person_and_conversation_one_tap_away(owner_client: Client) -> None:
    html = owner_client.get("/").content.decode()
    actions = html.split('id="quick-actions"')[1].split("</div>")[0]
    assert 'href="/people/new/">+ Person<' in actions
    assert 'href="/conversations/new/">+ Conversation<' in actions
