"""The command line prints `--json` from the domains' selectors, the API from its schemas: the
same records must come out as the same JSON text from both."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from hallway.api.recall import EventBriefingOut, FollowUpItemOut, PersonBriefingOut, ReconnectOut
from hallway.api.schemas import ConversationOut, EventOut, PersonOut
from hallway.api.search import SearchOut
from hallway.conversations.selectors import conversation_as_dict, records_as_json
from hallway.conversations.services import conversation_log
from hallway.events.selectors import event_as_dict, events_filter
from hallway.people.models import Person
from hallway.people.selectors import person_as_dict
from hallway.people.services import note_add, person_create
from hallway.recall import selectors as recall
from hallway.recall.services import attendees_import
from hallway.search import selectors as search

# Microseconds in the clock, so the time format is compared too.
NOW = dt.datetime(2026, 5, 1, 18, 30, 15, 123456, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _same(schema: Any, payload: Any) -> None:
    expected = schema.model_validate(payload).model_dump(mode="json")
    assert _text(records_as_json(payload)) == _text(expected)


@pytest.fixture
def network(owner: Any, person: Any, event: Any) -> dict[str, Any]:
    with time_machine.travel(NOW, tick=False):
        friend = person_create(owner=owner, name="Sam Lee", story={"passions": "Sailing"})
        Person.objects.filter(pk=friend.pk).update(
            keep_in_touch_days=30, last_contact_at=NOW - dt.timedelta(days=90)
        )
        event.want_to_meet.add(friend)
        attendees_import(event=event, text="Jane Doe\nNew Face <new@face.example>")
        note_add(person=person, text="Training for the Boston marathon", date=NOW.date())
        conversation = conversation_log(
            owner=owner,
            person=person,
            event=event,
            started_at=NOW - dt.timedelta(hours=1),
            learned={"passions": "Marathons"},
            warning_signs=["wandering_eyes"],
            outcome="connected",
            notes="Talked about running",
            followups=[{"text": "Send the training plan", "due": NOW.date()}],
        )
        upcoming = event.__class__.objects.create(
            owner=owner, name="CIO Summit 2027", starts_at=NOW + dt.timedelta(days=60)
        )
        upcoming.want_to_meet.add(person)
    return {"person": person, "event": event, "conversation": conversation}


def test_people_events_and_conversations_have_the_api_shape(network: dict[str, Any]) -> None:
    person = Person.objects.prefetch_related("tags").get(pk=network["person"].pk)
    assert _text(person_as_dict(person)) == _text(
        PersonOut.from_orm(person).model_dump(mode="json")
    )
    for event in events_filter(user=person.owner):
        assert _text(event_as_dict(event)) == _text(
            EventOut.from_orm(event).model_dump(mode="json")
        )
    conversation = network["conversation"]
    assert conversation_as_dict(conversation)["followups"]
    assert _text(conversation_as_dict(conversation)) == _text(
        ConversationOut.from_orm(conversation).model_dump(mode="json")
    )


def test_briefings_follow_ups_reconnect_and_search_have_the_api_shape(
    owner: Any, network: dict[str, Any]
) -> None:
    with time_machine.travel(NOW, tick=False):
        briefing = recall.person_briefing(person=network["person"])
        assert briefing.recent_notes and briefing.upcoming_events and briefing.open_followups
        _same(PersonBriefingOut, recall.person_briefing_payload(briefing))
        event_briefing = recall.event_briefing(event=network["event"])
        assert event_briefing.attendees and event_briefing.want_to_meet
        _same(EventBriefingOut, recall.event_briefing_payload(event_briefing))
        for followup in recall.followups_open(user=owner):
            _same(FollowUpItemOut, recall.followup_payload(followup))
        due = list(recall.people_to_reconnect(user=owner, now=timezone.now()))
        assert due
        for person in due:
            _same(ReconnectOut, recall.reconnect_payload(person, timezone.now()))
        results = search.search(user=owner, query="Jane", mode="keyword")
        assert results.hits
        _same(SearchOut, search.results_payload(results))
