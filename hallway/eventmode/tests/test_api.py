from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from hallway.conftest import TokenClient
from hallway.conversations.models import Conversation, FollowUp
from hallway.people.models import Person

API = "/api/v1"


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    """A call without a token: anonymous, or a browser session."""
    return client.post(url, body, content_type="application/json")


def test_another_client_can_run_the_whole_flow(
    frozen_now: dt.datetime, client: Client, owner_api: TokenClient, event: Any, wanted: Any
) -> None:
    started = owner_api.post(
        f"{API}/live/conversations", {"name": "Nina New", "event_id": event.pk}
    )
    assert started.status_code == 201
    conversation_id = started.json()["id"]
    assert started.json()["outcome"] is None and started.json()["event_id"] == event.pk

    captured = owner_api.post(
        f"{API}/conversations/{conversation_id}/capture",
        {"facet": "passions", "text": "Sailing", "idempotency_key": "api-key-0001"},
    )
    assert captured.status_code == 200
    assert captured.json()["applied"] is True
    assert captured.json()["conversation"]["learned"] == {"passions": "Sailing"}
    assert captured.json()["exit_prompt"]["show"] is False

    signed = owner_api.post(f"{API}/conversations/{conversation_id}/signs", {"sign": "not_flowing"})
    prompt = signed.json()["exit_prompt"]
    assert signed.json()["conversation"]["warning_signs"] == ["not_flowing"]
    assert prompt["show"] is True and prompt["next_person_id"] == wanted.pk and prompt["line"]
    assert owner_api.get(f"{API}/conversations/{conversation_id}/exit-prompt").json() == prompt

    ended = owner_api.post(
        f"{API}/conversations/{conversation_id}/end", {"followup": "send the article on Tuesday"}
    )
    body = ended.json()["conversation"]
    assert body["outcome"] == "connected"
    assert body["ended_at"] == "2026-11-25T18:30:00Z"
    assert (
        body["followups"][0]["text"] == "send the article on Tuesday"
        and body["followups"][0]["due"] == "2026-12-01"
    )
    assert Person.objects.get(name="Nina New").passions == "Sailing"


def test_a_retried_capture_is_reported_and_not_applied_twice(
    client: Client, owner_api: TokenClient, conversation: Any
) -> None:
    body = {"facet": "work", "text": "Payments", "idempotency_key": "api-key-0002"}
    first = owner_api.post(f"{API}/conversations/{conversation.pk}/capture", body)
    second = owner_api.post(f"{API}/conversations/{conversation.pk}/capture", body)
    assert (first.json()["applied"], second.json()["applied"]) == (True, False)
    assert second.json()["conversation"]["learned"] == {"work": "Payments"}


def test_starting_with_a_known_person_and_an_explicit_due_date(
    client: Client, owner_api: TokenClient, person: Any
) -> None:
    started = owner_api.post(f"{API}/live/conversations", {"person_id": person.pk})
    assert started.status_code == 201 and started.json()["event_id"] is None
    conversation_id = started.json()["id"]
    ended = owner_api.post(
        f"{API}/conversations/{conversation_id}/end",
        {"outcome": "cards_only", "followup": "call her", "followup_due": "2027-01-05"},
    )
    assert ended.json()["conversation"]["outcome"] == "cards_only"
    assert ended.json()["conversation"]["followups"][0]["due"] == "2027-01-05"


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("live/conversations", {}, "Give person_id, or the name"),
        ("live/conversations", {"person_id": 1, "name": "X"}, "not both"),
        ("live/conversations", {"name": "   "}, "Give person_id, or the name"),
        ("conversations/{id}/capture", {"facet": "hobby", "text": "Golf"}, "Unknown facet"),
        ("conversations/{id}/capture", {"facet": "work"}, "text"),
        (
            "conversations/{id}/capture",
            {"facet": "work", "text": "x", "idempotency_key": "no"},
            "idempotency key",
        ),
        ("conversations/{id}/signs", {"sign": "yawning"}, "Unknown warning sign"),
        ("conversations/{id}/end", {"outcome": "married"}, "Unknown outcome"),
        ("conversations/{id}/end", {"followup_due": "next tuesday"}, "followup_due"),
    ],
)
def test_bad_input_gets_a_422_with_a_readable_detail(
    client: Client,
    owner_api: TokenClient,
    conversation: Any,
    path: str,
    body: dict[str, Any],
    message: str,
) -> None:
    response = owner_api.post(f"{API}/{path.format(id=conversation.pk)}", body)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    conversation.refresh_from_db()
    assert conversation.is_open and conversation.learned == {} and not conversation.warning_signs


