"""The calls the phone queues offline: check-in, the snapshot, conversations named by the id
the phone made, and captures that merge into a story changed elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.accounts.services import token_create
from hallway.conversations.models import Conversation
from hallway.eventmode.services import live_settings_get
from hallway.people.services import person_create, person_update

API = "/api/v1"
CLIENT_ID = "0123456789abcdef0123456789abcdef"


def _auth(user: Any) -> dict[str, str]:
    _, secret = token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _post(client: Client, url: str, body: dict[str, Any], auth: dict[str, str]) -> Any:
    return client.post(url, body, content_type="application/json", **auth)


@pytest.fixture
def started(client: Client, owner: Any, event: Any) -> dict[str, Any]:
    response = _post(
        client,
        f"{API}/live/conversations",
        {"name": "Nina New", "event_id": event.pk, "client_id": CLIENT_ID},
        _auth(owner),
    )
    assert response.status_code == 201
    return dict(response.json())


def test_check_in_over_the_api(client: Client, owner: Any, event: Any) -> None:
    response = _post(client, f"{API}/live/check-in", {"event_id": event.pk}, _auth(owner))
    assert response.status_code == 200 and response.json() == {"current_event_id": event.pk}
    assert live_settings_get(user=owner).current_event == event


def test_nobody_else_checks_in_to_the_owners_event(
    client: Client, event: Any, teammate: Any, outsider: Any
) -> None:
    for other in (teammate, outsider):
        response = _post(client, f"{API}/live/check-in", {"event_id": event.pk}, _auth(other))
        assert response.status_code == 404
        assert live_settings_get(user=other).current_event is None


@pytest.mark.parametrize("body", [{}, {"event_id": "x"}, {"event_id": 0}, {"event": 1}])
def test_check_in_bad_input_is_a_422(client: Client, owner: Any, body: dict[str, Any]) -> None:
    response = _post(client, f"{API}/live/check-in", body, _auth(owner))
    assert response.status_code == 422 and response.json()["detail"]


def test_anonymous_calls_get_401(client: Client, db: Any) -> None:
    assert client.get(f"{API}/live/snapshot").status_code == 401
    assert _post(client, f"{API}/live/check-in", {"event_id": 1}, {}).status_code == 401
    url = f"{API}/live/conversations/{CLIENT_ID}/capture"
    assert _post(client, url, {"facet": "work", "text": "x"}, {}).status_code == 401


def test_later_calls_name_a_conversation_by_the_phones_id(
    client: Client, owner: Any, started: dict[str, Any]
) -> None:
    auth = _auth(owner)
    base = f"{API}/live/conversations/{CLIENT_ID}"
    captured = _post(client, f"{base}/capture", {"facet": "work", "text": "Payments"}, auth)
    assert captured.status_code == 200
    assert captured.json()["conversation"]["id"] == started["id"]
    assert captured.json()["merged"] is None
    signed = _post(client, f"{base}/signs", {"sign": "checking_phone"}, auth)
    assert signed.json()["conversation"]["warning_signs"] == ["checking_phone"]
    ended = _post(client, f"{base}/end", {"outcome": "connected", "followup": "call"}, auth)
    assert ended.status_code == 200
    conversation = Conversation.objects.get(pk=started["id"])
    assert conversation.outcome == "connected" and conversation.learned == {"work": "Payments"}
    # The start sent again with the same phone id is the same conversation.
    again = _post(
        client,
        f"{API}/live/conversations",
        {"name": "Nina New", "client_id": CLIENT_ID},
        auth,
    )
    assert again.json()["id"] == started["id"]
    assert Conversation.objects.filter(owner=owner).count() == 1


def test_another_users_phone_id_is_a_404(
    client: Client, started: dict[str, Any], teammate: Any, outsider: Any
) -> None:
    for other in (teammate, outsider):
        auth = _auth(other)
        for action, body in (
            ("capture", {"facet": "work", "text": "x"}),
            ("signs", {"sign": "checking_phone"}),
            ("end", {}),
        ):
            response = _post(client, f"{API}/live/conversations/{CLIENT_ID}/{action}", body, auth)
            assert response.status_code == 404, (other, action)
    assert Conversation.objects.get(pk=started["id"]).learned == {}


def test_an_unknown_or_malformed_phone_id(client: Client, owner: Any) -> None:
    auth = _auth(owner)
    body = {"facet": "work", "text": "x"}
    assert (
        _post(client, f"{API}/live/conversations/{'f' * 32}/capture", body, auth).status_code == 404
    )
    assert _post(client, f"{API}/live/conversations/short/capture", body, auth).status_code == 422


def test_a_capture_onto_a_story_changed_elsewhere_is_merged_and_described(
    client: Client, owner: Any, event: Any
) -> None:
    auth = _auth(owner)
    jane = person_create(owner=owner, name="Jane Doe", story={"work": "CTO"})
    started = _post(
        client, f"{API}/live/conversations", {"person_id": jane.pk, "event_id": event.pk}, auth
    ).json()
    # The laptop changed the facet after the phone copied "CTO".
    person_update(person=jane, story={"work": "CIO at Acme"})
    response = _post(
        client,
        f"{API}/conversations/{started['id']}/capture",
        {"facet": "work", "text": "Moving to the cloud", "known": "CTO"},
        auth,
    )
    assert response.json()["merged"] == {
        "facet": "work",
        "phone_had": "CTO",
        "server_had": "CIO at Acme",
        "story_now": "CIO at Acme; Moving to the cloud",
    }
    jane.refresh_from_db()
    assert jane.work == "CIO at Acme; Moving to the cloud"
    # Same copy as the server's: nothing to report.
    same = _post(
        client,
        f"{API}/conversations/{started['id']}/capture",
        {"facet": "origin", "text": "Lyon", "known": ""},
        auth,
    )
    assert same.json()["merged"] is None


def test_the_snapshot_has_what_the_hallway_needs(
    client: Client, owner: Any, event: Any, wanted: Any, started: dict[str, Any]
) -> None:
    _post(client, f"{API}/live/check-in", {"event_id": event.pk}, _auth(owner))
    snapshot = client.get(f"{API}/live/snapshot", **_auth(owner)).json()
    assert snapshot["user"]["id"] == owner.pk and snapshot["current_event_id"] == event.pk
    assert [e["name"] for e in snapshot["events"]] == ["CIO Summit"]
    assert snapshot["events"][0]["want_to_meet"] == [wanted.pk] and snapshot["events"][0]["today"]
    assert [c["id"] for c in snapshot["conversations"]] == [started["id"]]
    people = {person["name"]: person for person in snapshot["people"]}
    assert set(people) == {"Aaron Wanted", "Nina New"}
    assert people["Aaron Wanted"]["briefing"]["next_questions"]
    assert [q["facet"] for q in snapshot["questions"]] == [
        "work",
        "origin",
        "education",
        "passions",
        "drivers",
    ]
    assert len(snapshot["signs"]) == 6 and snapshot["settings"]["exit_lines"]


def test_the_snapshot_of_another_user_has_nothing_of_the_owner(
    client: Client,
    owner: Any,
    event: Any,
    wanted: Any,
    started: dict[str, Any],
    teammate: Any,
    outsider: Any,
) -> None:
    for other in (teammate, outsider):
        snapshot = client.get(f"{API}/live/snapshot", **_auth(other)).json()
        assert snapshot["user"]["id"] == other.pk
        assert snapshot["events"] == [] and snapshot["people"] == []
        assert snapshot["conversations"] == [] and snapshot["current_event_id"] is None
