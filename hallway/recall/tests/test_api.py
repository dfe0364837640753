"""Recall endpoints of the public API: shapes, filters, bad input as {"detail"} and privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hallway.conversations.services import conversation_log, followup_add
from hallway.people.services import note_add, person_create

from .conftest import NOW


@pytest.fixture
def followup(person):
    return followup_add(person=person, text="Send the article", due=dt.date(2026, 11, 20))


def test_person_briefing_has_the_contract_fields(frozen_now, owner_api, owner, person, followup):
    conversation_log(
        owner=owner,
        person=person,
        started_at=NOW - dt.timedelta(days=20),
        notes="Starting a new job at Globex",
    )
    note_add(person=person, text="Training for the Boston marathon", date=dt.date(2026, 4, 1))
    response = owner_api.get(f"/api/v1/people/{person.pk}/briefing")
    assert response.status_code == 200
    data = response.json()
    assert (
        data["person"]["id"] == person.pk and data["person"]["story"]["work"] == "Runs IT at Acme"
    )
    assert data["last_conversation"]["notes"] == "Starting a new job at Globex"
    assert [f["text"] for f in data["open_followups"]] == ["Send the article"]
    assert data["next_questions"][:2] == [
        "How is the new job at Globex going?",
        "How did the Boston marathon go?",
    ]
    assert data["next_question_reasons"][0] == {
        "question": "How is the new job at Globex going?",
        "rule": "new_job",
        "because": "Starting a new job at Globex",
        "date": "2026-11-05",
    }
    assert data["last_talked_at"].startswith("2026-11-05T10:00:00")
    assert data["last_talked_about"] == ["Starting a new job at Globex"]
    assert data["met"]["first_met_on"] == "2026-11-05"


def test_person_briefing_without_any_conversation_has_null_last_conversation(owner_api, person):
    data = owner_api.get(f"/api/v1/people/{person.pk}/briefing").json()
    assert data["last_conversation"] is None
    assert data["open_followups"] == []
    assert "Where did you study?" in data["next_questions"]


def test_event_briefing_lists_known_people_with_stories_and_want_to_meet(
    owner_api, owner, person, event
):
    event.want_to_meet.add(person)
    known = person_create(owner=owner, name="Sam Lee", email="sam@globex.example")
    response = owner_api.post(
        f"/api/v1/events/{event.pk}/attendees", {"text": "SAM@globex.example\nNew Face"}
    )
    assert response.status_code == 201
    assert response.json() == {"added": 2, "count": 2, "matched": 1}
    data = owner_api.get(f"/api/v1/events/{event.pk}/briefing").json()
    assert data["event"]["id"] == event.pk
    assert [(item["person"]["name"], item["reasons"]) for item in data["known_people"]] == [
        ("Jane Doe", ["want_to_meet"]),
        ("Sam Lee", ["attendee_list"]),
    ]
    assert data["known_people"][0]["short_story"] == "Runs IT at Acme · Grew up in Lyon"
    assert [item["person"]["id"] for item in data["want_to_meet"]] == [person.pk]
    assert {a["name"] or a["email"]: a["person_id"] for a in data["attendees"]} == {
        "sam@globex.example": known.pk,
        "New Face": None,
    }
    assert owner_api.delete(f"/api/v1/events/{event.pk}/attendees").status_code == 204
    assert owner_api.get(f"/api/v1/events/{event.pk}/briefing").json()["attendees"] == []


def test_an_empty_attendee_list_is_a_422_with_a_detail(owner_api, event):
    response = owner_api.post(f"/api/v1/events/{event.pk}/attendees", {"text": " "})
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]


def test_reconnect_lists_overdue_people_most_overdue_first(frozen_now, owner_api, owner):
    slightly = person_create(
        owner=owner,
        name="Slightly",
        keep_in_touch_days=10,
        last_contact_at=NOW - dt.timedelta(days=12),
    )
    very = person_create(
        owner=owner, name="Very", keep_in_touch_days=10, last_contact_at=NOW - dt.timedelta(days=40)
    )
    person_create(
        owner=owner, name="Fine", keep_in_touch_days=10, last_contact_at=NOW - dt.timedelta(days=2)
    )
    data = owner_api.get("/api/v1/reconnect").json()
    assert data["count"] == 2
    assert [(item["person"]["id"], item["overdue_days"]) for item in data["items"]] == [
        (very.pk, 30),
        (slightly.pk, 2),
    ]
    assert data["items"][0]["due_at"].startswith("2026-10-26T10:00:00")
    page = owner_api.get("/api/v1/reconnect", limit=1, offset=1).json()
    assert page["count"] == 2 and [item["person"]["id"] for item in page["items"]] == [slightly.pk]


def test_followups_filter_by_due_before_and_done_and_page(frozen_now, owner_api, person, followup):
    later = followup_add(person=person, text="Later", due=dt.date(2026, 12, 24))
    undated = followup_add(person=person, text="Undated")
    data = owner_api.get("/api/v1/followups").json()
    assert data["count"] == 3 and [item["id"] for item in data["items"]] == [
        followup.pk,
        later.pk,
        undated.pk,
    ]
    assert data["items"][0]["person_name"] == "Jane Doe"
    assert [
        i["id"] for i in owner_api.get("/api/v1/followups", due_before="2026-12-01").json()["items"]
    ] == [followup.pk]
    assert owner_api.get("/api/v1/followups", done="true").json()["count"] == 0
    assert (
        owner_api.get("/api/v1/followups", limit=1, offset=2).json()["items"][0]["id"] == undated.pk
    )


@pytest.mark.parametrize(
    "params",
    [
        {"due_before": "next tuesday"},
        {"done": "maybe"},
        {"limit": "0"},
        {"limit": "501"},
        {"offset": "-1"},
    ],
)
def test_bad_followup_filters_are_a_422_with_a_detail(owner_api, params):
    response = owner_api.get("/api/v1/followups", **params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_patching_a_followup_ticks_it_done_and_changes_it(frozen_now, owner_api, followup):
    response = owner_api.patch(f"/api/v1/followups/{followup.pk}", {"done": True})
    assert response.status_code == 200
    assert response.json()["done"] is True and response.json()["done_at"].startswith("2026-11-25")
    response = owner_api.patch(
        f"/api/v1/followups/{followup.pk}", {"text": "Send two articles", "due": None}
    )
    assert response.json()["text"] == "Send two articles" and response.json()["due"] is None
    followup.refresh_from_db()
    assert (followup.text, followup.due, followup.done) == ("Send two articles", None, True)


def test_a_bad_patch_changes_nothing(owner_api, followup):
    response = owner_api.patch(f"/api/v1/followups/{followup.pk}", {"done": True, "text": "  "})
    assert response.status_code == 422 and "follow-up" in response.json()["detail"]
    followup.refresh_from_db()
    assert followup.done is False and followup.text == "Send the article"
    assert owner_api.patch(f"/api/v1/followups/{followup.pk}", {"due": "soon"}).status_code == 422


def test_teammate_and_outsider_get_404_for_every_recall_endpoint(
    other_apis, person, event, followup
):
    for api in other_apis:
        calls = [
            api.get(f"/api/v1/people/{person.pk}/briefing"),
            api.get(f"/api/v1/events/{event.pk}/briefing"),
            api.post(f"/api/v1/events/{event.pk}/attendees", {"text": "X"}),
            api.delete(f"/api/v1/events/{event.pk}/attendees"),
            api.patch(f"/api/v1/followups/{followup.pk}", {"done": True}),
        ]
        assert [response.status_code for response in calls] == [404] * 5
        assert all(response.json() == {"detail": "Not found."} for response in calls)
        assert api.get("/api/v1/followups").json() == {"items": [], "count": 0}
        assert api.get("/api/v1/reconnect").json() == {"items": [], "count": 0}
    followup.refresh_from_db()
    assert followup.done is False


def test_anonymous_calls_get_401(db, person, event, followup):
    client = Client()
    responses = [
        client.get(f"/api/v1/people/{person.pk}/briefing"),
        client.get(f"/api/v1/events/{event.pk}/briefing"),
        client.get("/api/v1/reconnect"),
        client.get("/api/v1/followups"),
        client.patch(f"/api/v1/followups/{followup.pk}", "{}", content_type="application/json"),
        client.post(f"/api/v1/events/{event.pk}/attendees", "{}", content_type="application/json"),
    ]
    assert [response.status_code for response in responses] == [401] * 6
    assert all("detail" in response.json() for response in responses)


def test_unknown_ids_are_404_not_500(owner_api):
    assert owner_api.get("/api/v1/people/999999/briefing").status_code == 404
    assert owner_api.get("/api/v1/events/999999/briefing").status_code == 404
    assert owner_api.patch("/api/v1/followups/999999", {"done": True}).status_code == 404
    assert owner_api.get("/api/v1/people/99999999999999999999/briefing").status_code in {404, 422}


@pytest.mark.parametrize("due_before", ["0", "20261201", "2026-13-01", "1700000000", "0001-01-01"])
def test_due_before_must_be_a_plain_iso_date(owner_api, due_before):
    response = owner_api.get("/api/v1/followups", due_before=due_before)
    assert response.status_code == 422 and "due_before" in response.json()["detail"]


@pytest.mark.parametrize(
    "body", [{"due": 0}, {"due": "0"}, {"done": "yes"}, {"text": 5}, {"colour": "red"}]
)
def test_a_patch_with_the_wrong_types_is_refused(owner_api, followup, body):
    response = owner_api.patch(f"/api/v1/followups/{followup.pk}", body)
    assert response.status_code == 422 and response.json()["detail"]