CONVERSATION_CALLS = [
    ("post", "conversations/{id}/capture", {"facet": "work", "text": "Spy"}),
    ("post", "conversations/{id}/signs", {"sign": "wandering_eyes"}),
    ("post", "conversations/{id}/end", {"followup": "call"}),
    ("get", "conversations/{id}/exit-prompt", None),
]


@pytest.mark.parametrize(("method", "path", "body"), CONVERSATION_CALLS)
def test_teammates_and_outsiders_get_404_for_the_owners_conversation(
    client: Client,
    other_apis: list[TokenClient],
    conversation: Any,
    method: str,
    path: str,
    body: Any,
) -> None:
    for api in other_apis:
        url = f"{API}/{path.format(id=conversation.pk)}"
        response = api.get(url) if method == "get" else api.post(url, body)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    conversation.refresh_from_db()
    assert conversation.is_open and conversation.learned == {} and not conversation.warning_signs
    assert not FollowUp.objects.exists()


def test_teammates_and_outsiders_cannot_start_with_the_owners_person_or_event(
    client: Client, other_apis: list[TokenClient], person: Any, event: Any
) -> None:
    for api in other_apis:
        assert api.post(f"{API}/live/conversations", {"person_id": person.pk}).status_code == 404
        response = api.post(f"{API}/live/conversations", {"name": "X", "event_id": event.pk})
        assert response.status_code == 404
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "body"), [*CONVERSATION_CALLS, ("post", "live/conversations", {"name": "X"})]
)
def test_anonymous_callers_get_401(
    client: Client, conversation: Any, method: str, path: str, body: Any
) -> None:
    url = f"{API}/{path.format(id=conversation.pk)}"
    response = client.get(url) if method == "get" else _post(client, url, body)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_browser_session_needs_its_csrf_token(owner: Any, conversation: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    response = _post(
        browser, f"{API}/conversations/{conversation.pk}/capture", {"facet": "work", "text": "x"}
    )
    assert response.status_code in (401, 403)
    conversation.refresh_from_db()
    assert conversation.learned == {}


def test_the_endpoints_are_in_the_openapi_document(client: Client, db: Any) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/live/conversations",
        "/api/v1/conversations/{conversation_id}/capture",
        "/api/v1/conversations/{conversation_id}/signs",
        "/api/v1/conversations/{conversation_id}/end",
        "/api/v1/conversations/{conversation_id}/exit-prompt",
        "/api/v1/live/events/{event_id}/review",
    ):
        assert path in paths


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("live/conversations", {"name": "Ni\x00na"}),
        ("live/conversations", {"person_id": 2**64}),
        ("live/conversations", {"person_id": "12"}),
        ("live/conversations", {"name": "X", "surprise": True}),
        ("conversations/{id}/capture", {"facet": "work", "text": "a\x00"}),
        ("conversations/{id}/capture", {"facet": "work", "text": "x" * 2001}),
        ("conversations/{id}/end", {"followup_due": 20261201}),
        ("conversations/{id}/end", {"followup_due": "0001-01-01"}),
        ("conversations/{id}/end", {"followup": "call\x00"}),
        ("conversations/99999999999999999999/capture", {"facet": "work", "text": "x"}),
    ],
)
def test_hostile_input_is_a_422_never_a_server_error(
    client: Client, owner_api: TokenClient, conversation: Any, path: str, body: dict[str, Any]
) -> None:
    response = owner_api.post(f"{API}/{path.format(id=conversation.pk)}", body)
    assert response.status_code == 422
    assert response.json()["detail"]
    conversation.refresh_from_db()
    assert conversation.is_open and conversation.learned == {}


def test_the_review_of_an_event_over_the_api(
    client: Client, owner_api: TokenClient, conversation: Any, event: Any
) -> None:
    owner_api.post(f"{API}/conversations/{conversation.pk}/end", {"outcome": "cards_only"})
    review = owner_api.get(f"{API}/live/events/{event.pk}/review").json()
    assert (
        review["goal_new_connections"] == 5
        and review["new_people"] == 1
        and review["cards_only"] == 1
    )
    row = review["conversations"][0]
    assert (row["person_name"], row["missing_contact"], row["no_followup"]) == (
        "Nina New",
        True,
        True,
    )
    assert row["conversation"]["id"] == conversation.pk


def test_teammates_outsiders_and_anonymous_callers_cannot_review_the_owners_event(
    client: Client, other_apis: list[TokenClient], event: Any
) -> None:
    for api in other_apis:
        assert api.get(f"{API}/live/events/{event.pk}/review").status_code == 404
    assert client.get(f"{API}/live/events/{event.pk}/review").status_code == 401
