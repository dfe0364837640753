"""Manifest, service worker, start page, the live app shell: who gets what."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from hallway.eventmode.services import event_check_in, live_conversation_start
from hallway.events.services import event_create
from hallway.pocket.icons import ICON_DIR


def test_the_manifest_describes_an_installable_app(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["display"] == "standalone" and data["scope"] == "/"
    assert data["start_url"] == "/app/start/?source=home-screen"
    assert data["theme_color"] == "#1d2330"
    purposes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_every_icon_has_the_size_it_claims() -> None:
    for name, size in (
        ("icon-192.png", 192),
        ("icon-512.png", 512),
        ("icon-maskable-512.png", 512),
        ("apple-touch-icon.png", 180),
    ):
        with Image.open(ICON_DIR / name) as image:
            assert image.size == (size, size), name


def test_the_service_worker_is_served_from_the_root_and_never_cached(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    script = response.content.decode()
    assert '"/static/pocket/queue.js"' in script and 'var SHELL = "/live/app/"' in script
    version = script.split('var VERSION = "')[1].split('"')[0]
    assert len(version) == 16


def test_start_opens_the_live_screen_of_todays_event(owner_client: Client, owner: Any) -> None:
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    event_create(owner=owner, name="Dinner", starts_at=timezone.now() + dt.timedelta(days=3))
    assert owner_client.get("/app/start/")["Location"] == f"/live/events/{event.pk}/"


def test_start_opens_the_checked_in_event_when_several_are_on(
    owner_client: Client, owner: Any
) -> None:
    event_create(owner=owner, name="Breakfast", starts_at=timezone.now())
    lunch = event_create(owner=owner, name="Lunch", starts_at=timezone.now())
    event_check_in(user=owner, event=lunch)
    assert owner_client.get("/app/start/")["Location"] == f"/live/events/{lunch.pk}/"


def test_start_opens_home_when_nothing_is_on(owner_client: Client, owner: Any) -> None:
    event_create(owner=owner, name="Later", starts_at=timezone.now() + dt.timedelta(days=3))
    assert owner_client.get("/app/start/")["Location"] == "/"


def test_start_ignores_other_peoples_events(
    teammate_client: Client, outsider_client: Client, owner: Any
) -> None:
    event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    for other in (teammate_client, outsider_client):
        assert other.get("/app/start/")["Location"] == "/"


@pytest.mark.parametrize("path", ["/app/start/", "/live/app/", "/live/waiting/"])
def test_anonymous_users_are_sent_to_log_in(client: Client, db: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_shell_carries_what_the_phone_needs(owner_client: Client, owner: Any) -> None:
    html = owner_client.get("/live/app/").content.decode()
    assert 'id="live-app"' in html and "eventmode/app.js" in html
    assert f'data-user="{owner.pk}"' in html and 'data-snapshot-url="/api/v1/live/snapshot"' in html


def test_a_conversation_started_offline_leads_to_its_real_page_once_it_arrived(
    owner_client: Client, owner: Any, other_clients: list[Client]
) -> None:
    conversation = live_conversation_start(
        user=owner, event=None, new_person_name="Nina", idempotency_key="c" * 32
    )
    response = owner_client.get(f"/live/conversations/{'c' * 32}/")
    assert response["Location"] == f"/live/conversations/{conversation.pk}/"
    # Not yet arrived (or someone else's): the shell, which draws it from the phone's queue.
    assert 'id="live-app"' in owner_client.get(f"/live/conversations/{'d' * 32}/").content.decode()
    for other in other_clients:
        response = other.get(f"/live/conversations/{'c' * 32}/")
        assert response.status_code == 200 and "Nina" not in response.content.decode()


def test_every_page_has_the_bottom_bar_with_more(owner_client: Client) -> None:
    html = owner_client.get("/people/").content.decode()
    bar = html.split('class="bottomnav"')[1].split("</nav>")[0]
    for label in ("Live", "People", "Search", "Due", "More", "+ Person", "+ Conversation"):
        assert f">{label}<" in bar
    for label in ("Reconnect", "Practice", "Import", "Events", "Settings"):
        assert f">{label}<" in bar.split("more-sheet")[1]
    assert 'aria-current="page">People<' in bar
