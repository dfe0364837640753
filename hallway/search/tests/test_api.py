from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.conftest import TokenClient


def _names(response: Any) -> list[str]:
    return [item["person"]["name"] for item in response.json()["items"]]


def test_owner_finds_their_person_with_score_and_highlighted_snippet(
    owner_api: TokenClient, sailor: Any
) -> None:
    response = owner_api.get("/api/v1/search", {"q": "sailing", "mode": "keyword"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["mode"] == "keyword"
    item = body["items"][0]
    assert item["person"]["id"] == sailor.pk
    assert item["person"]["tags"] == ["sailing-club"]
    assert item["person"]["story"]["passions"].startswith("Loves sailing")
    assert "<mark>sailing</mark>" in item["snippet"]
    assert item["score"] > 0
    assert item["matched_by"] == ["keyword"]


def test_hybrid_is_the_default_mode(owner_api: TokenClient, sailor: Any, no_semantic: None) -> None:
    body = owner_api.get("/api/v1/search", {"q": "Okonkwo"}).json()
    assert _names_of(body) == ["Margaret Okonkwo"]
    assert body["mode"] == "keyword" and body["semantic_available"] is False
    assert "semantic" in body["notice"]


def _names_of(body: dict[str, Any]) -> list[str]:
    return [item["person"]["name"] for item in body["items"]]


@pytest.mark.parametrize("user_fixture", ["teammate", "outsider"])
def test_teammates_and_outsiders_never_see_the_owners_people(
    request: Any, sailor: Any, outsiders_sailor: Any, user_fixture: str
) -> None:
    client = request.getfixturevalue(f"{user_fixture}_api")
    for mode in ("keyword", "hybrid"):
        names = _names(client.get("/api/v1/search", {"q": "Okonkwo", "mode": mode}))
        assert "Margaret Okonkwo" not in names
    if user_fixture == "outsider":
        assert _names(client.get("/api/v1/search", {"q": "Okonkwo", "mode": "keyword"})) == [
            "Margaret Okonkwo-Smith"
        ]


def test_anonymous_gets_401(db: Any, sailor: Any) -> None:
    response = Client().get("/api/v1/search", {"q": "sailing"})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_logged_in_browser_session_can_search(owner_client: Client, sailor: Any) -> None:
    response = owner_client.get("/api/v1/search", {"q": "sail", "mode": "keyword"})
    assert response.status_code == 200
    assert _names(response) == ["Margaret Okonkwo"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": ""}, "enter something to search"),
        ({"q": "   "}, "enter something to search"),
        ({"q": "x", "mode": "fuzzy"}, "mode"),
        ({"q": "x", "limit": "0"}, "limit"),
        ({"q": "x", "limit": "101"}, "limit"),
        ({"q": "x", "limit": "many"}, "limit"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_input_is_a_422_with_a_readable_detail(
    owner_api: TokenClient, query: dict[str, str], message: str
) -> None:
    response = owner_api.get("/api/v1/search", query)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_semantic_mode_without_the_extra_is_a_400_that_says_why(
    owner_api: TokenClient, no_semantic: None
) -> None:
    response = owner_api.get("/api/v1/search", {"q": "climate", "mode": "semantic"})
    assert response.status_code == 400
    assert "semantic search" in response.json()["detail"]


def test_limit_caps_the_items(owner_api: TokenClient, owner: Any) -> None:
    from hallway.people.services import person_create

    for index in range(4):
        person_create(owner=owner, name=f"Dev {index}", company="Globex")
    body = owner_api.get("/api/v1/search", {"q": "Globex", "mode": "keyword", "limit": "2"}).json()
    assert body["count"] == 2 and len(body["items"]) == 2


def test_the_endpoint_is_in_the_openapi_document(owner_api: TokenClient) -> None:
    document = owner_api.get("/api/v1/openapi.json").json()
    parameters = {
        parameter["name"] for parameter in document["paths"]["/api/v1/search"]["get"]["parameters"]
    }
    assert {"q", "mode", "limit"} <= parameters
