"""Conversations through the API: what is learned flows into the story."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.conversations.models import Conversation
from hallway.conversations.services import conversation_log
from hallway.events.services import event_create
from hallway.people.services import person_create


def test_logging_a_conversation_merges_what_was_learned_into_the_story(
    owner_api: Any, person: Any, event: Any
) -> None:
    response = owner_api.post(
        "conversations",
        {
            "person_id": person.pk,
            "event_id": event.pk,
            "started_at": "2025-05-01T18:30:00+00:00",
            "learned": {"passions": "sailing", "origin": "Lyon, France"},
            "warning_signs": ["wandering_eyes"],
            "outcome": "connected",
            "notes": "Met at the bar",
            "followups": [{"text": "Send the sailing club link", "due": "2025-05-08"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["person_id"] == person.pk
    assert body["event_id"] == event.pk
    assert body["outcome"] == "connected"
    assert body["warning_signs"] == ["wandering_eyes"]
    assert body["learned"] == {"passions": "sailing", "origin": "Lyon, France"}
    assert body["followups"][0]["text"] == "Send the sailing club link"
    assert body["followups"][0]["due"] == "2025-05-08"
    assert body["followups"][0]["done"] is False
    story = owner_api.get(f"people/{person.pk}").json()
    assert story["story"]["passions"] == "sailing"
    assert story["story"]["origin"] == "Grew up in Lyon; Lyon, France"
    assert story["status"] == "connection"


def test_an_ongoing_conversation_has_a_null_outcome(owner_api: Any, person: Any) -> None:
    body = owner_api.post("conversations", {"person_id": person.pk}).json()
    assert body["outcome"] is None
    assert body["ended_at"] is None
    assert body["event_id"] is None


def test_list_filters_by_person_and_event(
    owner_api: Any, owner: Any, person: Any, event: Any
) -> None:
    other = person_create(owner=owner, name="Ann Other")
    conversation_log(owner=owner, person=person, event=event)
    conversation_log(owner=owner, person=other)
    assert owner_api.get("conversations").json()["count"] == 2
    assert [
        c["person_id"] for c in owner_api.get("conversations", person_id=other.pk).json()["items"]
    ] == [other.pk]
    assert [
        c["person_id"] for c in owner_api.get("conversations", event_id=event.pk).json()["items"]
    ] == [person.pk]


def test_patch_adds_learned_facets_and_sets_the_outcome(
    owner_api: Any, owner: Any, person: Any
) -> None:
    conversation = conversation_log(owner=owner, person=person, learned={"work": "Runs IT"})
    body = owner_api.patch(
        f"conversations/{conversation.pk}",
        {
            "learned": {"drivers": "Her team"},
            "outcome": "connected",
            "warning_signs": ["short_answers"],
        },
    ).json()
    assert body["learned"] == {"work": "Runs IT", "drivers": "Her team"}
    assert body["outcome"] == "connected"
    assert body["warning_signs"] == ["short_answers"]
    person.refresh_from_db()
    assert person.drivers == "Her team"


def test_patch_can_move_a_conversation_to_another_of_your_events(
    owner_api: Any, owner: Any, person: Any, event: Any
) -> None:
    conversation = conversation_log(owner=owner, person=person)
    assert (
        owner_api.patch(f"conversations/{conversation.pk}", {"event_id": event.pk}).json()[
            "event_id"
        ]
        == event.pk
    )
    assert (
        owner_api.patch(f"conversations/{conversation.pk}", {"event_id": None}).json()["event_id"]
        is None
    )


def test_delete_keeps_the_story_it_added(owner_api: Any, owner: Any, person: Any) -> None:
    conversation = conversation_log(owner=owner, person=person, learned={"passions": "chess"})
    assert owner_api.delete(f"conversations/{conversation.pk}").status_code == 204
    person.refresh_from_db()
    assert person.passions == "chess"
    assert not Conversation.objects.exists()


def test_another_users_person_or_event_in_the_body_is_422_like_an_unknown_id(
    owner_api: Any, outsider: Any, person: Any
) -> None:
    from django.utils import timezone

    stranger = person_create(owner=outsider, name="Secret Person")
    their_event = event_create(owner=outsider, name="Private dinner", starts_at=timezone.now())
    for person_id in (stranger.pk, 999999):
        response = owner_api.post("conversations", {"person_id": person_id})
        assert response.status_code == 422
        assert response.json() == {"detail": f"person_id: You have no person with id {person_id}."}
    response = owner_api.post("conversations", {"person_id": person.pk, "event_id": their_event.pk})
    assert response.status_code == 422
    assert response.json() == {"detail": f"event_id: You have no event with id {their_event.pk}."}
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"warning_signs": ["yawning"]},
            "warning_signs.0: unknown value 'yawning'; use 'wandering_eyes', 'not_flowing', 'checking_phone', 'closed_posture', 'short_answers' or 'looking_for_exit'",
        ),
        (
            {"outcome": "married"},
            "outcome: unknown value 'married'; use 'connected', 'cards_only' or 'cut_short'",
        ),
        (
            {"learned": {"hobbies": "golf"}},
            "learned.hobbies: unknown facet (use work, origin, education, passions, drivers)",
        ),
        (
            {"started_at": "yesterday"},
            "started_at: Input should be a valid datetime or date, input is too short",
        ),
        (
            {"started_at": "2025-05-01T10:00:00Z", "ended_at": "2025-05-01T09:00:00Z"},
            "ended_at: A conversation cannot end before it starts.",
        ),
        ({"notes": "x" * 10_001}, "notes: String should have at most 10000 characters"),
        (
            {"followups": [{"text": "Call", "due": "soon"}]},
            "followups.0.due: Input should be a valid date or datetime, input is too short",
        ),
        (
            {"followups": [{"text": "x" * 501}]},
            "followups.0.text: String should have at most 500 characters",
        ),
    ],
)
def test_bad_conversation_input_is_422(
    owner_api: Any, person: Any, extra: dict[str, Any], message: str
) -> None:
    response = owner_api.post("conversations", {"person_id": person.pk, **extra})
    assert response.status_code == 422
    assert response.json() == {"detail": message}
    assert not Conversation.objects.exists()
    person.refresh_from_db()
    assert person.passions == ""  # nothing half-done


def test_patch_refuses_a_missing_start_and_an_end_before_it(
    owner_api: Any, owner: Any, person: Any
) -> None:
    conversation = conversation_log(owner=owner, person=person, notes="Kept")
    response = owner_api.patch(f"conversations/{conversation.pk}", {"started_at": None})
    assert response.status_code == 422
    assert response.json() == {"detail": "started_at: A conversation needs a start time."}
    response = owner_api.patch(
        f"conversations/{conversation.pk}", {"notes": "Changed", "ended_at": "1999-01-01T00:00:00Z"}
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "ended_at: A conversation cannot end before it starts."}
    conversation.refresh_from_db()
    assert conversation.notes == "Kept"  # all or nothing
