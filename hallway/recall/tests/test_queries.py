"""Briefings cost a fixed number of queries, however long the history (no N+1)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hallway.conversations.services import conversation_log, followup_add
from hallway.people.services import note_add, person_create
from hallway.recall.services import attendees_import


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


def _grow_history(owner, person, times: int) -> None:
    for day in range(times):
        conversation_log(
            owner=owner,
            person=person,
            started_at=dt.datetime(2026, 1, 1 + day, tzinfo=dt.UTC),
            notes=f"Talk {day}",
        )
        note_add(person=person, text=f"Note {day}")
        followup_add(person=person, text=f"Promise {day}")


def test_the_person_briefing_page_does_not_grow_with_the_history(owner, owner_client, person):
    url = reverse("recall:person_briefing", args=[person.pk])
    _grow_history(owner, person, 1)
    small = _queries(lambda: owner_client.get(url))
    _grow_history(owner, person, 10)
    assert _queries(lambda: owner_client.get(url)) == small


def test_the_event_briefing_page_does_not_grow_with_the_people(owner, owner_client, event):
    url = reverse("recall:event_briefing", args=[event.pk])
    first = person_create(owner=owner, name="First Person", email="first@example.com")
    event.want_to_meet.add(first)
    attendees_import(event=event, text="First Person <first@example.com>")
    small = _queries(lambda: owner_client.get(url))
    for number in range(15):
        someone = person_create(owner=owner, name=f"Person {number}", story={"work": "CIO"})
        event.want_to_meet.add(someone)
        conversation_log(owner=owner, person=someone, event=event, notes="Moving to Berlin")
    attendees_import(event=event, text="\n".join(f"Person {number}" for number in range(15)))
    assert _queries(lambda: owner_client.get(url)) == small
