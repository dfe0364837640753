"""Events through the API."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.conversations.services import conversation_log
from hallway.events.models import Event
from hallway.people.services import person_create


def test_creating_an_event_with_people_to_meet(owner_api: Any, person: Any) -> None:
    response = owner_api.post(
        "events",
        {
            "name": "Gartner Symposium",
            "starts_at": "2025-10-20T09:00:00+02:00",
            "ends_at": "2025-10-22T17:00:00+02:00",
            "location": "Barcelona",
            "goal_new_connections": 5,
            "want_to_meet": [person.pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Gartner Symposium"
    assert body["starts_at"].startswith("2025-10-20T07:00:00")
    assert body["want_to_meet"] == [person.pk]
    assert body["people_met"] == []
    assert body["goal_new_connections"] == 5


def test_people_met_comes_from_the_conversations(
    owner_api: Any, owner: Any, event: Any, person: Any
) -> None:
    conversation_log(owner=owner, person=person, event=event)
    assert owner_api.get(f"events/{event.pk}").json()["people_met"] == [person.pk]


def test_patch_and_delete_an_event(owner_api: Any, event: Any) -> None:
    body = owner_api.patch(
        f"events/{event.pk}", {"reflection": "Talked to 4 people", "location": None}
    ).json()
    assert body["reflection"] == "Talked to 4 people"
    assert body["location"] == ""
    assert body["name"] == "CIO Summit"
    assert owner_api.delete(f"events/{event.pk}").status_code == 204
    assert not Event.objects.filter(pk=event.pk).exists()


def test_events_list_searches_names_and_places(owner_api: Any, event: Any) -> None:
    assert owner_api.get("events", q="boston").json()["count"] == 1
    assert owner_api.get("events", q="paris").json()["count"] == 0


def test_another_users_person_in_want_to_meet_is_refused_like_an_unknown_id(
    owner_api: Any, outsider: Any
) -> None:
    stranger = person_create(owner=outsider, name="Secret Person")
    for person_id in (stranger.pk, 999999):
        response = owner_api.post(
            "events",
            {"name": "Meetup", "starts_at": "2025-01-01T18:00:00Z", "want_to_meet": [person_id]},
        )
        assert response.status_code == 422
        assert response.json() == {"detail": f"want_to_meet: Unknown person id(s): {person_id}."}
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "Meetup"}, "starts_at: is required"),
        (
            {"name": "Meetup", "starts_at": "next tuesday"},
            "starts_at: Input should be a valid datetime or date, invalid character in year",
        ),
        (
            {"name": "Meetup", "starts_at": 1700000000},
            "starts_at: must be an ISO 8601 string, e.g. 2025-05-01T18:30:00+02:00 or 2025-05-01",
        ),
        (
            {"name": "Meetup", "starts_at": "0001-01-01T00:00:00Z"},
            "starts_at: the year must be between 1900 and 2200",
        ),
        (
            {
                "name": "Meetup",
                "starts_at": "2025-01-02T10:00:00Z",
                "ends_at": "2025-01-01T10:00:00Z",
            },
            "ends_at: The end cannot be before the start.",
        ),
        (
            {"name": "Meetup", "starts_at": "2025-01-01", "goal_new_connections": False},
            "goal_new_connections: Input should be a valid integer",
        ),
        (
            {"name": "Meetup", "starts_at": "2025-01-01", "reflection": "x" * 10_001},
            "reflection: String should have at most 10000 characters",
        ),
    ],
)
def test_bad_event_input_is_422(owner_api: Any, body: dict[str, Any], message: str) -> None:
    response = owner_api.post("events", body)
    assert response.status_code == 422
    assert response.json() == {"detail": message}
    assert not Event.objects.exists()
