"""POST /api/v1/auth/token: a password buys a token; repeated failures are throttled."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hallway.accounts.models import ApiToken, hash_token
from hallway.conftest import PASSWORD


def _post(body: Any) -> Any:
    return Client(enforce_csrf_checks=True).post(
        "/api/v1/auth/token", body, content_type="application/json"
    )


def test_the_right_password_returns_201_and_a_working_token(owner: Any) -> None:
    response = _post({"username": "olivia", "password": PASSWORD})
    assert response.status_code == 201
    token = response.json()["token"]
    stored = ApiToken.objects.get(owner=owner)
    assert stored.digest == hash_token(token)
    assert token not in (stored.digest, stored.prefix)  # only the hash is kept
    people = Client().get("/api/v1/people", headers={"Authorization": f"Bearer {token}"})
    assert people.status_code == 200


def test_a_wrong_password_is_401_with_a_detail(owner: Any) -> None:
    response = _post({"username": "olivia", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}
    assert not ApiToken.objects.exists()


def test_an_unknown_user_gets_the_same_401(db: Any) -> None:
    response = _post({"username": "nobody", "password": "whatever"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}


def test_missing_fields_are_422_naming_the_field(db: Any) -> None:
    response = _post({"username": "olivia"})
    assert response.status_code == 422
    assert response.json() == {"detail": "password: is required"}


def test_a_body_that_is_not_json_is_400(db: Any) -> None:
    response = _post("{not json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_repeated_failures_lock_the_username_with_a_json_429(owner: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _post({"username": "olivia", "password": "wrong"}).status_code == 401
    locked = _post({"username": "olivia", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.json()["detail"]
    # Even the right password is refused while locked.
    assert _post({"username": "olivia", "password": PASSWORD}).status_code == 429
    assert not ApiToken.objects.exists()
