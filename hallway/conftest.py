"""Shared fixtures: the standard users, API clients, a real SMTP server and a real browser.

owner and teammate are members of one Hallway team ("Hallway"); ungranted_teammate shares
another team ("Board") with the owner, where nothing of the owner's is shared; outsider is in
no team with them. `granted_person` is the owner's person shared with the Hallway team."""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from hallway.accounts.backends import PASSWORD_BACKEND

if TYPE_CHECKING:
    from hallway.events.models import Event
    from hallway.people.models import Person
    from hallway.teams.models import Team

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Django drops this run's SQLite test database; its write-lock files go too (one name
    per run, hallway.settings)."""
    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        for leftover in Path(name).parent.glob(Path(name).name + "*.write-lock"):
            leftover.unlink(missing_ok=True)


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
def hallway_team(db: None, owner: User) -> Team:
    """The owner's team; the owner is its owner."""
    from hallway.teams.services import team_create

    return team_create(owner=owner, name="Hallway")


@pytest.fixture
def teammate(db: None, owner: User, hallway_team: Team) -> User:
    """A member of the owner's Hallway team; the owner's people stay private until shared."""
    from hallway.teams.models import Membership

    user, team = _make_user("theo")
    user.groups.add(team)
    Membership.objects.create(team=hallway_team, user=user)
    return user


@pytest.fixture
def board_team(db: None, owner: User) -> Team:
    """A second team of the owner's where nothing is shared."""
    from hallway.teams.services import team_create

    return team_create(owner=owner, name="Board")


@pytest.fixture
def ungranted_teammate(db: None, owner: User, board_team: Team) -> User:
    """In a team with the owner, but granted nothing of the owner's."""
    from hallway.teams.models import Membership

    user, _ = _make_user("una")
    Membership.objects.create(team=board_team, user=user)
    return user


@pytest.fixture
def outsider(db: None) -> User:
    user, _ = _make_user("oscar")
    return user


def two_factor_on(user: User) -> Any:
    """Give the user a confirmed authenticator app (and ten recovery codes), as Settings →
    Two-factor authentication does; returns the authenticator (a django-otp TOTPDevice)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=StaticToken.random_token()) for _ in range(10)
    )
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


@pytest.fixture
def owner_two_factor(owner: User) -> Any:
    """The owner has two-factor on, as team owners and admins need to manage their team."""
    return two_factor_on(owner)


def _logged_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)
    return client


@pytest.fixture
def owner_client(owner: User) -> Client:
    return _logged_in_client(owner)


@pytest.fixture
def teammate_client(teammate: User) -> Client:
    return _logged_in_client(teammate)


@pytest.fixture
def ungranted_client(ungranted_teammate: User) -> Client:
    return _logged_in_client(ungranted_teammate)


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
def granted_person(person: Person, hallway_team: Team, teammate: User) -> Person:
    """The owner's person, shared with the Hallway team (so with the teammate) as the full story."""
    from hallway.teams.models import ShareLevel
    from hallway.teams.services import share_set

    share_set(person=person, team=hallway_team, level=ShareLevel.FULL)
    return person


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


# --- Mail ------------------------------------------------------------------------------------


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(item.content, policy=policy.default) for item in self.envelopes]  # type: ignore[misc]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on a free local port; Django sends to it over SMTP."""
    inbox = Inbox()
    port = _free_port()
    from aiosmtpd.controller import Controller

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


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
