"""Who may call what: owner, teammate, outsider, no token, bad token, browser sessions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.accounts.models import ApiToken
from hallway.accounts.services import token_revoke
from hallway.conversations.services import conversation_log

ENDPOINTS = [
    ("get", "people"),
    ("post", "people"),
    ("get", "people/{person}"),
    ("patch", "people/{person}"),
    ("delete", "people/{person}"),
    ("post", "people/{person}/notes"),
    ("get", "events"),
    ("post", "events"),
    ("get", "events/{event}"),
    ("patch", "events/{event}"),
    ("delete", "events/{event}"),
    ("get", "conversations"),
    ("post", "conversations"),
    ("get", "conversations/{conversation}"),
    ("patch", "conversations/{conversation}"),
    ("delete", "conversations/{conversation}"),
]
OBJECT_ENDPOINTS = [(method, path) for method, path in ENDPOINTS if "{" in path]


@pytest.fixture
def conversation(owner: Any, person: Any, event: Any) -> Any:
    return conversation_log(
        owner=owner, person=person, event=event, learned={"passions": "sailing"}
    )


def _url(path: str, person: Any, event: Any, conversation: Any) -> str:
    return path.format(person=person.pk, event=event.pk, conversation=conversation.pk)


def _call(api: Any, method: str, url: str) -> Any:
    if method == "get":
        return api.get(url)
    if method == "delete":
        return api.delete(url)
    # A valid body where one is needed, so only the id decides the answer.
    return getattr(api, method)(url, {"text": "Hello"} if url.endswith("/notes") else {})


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_no_token_gets_401_with_a_detail(
    anonymous_api: Any, person: Any, event: Any, conversation: Any, method: str, path: str
) -> None:
    response = _call(anonymous_api, method, _url(path, person, event, conversation))
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_bad_token_gets_401(
    bad_token_api: Any, person: Any, event: Any, conversation: Any, method: str, path: str
) -> None:
    response = _call(bad_token_api, method, _url(path, person, event, conversation))
    assert response.status_code == 401
    assert response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), OBJECT_ENDPOINTS)
def test_teammate_and_outsider_get_404_for_the_owners_objects(
    other_apis: list[Any], person: Any, event: Any, conversation: Any, method: str, path: str
) -> None:
    for api in other_apis:
        response = _call(api, method, _url(path, person, event, conversation))
        assert response.status_code == 404, (api, response.content)
        assert response.json() == {"detail": "Not found."}
    person.refresh_from_db()
    event.refresh_from_db()
    conversation.refresh_from_db()  # nothing was deleted


@pytest.mark.parametrize(("method", "path"), OBJECT_ENDPOINTS)
def test_an_id_that_does_not_exist_is_the_same_404(owner_api: Any, method: str, path: str) -> None:
    url = path.format(person=987654, event=987654, conversation=987654)
    response = _call(owner_api, method, url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_lists_show_only_your_own_objects(
    owner_api: Any, outsider_api: Any, conversation: Any
) -> None:
    for path in ("people", "events", "conversations"):
        assert owner_api.get(path).json()["count"] == 1
        assert outsider_api.get(path).json() == {"items": [], "count": 0}


def test_a_revoked_token_stops_working(owner: Any, owner_api: Any) -> None:
    assert owner_api.get("people").status_code == 200
    for token in ApiToken.objects.filter(owner=owner):
        token_revoke(token=token)
    assert owner_api.get("people").status_code == 401


def test_a_token_of_a_deactivated_user_stops_working(owner: Any, owner_api: Any) -> None:
    owner.is_active = False
    owner.save()
    assert owner_api.get("people").status_code == 401


def test_a_browser_session_can_read_without_csrf(owner: Any, person: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/api/v1/people")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_browser_session_cannot_write_without_the_csrf_token(owner: Any, person: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/api/v1/people", {"name": "Eve"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    response = client.delete(f"/api/v1/people/{person.pk}")
    assert response.status_code == 403
    person.refresh_from_db()


def test_a_browser_session_writes_with_the_csrf_token(owner: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/accounts/settings/")
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/people",
        {"name": "Eve"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201
    assert response.json()["name"] == "Eve"


def test_the_openapi_document_needs_no_token(anonymous_api: Any) -> None:
    response = anonymous_api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/people", "/api/v1/events/{event_id}", "/api/v1/auth/token"} <= set(paths)


def test_an_unknown_api_path_is_a_json_404(owner_api: Any) -> None:
    for url in ("/api/v1/nothing-here", "/api/v1/people/1/nothing"):
        response = owner_api.post(url, {})
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_an_id_that_is_not_a_number_is_422(owner_api: Any) -> None:
    response = owner_api.get("/api/v1/people/jane")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "person_id: Input should be a valid integer, unable to parse string as an integer"
    }


def test_lists_cost_a_fixed_number_of_queries(
    owner_api: Any, owner: Any, event: Any, django_assert_max_num_queries: Any
) -> None:
    from hallway.people.services import person_create

    for index in range(30):
        person = person_create(owner=owner, name=f"Person {index}", tags=["a", f"t{index}"])
        conversation_log(owner=owner, person=person, event=event, followups=["Call back"])
    for path in ("people", "events", "conversations"):
        with django_assert_max_num_queries(8):
            assert owner_api.get(path).status_code == 200
