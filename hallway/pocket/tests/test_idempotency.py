"""A write sent with an Idempotency-Key is applied once per user; replays get the same answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from hallway.accounts.services import token_create
from hallway.people.models import Person
from hallway.pocket.models import IdempotentRequest
from hallway.pocket.services import KEEP_IDEMPOTENCY_KEYS, idempotency_begin

KEY = "phone-key-0001"


def _bearer(user: Any) -> dict[str, str]:
    _, secret = token_create(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _create(client: Client, headers: dict[str, str], key: str = KEY, name: str = "Nina") -> Any:
    return client.post(
        "/api/v1/people",
        {"name": name},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def test_a_replayed_api_write_is_applied_once_and_gets_the_same_answer(
    client: Client, owner: Any
) -> None:
    auth = _bearer(owner)
    first = _create(client, auth)
    again = _create(client, auth)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Person.objects.filter(owner=owner, name="Nina").count() == 1


def test_a_replayed_web_form_keeps_its_redirect(owner_client: Client, owner: Any) -> None:
    data = {"name": "Nina", "keep_in_touch_days": ""}
    first = owner_client.post("/people/new/", data, HTTP_IDEMPOTENCY_KEY=KEY)
    again = owner_client.post("/people/new/", data, HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Person.objects.filter(owner=owner, name="Nina").count() == 1


def test_keys_are_per_user(client: Client, owner: Any, teammate: Any, outsider: Any) -> None:
    for user in (owner, teammate, outsider):
        assert _create(client, _bearer(user)).status_code == 201
    assert Person.objects.filter(name="Nina").count() == 3
    # Nobody replays another user's answer: each got their own person.
    assert IdempotentRequest.objects.filter(key=KEY).count() == 3


def test_a_key_reused_for_another_request_is_refused(client: Client, owner: Any) -> None:
    auth = _bearer(owner)
    _create(client, auth)
    other = client.post(
        "/api/v1/events",
        {"name": "Meetup", "starts_at": "2026-12-01T18:00:00+00:00"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=KEY,
        **auth,
    )
    assert other.status_code == 422
    assert "already used" in other.json()["detail"]


@pytest.mark.parametrize("key", ["short", "has space in it", "x" * 65, "ünïcode-key"])
def test_a_malformed_key_is_a_422(client: Client, owner: Any, key: str) -> None:
    response = _create(client, _bearer(owner), key=key)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Person.objects.exists()


def test_a_refused_write_is_replayed_as_refused_and_changes_nothing(
    client: Client, owner: Any
) -> None:
    auth = _bearer(owner)
    assert _create(client, auth, name="").status_code == 422
    assert _create(client, auth, name="").status_code == 422
    assert not Person.objects.exists()


def test_a_second_request_while_the_first_runs_is_told_to_retry(client: Client, owner: Any) -> None:
    IdempotentRequest.objects.create(owner=owner, key=KEY, method="POST", path="/api/v1/people")
    response = _create(client, _bearer(owner))
    assert response.status_code == 409 and response["Retry-After"] == "1"
    assert not Person.objects.exists()


def test_an_abandoned_first_request_frees_its_key(client: Client, owner: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        IdempotentRequest.objects.create(owner=owner, key=KEY, method="POST", path="/api/v1/people")
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC), tick=False):
        assert _create(client, _bearer(owner)).status_code == 201


def test_session_writes_need_csrf_even_when_replayed(owner: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    response = browser.post(
        "/api/v1/people",
        {"name": "Nina"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=KEY,
    )
    assert response.status_code == 403
    assert not IdempotentRequest.objects.exists() and not Person.objects.exists()


def test_anonymous_writes_are_left_to_the_view(client: Client, db: Any) -> None:
    response = _create(client, {})
    assert response.status_code == 401
    assert not IdempotentRequest.objects.exists()


def test_keys_are_kept_thirty_days_then_forgotten(client: Client, owner: Any) -> None:
    auth = _bearer(owner)
    start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _create(client, auth, key="old-key-0001", name="Old")
    with time_machine.travel(start + KEEP_IDEMPOTENCY_KEYS - dt.timedelta(hours=1), tick=False):
        assert _create(client, auth, key="old-key-0001", name="Old")["Idempotent-Replayed"]
    with time_machine.travel(start + KEEP_IDEMPOTENCY_KEYS + dt.timedelta(hours=1), tick=False):
        _create(client, auth, key="new-key-0001", name="New")
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new-key-0001"]


def test_begin_claims_a_key_once(owner: Any) -> None:
    record, first = idempotency_begin(owner=owner, key=KEY, method="POST", path="/x")
    assert first and record.status is None
