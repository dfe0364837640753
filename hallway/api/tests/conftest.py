"""API fixtures: a real token per standard user and a client that sends it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


class TokenClient:
    """A test client that sends `Authorization: Bearer <token>` and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _send(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        call = getattr(self.client, method)
        if method in ("get", "delete"):
            return call(url, query or None, headers=self.headers)
        return call(
            url,
            body if isinstance(body, str) else __import__("json").dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def get(self, path: str, **query: Any) -> Any:
        return self._send("get", path, **query)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self._send("put", path, body)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


def _token_for(user: Any) -> str:
    from hallway.accounts.services import token_create

    return token_create(user=user, name="tests")[1]


@pytest.fixture
def owner_api(owner: Any) -> TokenClient:
    return TokenClient(_token_for(owner))


@pytest.fixture
def teammate_api(teammate: Any) -> TokenClient:
    return TokenClient(_token_for(teammate))


@pytest.fixture
def outsider_api(outsider: Any) -> TokenClient:
    return TokenClient(_token_for(outsider))


@pytest.fixture
def other_apis(teammate_api: TokenClient, outsider_api: TokenClient) -> list[TokenClient]:
    """Everyone who must get a 404 for the owner's objects."""
    return [teammate_api, outsider_api]


@pytest.fixture
def anonymous_api(db: Any) -> TokenClient:
    return TokenClient(None)


@pytest.fixture
def bad_token_api(db: Any) -> TokenClient:
    return TokenClient("hw_not-a-real-token")
