"""The live flow in a real Chromium on a 360×740 phone viewport."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from hallway.conftest import browser_login
from hallway.conversations.models import Conversation, FollowUp
from hallway.eventmode.models import ProcessedCapture
from hallway.eventmode.services import live_conversation_start
from hallway.events.services import event_create
from hallway.people.services import person_create

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "event-mode"
MIN_TAP = 44
# What a thumb taps. Radio buttons sit inside a label.choice, which is the real target.
_TAPPABLE = (
    "main a, main button, main summary, main select, main label.choice, "
    "main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), .topbar a"
)
_SMALL_TARGETS_JS = """([selector, minimum]) => Array.from(document.querySelectorAll(selector))
  .filter((el) => el.offsetParent !== null)
  .map((el) => { const box = el.getBoundingClientRect();
                 return {text: (el.textContent || el.name || el.tagName).trim().slice(0, 40),
                         width: Math.round(box.width), height: Math.round(box.height)}; })
  .filter((box) => box.height < minimum || box.width < minimum)"""


# Bytes as sent over the wire (encoded: after any compression) for each script and stylesheet.
_JS_AND_CSS_JS = """() => performance.getEntriesByType("resource")
  .filter((entry) => /\\.(js|css)(\\?|$)/.test(entry.name))
  .map((entry) => [entry.name, entry.encodedBodySize])"""


# What waits in the phone's queue (IndexedDB), with each item's form fields.
_QUEUED_JS = """() => HallwayQueue.list().then((items) => items.map((item) => (
  {key: item.idempotencyKey, fields: HallwayQueue.fields(item), state: item.state})))"""


def _snap(page: Any, name: str) -> None:
    """Screenshots for the docs, when asked for: HALLWAY_SCREENSHOTS=1."""
    if os.environ.get("HALLWAY_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _assert_tap_targets(page: Any) -> None:
    """Every target is thumb-sized, and nothing makes the 360 px page scroll sideways."""
    small = page.evaluate(_SMALL_TARGETS_JS, [_TAPPABLE, MIN_TAP])
    assert small == [], f"tap targets under {MIN_TAP}px on {page.url}: {small}"
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} is wider than the phone: {widths}"


def test_the_whole_live_flow_on_a_phone(phone_page: Any, live_server: Any, owner: Any) -> None:
    page = phone_page
    event = event_create(
        owner=owner, name="CIO Summit", starts_at=timezone.now(), goal_new_connections=3
    )
    wanted = person_create(owner=owner, name="Aaron Wanted", company="Globex")
    event.want_to_meet.add(wanted)
    browser_login(page, live_server, "olivia")

    # Check in from the home page.
    card = page.locator("#live-checkin-card")
    expect(card).to_contain_text("CIO Summit")
    _snap(page, "01-home-check-in")
    card.get_by_role("button", name="Check in").click()
    page.wait_for_url(re.compile(rf"/live/events/{event.pk}/$"))
    expect(page.locator("main")).to_contain_text("Goal: meet 3 new people")
    expect(page.locator("#live-progress")).to_have_text("0 / 3")
    expect(page.locator("main")).to_contain_text("Aaron Wanted")
    _assert_tap_targets(page)
    _snap(page, "02-event")

    # Two taps: "Start a conversation", then start with a new person by name.
    page.get_by_role("link", name="Start a conversation").click()
    _assert_tap_targets(page)
    page.get_by_placeholder("Their name").fill("Nina New")
    _snap(page, "03-start")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/live/conversations/\d+/$"))
    expect(page.locator("#live-timer")).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(page.locator("#live-story")).to_contain_text("What do you do?")
    _assert_tap_targets(page)
    _snap(page, "04-conversation")

    # Capture two facets: each question opens a one-line field; answers go into the story.
    page.get_by_text("What do you do?").click()
    page.locator("#answer-work").fill("Runs the data platform at a bank")
    page.locator("#answer-work").press("Enter")
    expect(page.locator("#live-story dl.known")).to_contain_text("Runs the data platform at a bank")
    page.get_by_text("Where are you from originally?").click()
    page.locator("#answer-origin").fill("Grew up in Porto")
    page.locator("#live-story form:has(#answer-origin) button").click()
    expect(page.locator("#live-story dl.known")).to_contain_text("Grew up in Porto")
    _snap(page, "05-captured")

    # A warning sign brings up a polite exit line and the next person on the list.
    expect(page.locator("#exit-prompt")).to_be_hidden()
    page.get_by_role("button", name="Eyes wandering around the room").click()
    expect(page.locator("#exit-prompt")).to_be_visible()
    expect(page.locator("#exit-prompt")).to_contain_text("Eyes wandering around the room")
    expect(page.locator("#next-person")).to_have_text("Aaron Wanted")
    expect(page.get_by_role("button", name="Eyes wandering around the room")).to_have_attribute(
        "aria-pressed", "true"
    )
    _assert_tap_targets(page)
    page.locator("#exit-prompt").scroll_into_view_if_needed()
    _snap(page, "06-warning-sign-exit-line")

    # End in one tap: the early sign makes "cut short" the suggestion; a one-line follow-up.
    expect(page.locator("input[name=outcome][value=cut_short]")).to_be_checked()
    page.locator("label.choice", has_text="Cards only").click()
    page.locator("#followup").fill("send the article on Tuesday")
    page.locator("#live-end").scroll_into_view_if_needed()
    _snap(page, "07-end")
    page.get_by_role("button", name="End conversation").click()
    page.wait_for_url(re.compile(rf"/live/events/{event.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(
        "Ended with Nina New: Cards only. Follow-up due Tue"
    )
    expect(page.locator("#live-progress")).to_have_text("1 / 3")

    conversation = Conversation.objects.get(owner=owner)
    assert conversation.outcome == "cards_only"
    assert conversation.warning_signs == ["wandering_eyes"]
    assert conversation.person.work == "Runs the data platform at a bank"
    assert conversation.person.origin == "Grew up in Porto"
    followup = FollowUp.objects.get(conversation=conversation)
    assert followup.due is not None and followup.due.weekday() == 1

    # The review: missing contact details flagged, the reflection written, the goal compared.
    page.get_by_role("link", name="Review the event").click()
    expect(page.locator("main")).to_contain_text("No email or phone yet")
    expect(page.locator("#review-new-people")).to_contain_text("1")
    expect(page.locator("#review-cards")).to_have_text("1")
    _assert_tap_targets(page)
    _snap(page, "08-review")
    page.get_by_label("Your reflection").fill("Opened well; should have moved on sooner.")
    _snap(page, "09-review-reflection")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.locator(".messages")).to_contain_text("Reflection saved.")
    event.refresh_from_db()
    assert event.reflection == "Opened well; should have moved on sooner."


def test_a_capture_made_offline_is_kept_and_arrives_exactly_once(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    conversation = live_conversation_start(user=owner, event=event, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    posts: list[str] = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )

    page.context.set_offline(True)
    page.get_by_text("What do you do?").click()
    page.locator("#answer-work").fill("Runs payments at Acme")
    page.locator("#live-story form:has(#answer-work) button").click()
    expect(page.locator("#pocket-waiting")).to_contain_text("1 waiting to send")
    expect(page.locator("#live-story-pending")).to_contain_text(
        "Runs payments at Acme (waiting to send)"
    )
    # A warning sign tapped offline still brings up the exit line right away.
    page.get_by_role("button", name="Checking their phone").click()
    expect(page.locator("#pocket-waiting")).to_contain_text("2 waiting to send")
    expect(page.locator("#exit-prompt")).to_be_visible()
    expect(page.locator("#exit-reason")).to_have_text("Checking their phone")
    _snap(page, "10-offline-pending")
    # Kept on the phone (IndexedDB: it survives closing the page), each with its idempotency key.
    queued = page.evaluate(_QUEUED_JS)
    assert [item["fields"]["idempotency_key"] != "" for item in queued] == [True, True]
    assert [item["key"] == item["fields"]["idempotency_key"] for item in queued] == [True, True]
    assert queued[0]["fields"]["text"] == "Runs payments at Acme"
    conversation.refresh_from_db()
    assert conversation.learned == {} and conversation.warning_signs == []

    page.context.set_offline(False)
    expect(page.locator("#pocket-waiting")).to_be_hidden()
    expect(page.locator("#live-story dl.known")).to_contain_text("Runs payments at Acme")
    expect(page.get_by_role("button", name="Checking their phone")).to_have_attribute(
        "aria-pressed", "true"
    )
    conversation.refresh_from_db()
    assert conversation.learned == {"work": "Runs payments at Acme"}
    assert conversation.warning_signs == ["checking_phone"]
    assert ProcessedCapture.objects.filter(conversation=conversation, action="capture").count() == 1
    assert ProcessedCapture.objects.filter(conversation=conversation, action="sign").count() == 1
    assert page.evaluate(_QUEUED_JS) == []


def test_a_capture_whose_answer_was_lost_is_retried_but_applied_once(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    conversation = live_conversation_start(user=owner, event=None, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    keys: list[str] = []

    def reach_server_then_drop_the_answer(route: Any) -> None:
        keys.append(route.request.post_data)
        route.fetch()  # the server applies it...
        # ...but the phone never hears back. (With the service worker in the way Playwright
        # may already count the route as handled; the phone still gets no answer either way,
        # which the "1 waiting to send" below checks.)
        with contextlib.suppress(PlaywrightError):
            route.abort("connectionreset")

    page.route("**/capture/", reach_server_then_drop_the_answer)
    page.get_by_text("What drives them", exact=False).count()
    page.get_by_text("What gets you out of bed in the morning?").click()
    page.locator("#answer-drivers").fill("Fixing healthcare IT")
    page.locator("#live-story form:has(#answer-drivers) button").click()
    expect(page.locator("#pocket-waiting")).to_contain_text("1 waiting to send")
    conversation.refresh_from_db()
    assert conversation.learned == {"drivers": "Fixing healthcare IT"}

    page.unroute("**/capture/")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#pocket-waiting")).to_be_hidden()
    expect(page.locator("#live-story dl.known")).to_contain_text("Fixing healthcare IT")
    records = ProcessedCapture.objects.filter(conversation=conversation)
    assert records.count() == 1
    assert records.get().key in keys[0]


def test_the_event_and_conversation_screens_load_under_100_kb_of_js_and_css(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    conversation = live_conversation_start(user=owner, event=event, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    # Measure what a first visit transfers, not what the cache kept from the previous page.
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    for url in (f"/live/events/{event.pk}/", f"/live/conversations/{conversation.pk}/"):
        page.goto(f"{live_server.url}{url}", wait_until="load")
        files = page.evaluate(_JS_AND_CSS_JS)
        total = sum(size for _, size in files)
        print(f"{url}: {total} bytes of JS+CSS transferred in {len(files)} files")
        # app.css, pocket.css, live.css, htmx, queue.js, pwa.js (the phone app), live.js,
        # actions.js (the page's handlers, no inline script under the CSP) and, where a
        # recorder is on the screen, voice/lazy.js; the voice memo recorder's own code and
        # style load only when its button is tapped
        names = sorted(name.split("?")[0].rsplit("/", 1)[-1] for name, _ in files)
        expected = [
            "actions.js",
            "app.css",
            "htmx-2.0.11.min.js",
            "live.css",
            "live.js",
            "pocket.css",
            "pwa.js",
            "queue.js",
        ]
        assert [name for name in names if name != "lazy.js"] == expected, names
        assert names.count("lazy.js") <= 1
        assert not any("chart" in name for name, _ in files)
        assert total < 100 * 1024


def test_the_exit_prompt_appears_by_itself_when_the_conversation_runs_long(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    from hallway.eventmode.services import live_settings_get, live_settings_update

    page = phone_page
    live_settings_update(
        live_settings=live_settings_get(user=owner),
        long_conversation_minutes=2,
        exit_lines="Let me grab a coffee.",
    )
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    wanted = person_create(owner=owner, name="Aaron Wanted")
    event.want_to_meet.add(wanted)
    conversation = live_conversation_start(user=owner, event=event, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    page.clock.install()
    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    expect(page.locator("#exit-prompt")).to_be_hidden()
    page.clock.run_for("01:30")
    expect(page.locator("#live-timer")).to_have_text(re.compile(r"^1:3\d$"))
    expect(page.locator("#exit-prompt")).to_be_hidden()
    page.clock.run_for("00:40")
    expect(page.locator("#exit-prompt")).to_be_visible()
    expect(page.locator("#exit-reason")).to_have_text("You have been talking for over 2 minutes")
    expect(page.locator("#exit-line")).to_have_text("Let me grab a coffee.")
    expect(page.locator("#next-person")).to_have_text("Aaron Wanted")
    expect(page.locator("#live-timer")).to_have_class(re.compile(r"\blong\b"))


def test_starting_with_a_known_person_found_by_search(
    phone_page: Any, live_server: Any, owner: Any, person: Any
) -> None:
    page = phone_page
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/live/events/{event.pk}/start/")
    page.get_by_placeholder("Search by name or company").fill("acme")
    result = page.locator("#search-results").get_by_role("button", name="Jane Doe · Acme Corp")
    expect(result).to_be_visible()
    _assert_tap_targets(page)
    result.click()
    page.wait_for_url(re.compile(r"/live/conversations/\d+/$"))
    # Work and origin are known already: the next safe question is about education.
    expect(page.locator("#live-story .questions summary").first).to_contain_text(
        "Where did you study?"
    )
    expect(page.locator("#live-story dl.known")).to_contain_text("Runs IT at Acme")
    assert Conversation.objects.get(owner=owner).person == person


def test_the_answer_field_stays_usable_when_the_keyboard_shrinks_the_page(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    conversation = live_conversation_start(user=owner, event=None, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    page.get_by_text("What gets you out of bed in the morning?").click()
    field = page.locator("#answer-drivers")
    field.focus()
    before = page.evaluate("document.documentElement.clientWidth")
    # The on-screen keyboard takes ~45% of the height; the page resizes to what is left.
    page.set_viewport_size({"width": 360, "height": 400})
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 400
    # Nothing (a sticky bar, the pending banner) sits on top of it.
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).id",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top == "answer-drivers"
    assert page.evaluate("document.documentElement.clientWidth") == before
    assert page.evaluate("document.activeElement.id") == "answer-drivers"


def test_a_capture_keeps_the_outcome_chosen_and_the_follow_up_typed(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    page = phone_page
    conversation = live_conversation_start(user=owner, event=None, new_person_name="Nina New")
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/live/conversations/{conversation.pk}/")
    page.locator("label.choice", has_text="Cut short").click()
    page.locator("#followup").fill("send the deck tomorrow")
    page.get_by_text("What gets you out of bed in the morning?").click()
    page.locator("#answer-drivers").fill("Open source")
    page.locator("#answer-drivers").press("Enter")
    expect(page.locator("#live-story dl.known")).to_contain_text("Open source")
    # The new suggestion is "connected", but the user's own choice and text stay.
    expect(page.locator("#live-end")).to_contain_text("(suggested)")
    expect(page.locator("input[name=outcome][value=connected]")).not_to_be_checked()
    expect(page.locator("input[name=outcome][value=cut_short]")).to_be_checked()
    expect(page.locator("#followup")).to_have_value("send the deck tomorrow")
