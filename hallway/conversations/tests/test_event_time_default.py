"""A conversation logged "at an event" without a time happened at that event, not "now"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from typer.testing import CliRunner

from hallway.cli import app
from hallway.conversations.models import Conversation
from hallway.conversations.services import conversation_log
from hallway.events.services import event_create

NOW = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)
LAST_WEEK = dt.datetime(2026, 6, 3, 18, 30, tzinfo=dt.UTC)


@pytest.fixture
def past_event(owner: Any) -> Any:
    return event_create(
        owner=owner,
        name="Old Dinner",
        starts_at=LAST_WEEK,
        ends_at=LAST_WEEK + dt.timedelta(hours=3),
    )


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_conversation_at_a_past_event_happened_at_the_event(owner, person, past_event):
    conversation = conversation_log(owner=owner, person=person, event=past_event)
    assert conversation.started_at == LAST_WEEK
    person.refresh_from_db()
    assert person.last_contact_at == LAST_WEEK


def test_a_conversation_at_an_event_that_is_on_now_happened_now(owner, person):
    today = event_create(owner=owner, name="Summit", starts_at=NOW - dt.timedelta(hours=2))
    assert conversation_log(owner=owner, person=person, event=today).started_at == NOW


def test_a_conversation_without_an_event_happened_now(owner, person):
    assert conversation_log(owner=owner, person=person).started_at == NOW


def test_an_explicit_time_wins_over_the_event(owner, person, past_event):
    when = LAST_WEEK + dt.timedelta(minutes=45)
    conversation = conversation_log(owner=owner, person=person, event=past_event, started_at=when)
    assert conversation.started_at == when


def test_the_log_form_from_a_past_event_is_prefilled_with_the_event_time(
    owner_client, person, past_event
):
    response = owner_client.get(reverse("conversations:create"), {"event": past_event.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["started_at"] == LAST_WEEK
    assert 'value="2026-06-03T18:30"' in response.content.decode()


def test_the_log_form_without_an_event_is_prefilled_with_now(owner_client, person):
    response = owner_client.get(reverse("conversations:create"))
    assert response.context["form"].initial["started_at"] == NOW


def test_someone_elses_event_does_not_set_the_time(outsider_client, past_event):
    response = outsider_client.get(reverse("conversations:create"), {"event": past_event.pk})
    assert response.context["form"].initial["started_at"] == NOW


def test_the_api_logs_a_conversation_at_a_past_event_at_the_event_time(
    owner_api, person, past_event
):
    response = owner_api.post(
        "/api/v1/conversations", {"person_id": person.pk, "event_id": past_event.pk}
    )
    assert response.status_code == 201, response.content
    assert response.json()["started_at"] == "2026-06-03T18:30:00Z"


def test_cli_log_with_a_past_event_records_the_event_time(owner, person, past_event):
    result = CliRunner().invoke(app, ["log", "Jane Doe", "--event", "Old Dinner"])
    assert result.exit_code == 0, result.output
    assert Conversation.objects.get().started_at == LAST_WEEK
