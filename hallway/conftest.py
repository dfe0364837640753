"""Shared fixtures: the three standard users (owner, teammate, outsider) and a real browser."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

if TYPE_CHECKING:
    from hallway.events.models import Event
    from hallway.people.models import Person

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple-42"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture(autouse=True)
def _fast_hashing_and_tmp_media(settings: Any, tmp_path: Any) -> None:
    # Argon2 is the production hasher; tests use MD5 for speed except where they check hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


def _make_user(username: str) -> tuple[User, Group]:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    team, _ = Group.objects.get_or_create(name="team")
    return user, team


@pytest.fixture
def owner(db: None) -> User:
    user, team = _make_user("olivia")
    user.groups.add(team)
    return user


@pytest.fixture
def teammate(db: None, owner: User) -> User:
    """Same team as the owner, but the owner's people stay private to the owner."""
    user, team = _make_user("theo")
    user.groups.add(team)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    user, _ = _make_user("oscar")
    return user


def _logged_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def owner_client(owner: User) -> Client:
    return _logged_in_client(owner)


@pytest.fixture
def teammate_client(teammate: User) -> Client:
    return _logged_in_client(teammate)


@pytest.fixture
def outsider_client(outsider: User) -> Client:
    return _logged_in_client(outsider)


@pytest.fixture
def other_clients(teammate_client: Client, outsider_client: Client) -> list[Client]:
    """Everyone who must get a 404 for the owner's objects."""
    return [teammate_client, outsider_client]


# --- API clients: a real token per standard user ---------------------------------------------


class TokenClient:
    """A test client that sends `Authorization: Bearer <token>` and JSON bodies; paths without
    a leading slash are under /api/v1/."""

    def __init__(self, token: str | None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _url(self, path: str) -> str:
        return path if path.startswith("/") else f"/api/v1/{path}"

    def _send(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        call = getattr(self.client, method)
        if method in ("get", "delete"):
            return call(self._url(path), query or None, headers=self.headers)
        return call(
            self._url(path),
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def get(self, path: str, params: dict[str, Any] | None = None, **query: Any) -> Any:
        return self._send("get", path, **(params or {}), **query)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self._send("put", path, body)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)

    def upload(self, path: str, **fields: Any) -> Any:
        """A multipart form POST (files as SimpleUploadedFile values)."""
        return self.client.post(self._url(path), fields, headers=self.headers)


def api_token_for(user: User) -> str:
    from hallway.accounts.services import token_create

    return token_create(user=user, name="tests")[1]


@pytest.fixture
def owner_api(owner: User) -> TokenClient:
    return TokenClient(api_token_for(owner))


@pytest.fixture
def teammate_api(teammate: User) -> TokenClient:
    return TokenClient(api_token_for(teammate))


@pytest.fixture
def outsider_api(outsider: User) -> TokenClient:
    return TokenClient(api_token_for(outsider))


@pytest.fixture
def other_apis(teammate_api: TokenClient, outsider_api: TokenClient) -> list[TokenClient]:
    """Everyone who must get a 404 for the owner's objects."""
    return [teammate_api, outsider_api]


@pytest.fixture
def anonymous_api(db: None) -> TokenClient:
    return TokenClient(None)


@pytest.fixture
def bad_token_api(db: None) -> TokenClient:
    return TokenClient("hw_not-a-real-token")


# --- The owner's objects ---------------------------------------------------------------------


@pytest.fixture
def person(owner: User) -> Person:
    from hallway.people.services import person_create

    return person_create(
        owner=owner,
        name="Jane Doe",
        company="Acme Corp",
        role="CIO",
        email="jane@acme.example",
        story={"work": "Runs IT at Acme", "origin": "Grew up in Lyon"},
        tags=["cio", "retail"],
    )


@pytest.fixture
def event(owner: User) -> Event:
    from django.utils import timezone

    from hallway.events.services import event_create

    return event_create(
        owner=owner,
        name="CIO Summit",
        starts_at=timezone.now(),
        location="Boston",
        goal_new_connections=5,
    )


# --- Browser ---------------------------------------------------------------------------------


def chromium_path() -> str:
    return os.environ.get("HALLWAY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser: Any, viewport: dict[str, int], is_mobile: bool) -> Any:
    context = browser.new_context(viewport=viewport, is_mobile=is_mobile, has_touch=is_mobile)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A laptop-sized page on the live server."""
    context, page = _new_page(browser, LAPTOP, is_mobile=False)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A 360×740 phone page on the live server."""
    context, page = _new_page(browser, PHONE, is_mobile=True)
    yield page
    context.close()


def browser_login(page: Any, live_server: Any, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def save_screenshot(target: Any, name: str, **options: Any) -> None:
    """Refresh a docs screenshot (a page or an element), only when HALLWAY_SCREENSHOTS=1.

    Test runs leave the committed pictures alone otherwise."""
    if not os.environ.get("HALLWAY_SCREENSHOTS"):
        return
    path = SCREENSHOT_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(path), **options)
