"""The phone app in a real Chromium at 360×740: installed, offline after a reload, exactly once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from hallway.accounts.services import token_create
from hallway.conftest import browser_login, save_screenshot
from hallway.conversations.models import Conversation
from hallway.eventmode.services import live_conversation_start, live_settings_get
from hallway.events.services import event_create
from hallway.people.models import Person
from hallway.people.services import person_create, person_update
from hallway.pocket.models import IdempotentRequest

pytestmark = pytest.mark.browser

# Controlled by the service worker, and the shell and the snapshot kept for offline use.
# Controlled by the service worker, with the shell and the snapshot kept (pwa.js sets
# data-pocket-ready once both are saved).
_READY_OFFLINE_JS = """() => navigator.serviceWorker.controller !== null
  && document.body.dataset.pocketReady === "1" && !!document.body.dataset.snapshotAt"""
_QUEUED_JS = """() => HallwayQueue.list().then((items) => items.map((item) => (
  {label: item.label, state: item.state, reason: item.reason, key: item.idempotencyKey})))"""


def _api(user: Any) -> tuple[Client, dict[str, str]]:
    _, secret = token_create(user=user, name="check")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _back_online(page: Any) -> None:
    """Network back: the queue sends everything, then the phone fetches a fresh snapshot."""
    before = page.evaluate("document.body.dataset.snapshotAt || ''")
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function(
        "(before) => document.body.dataset.pocketReady === '1' && (document.body.dataset.snapshotAt || '') !== before",
        arg=before,
        timeout=30_000,
    )


def _ready_offline(page: Any, live_server: Any, path: str = "/live/") -> None:
    """One online visit: the service worker installs and keeps what the phone needs."""
    page.goto(f"{live_server.url}{path}")
    page.wait_for_function(_READY_OFFLINE_JS, timeout=30_000)


def test_the_whole_event_offline_after_a_reload_arrives_exactly_once(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    event = event_create(
        owner=owner, name="CIO Summit", starts_at=timezone.now(), goal_new_connections=3
    )
    wanted = person_create(owner=owner, name="Aaron Wanted", company="Globex")
    event.want_to_meet.add(wanted)
    browser_login(page, live_server, "olivia")
    _ready_offline(page, live_server)

    page.context.set_offline(True)
    kept = page.reload()
    expect(page.locator("#pocket-offline")).to_contain_text("Offline — as of")
    expect(page.locator("h1")).to_have_text("Where are you?")
    # The kept copy is as locked down as the live page: it keeps its Content-Security-Policy.
    assert kept is not None and "script-src 'self'" in kept.headers["content-security-policy"]
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url(re.compile(rf"/live/events/{event.pk}/$"))
    expect(page.locator("#live-progress")).to_have_text("0 / 3")
    expect(page.locator("main")).to_contain_text("Aaron Wanted")

    page.get_by_role("link", name="Start a conversation").click()
    page.get_by_placeholder("Their name").fill("Nina New")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/live/conversations/[0-9a-f]{32}/$"))
    expect(page.locator("h1")).to_have_text("Nina New")
    expect(page.locator("#live-timer")).to_have_text(re.compile(r"^\d+:\d\d$"))

    page.get_by_text("What do you do?").click()
    # Opening a question puts the cursor in its field: the keyboard is up, no extra tap.
    expect(page.locator("#answer-work")).to_be_focused()
    page.locator("#answer-work").fill("Runs the data platform at a bank")
    page.locator("#answer-work").press("Enter")
    expect(page.locator("#live-story dl.known")).to_contain_text("Runs the data platform")
    page.get_by_text("Where are you from originally?").click()
    page.locator("#answer-origin").fill("Grew up in Porto")
    page.locator("#live-story form:has(#answer-origin) button").click()
    expect(page.locator("#live-story dl.known")).to_contain_text("Grew up in Porto")

    page.get_by_role("button", name="Eyes wandering around the room").click()
    expect(page.locator("#exit-prompt")).to_be_visible()
    expect(page.locator("#exit-reason")).to_have_text("Eyes wandering around the room")
    expect(page.locator("#next-person")).to_have_text("Aaron Wanted")
    expect(page.locator("input[name=outcome][value=cut_short]")).to_be_checked()
    page.locator("#followup").fill("send the article on Tuesday")
    expect(page.locator("#pocket-waiting")).to_contain_text("5 waiting to send")
    save_screenshot(page, "pocket/offline-live-screen.png")
    page.get_by_role("button", name="End conversation").click()
    page.wait_for_url(re.compile(rf"/live/events/{event.pk}/$"))
    expect(page.locator("#pocket-waiting")).to_contain_text("6 waiting to send")
    expect(page.locator("#live-progress")).to_have_text("1 / 3")

    # The list of what waits, in order.
    page.locator("#pocket-waiting").click()
    page.wait_for_url(re.compile(r"/live/waiting/$"))
    expect(page.locator("#waiting-list > li")).to_have_count(6)
    expect(page.locator("#waiting-list > li").first).to_contain_text("Check in: CIO Summit")
    expect(page.locator("#waiting-list > li").nth(1)).to_contain_text("Start: Nina New")
    save_screenshot(page, "pocket/waiting-to-send.png")
    assert not Conversation.objects.filter(owner=owner).exists()

    _back_online(page)
    expect(page.locator("#pocket-waiting")).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Nothing waiting to send")

    client, auth = _api(owner)
    listed = client.get(f"/api/v1/conversations?event_id={event.pk}", **auth).json()
    assert listed["count"] == 1
    conversation = listed["items"][0]
    assert conversation["learned"] == {
        "work": "Runs the data platform at a bank",
        "origin": "Grew up in Porto",
    }
    assert conversation["warning_signs"] == ["wandering_eyes"]
    assert conversation["outcome"] == "cut_short"
    assert [followup["text"] for followup in conversation["followups"]] == [
        "send the article on Tuesday"
    ]
    people = client.get("/api/v1/people?q=Nina", **auth).json()
    assert [person["name"] for person in people["items"]] == ["Nina New"]
    assert Person.objects.filter(owner=owner, name="Nina New").count() == 1
    assert live_settings_get(user=owner).current_event == event
    assert IdempotentRequest.objects.filter(owner=owner, status__lt=300).count() == 6

    # Sending everything again (a phone that never heard back) changes nothing.
    replayed = page.evaluate(
        """() => Promise.all(%s.map(([url, key]) => fetch(url, {method: "POST",
             headers: {"Idempotency-Key": key, "X-CSRFToken": document.cookie.match(/csrftoken=([^;]+)/)[1],
                       "Content-Type": "application/json"}, body: "{}"}).then((r) => r.headers.get("Idempotent-Replayed"))))"""
        % [[record.path, record.key] for record in IdempotentRequest.objects.filter(owner=owner)]
    )
    assert replayed == ["true"] * 6
    assert Conversation.objects.filter(owner=owner).count() == 1
    assert Person.objects.filter(owner=owner, name="Nina New").count() == 1


def test_a_story_changed_elsewhere_is_merged_and_the_merge_is_shown(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    jane = person_create(owner=owner, name="Jane Doe", story={"origin": "Grew up in Lyon"})
    conversation = live_conversation_start(user=owner, event=event, person=jane)
    browser_login(page, live_server, "olivia")
    _ready_offline(page, live_server, f"/live/conversations/{conversation.pk}/")

    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#live-story dl.known")).to_contain_text("Grew up in Lyon")
    # Meanwhile, on the laptop, the same facet gets more detail.
    person_update(person=jane, story={"work": "CIO at Acme"})
    page.get_by_text("What do you do?").click()
    page.locator("#answer-work").fill("Moving Acme to the cloud")
    page.locator("#answer-work").press("Enter")
    expect(page.locator("#pocket-waiting")).to_contain_text("1 waiting to send")

    _back_online(page)
    expect(page.locator("#pocket-merged")).to_be_visible()
    expect(page.locator("#pocket-merged")).to_contain_text("CIO at Acme")
    expect(page.locator("#pocket-merged")).to_contain_text("CIO at Acme; Moving Acme to the cloud")
    jane.refresh_from_db()
    # Nothing overwritten: both the laptop's and the phone's words are in the story.
    assert jane.work == "CIO at Acme; Moving Acme to the cloud"
    assert jane.origin == "Grew up in Lyon"
    page.locator("#pocket-merged-done").click()
    expect(page.locator("#pocket-merged")).to_be_hidden()


def test_a_refused_item_shows_why_and_can_be_fixed_or_discarded(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    browser_login(page, live_server, "olivia")
    _ready_offline(page, live_server, f"/live/events/{event.pk}/")
    page.context.set_offline(True)
    page.reload()
    page.get_by_role("link", name="Start a conversation").click()
    # A name the server cannot store (a NUL character pasted from somewhere).
    page.get_by_placeholder("Their name").fill("Nina\u0000 New")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/live/conversations/[0-9a-f]{32}/$"))
    page.get_by_text("What do you do?").click()
    page.locator("#answer-work").fill("Runs payments")
    page.locator("#answer-work").press("Enter")
    expect(page.locator("#pocket-waiting")).to_contain_text("2 waiting to send")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#pocket-waiting")).to_contain_text("(1 refused)", timeout=30_000)
    queued = page.evaluate(_QUEUED_JS)
    assert [item["state"] for item in queued] == ["refused", "waiting"]
    assert "NUL" in queued[0]["reason"]
    assert not Conversation.objects.filter(owner=owner).exists()

    page.locator("#pocket-waiting").click()
    page.wait_for_url(re.compile(r"/live/waiting/$"))
    refused = page.locator("#waiting-list > li.refused")
    expect(refused).to_contain_text("NUL")
    save_screenshot(page, "pocket/refused-item.png")
    refused.get_by_label("Fix name").fill("Nina New")
    before = page.evaluate("document.body.dataset.snapshotAt || ''")
    refused.get_by_role("button", name="Fix and send").click()
    expect(page.locator("h1")).to_have_text("Nothing waiting to send", timeout=30_000)
    page.wait_for_function(
        "(before) => document.body.dataset.pocketReady === '1' && document.body.dataset.snapshotAt !== before",
        arg=before,
    )
    conversation = Conversation.objects.get(owner=owner)
    assert conversation.person.name == "Nina New"
    assert conversation.learned == {"work": "Runs payments"}

    # Discarding: a refused capture for an ended conversation goes away when the user says so.
    page.context.set_offline(True)
    page.evaluate(
        """(id) => HallwayQueue.add({url: `/api/v1/conversations/${id}/capture`,
                                     body: {facet: "hobby", text: "x"}, label: "Hobby: x"})""",
        conversation.pk,
    )
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#waiting-list > li.refused")).to_contain_text("Unknown facet")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#waiting-list > li.refused").get_by_role("button", name="Discard").click()
    expect(page.locator("h1")).to_have_text("Nothing waiting to send")


def test_install_criteria_manifest_and_a_controlling_service_worker(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(f"{live_server.url}{href}")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone" and data["name"] and data["short_name"]
    assert data["start_url"].startswith("/app/start/") and data["scope"] == "/"
    sizes = {icon["sizes"] for icon in data["icons"] if icon.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    for icon in data["icons"]:
        assert page.request.get(f"{live_server.url}{icon['src']}").ok
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == f"{live_server.url}/"
    # What Chromium itself says about installability (no errors = the install prompt may show).
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito, where Chromium never offers to install; nothing else.
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []
    save_screenshot(page, "pocket/installed-home.png")


def test_logging_out_leaves_nothing_of_the_user_on_the_phone(
    phone_page: Any, live_server: Any, owner: Any, outsider: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="Secret Dinner", starts_at=timezone.now())
    browser_login(page, live_server, "olivia")
    _ready_offline(page, live_server, f"/live/events/{event.pk}/")
    page.goto(f"{live_server.url}/accounts/settings/")
    page.get_by_role("button", name="Log out").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    browser_login(page, live_server, "oscar")
    page.wait_for_function(_READY_OFFLINE_JS, timeout=30_000)
    left = page.evaluate(
        """async () => {
          const cache = await caches.open("hallway-user");
          const texts = await Promise.all((await cache.keys()).map((r) => cache.match(r).then((x) => x.text())));
          const db = await HallwayQueue.db();
          const keys = await new Promise((ok) => { const r = db.transaction("state").objectStore("state").getAllKeys(); r.onsuccess = () => ok(r.result); });
          return {olivia: texts.filter((t) => t.includes("olivia") || t.includes("Secret Dinner")).length, keys};
        }"""
    )
    assert left["olivia"] == 0
    assert not [key for key in left["keys"] if key.endswith(f":{owner.pk}")], left
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/live/events/{event.pk}/")
    expect(page.locator("main")).to_contain_text("Not saved on this phone")
    expect(page.locator("body")).not_to_contain_text("Secret Dinner")
