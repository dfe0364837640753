"""The main paths in a real Chromium: person briefing, event briefing, ticking a follow-up on Due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hallway.conftest import browser_login
from hallway.conversations.models import FollowUp
from hallway.conversations.services import conversation_log, followup_add
from hallway.events.services import event_create
from hallway.people.services import note_add, person_create

pytestmark = pytest.mark.browser


def test_from_the_person_page_the_briefing_is_one_tap_away(
    page: Any, live_server: Any, owner: Any
) -> None:
    jane = person_create(
        owner=owner, name="Jane Doe", company="Acme", story={"work": "Runs IT at Acme"}
    )
    conversation_log(
        owner=owner,
        person=jane,
        started_at=timezone.now() - dt.timedelta(days=20),
        notes="Moving to Berlin in March",
    )
    note_add(
        person=jane,
        text="Training for the Boston marathon",
        date=timezone.localdate() - dt.timedelta(days=60),
    )
    followup_add(person=jane, text="Send the FinOps article")
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/people/{jane.pk}/")
    page.click("#briefing-button")
    page.wait_for_url(f"{live_server.url}/recall/people/{jane.pk}/")
    questions = page.locator("#next-questions li")
    assert questions.nth(0).inner_text().startswith("How is life in Berlin?")
    assert questions.nth(1).inner_text().startswith("How did the Boston marathon go?")
    assert "Moving to Berlin in March" in page.locator("#last-talk").inner_text()
    assert "Send the FinOps article" in page.locator("#open-followups").inner_text()


def test_event_briefing_matches_a_pasted_attendee_list_and_prints(
    page: Any, live_server: Any, owner: Any
) -> None:
    person_create(
        owner=owner, name="Sam Lee", email="sam@globex.example", story={"passions": "Jazz piano"}
    )
    event = event_create(
        owner=owner,
        name="CIO Dinner",
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Boston",
    )
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/recall/events/{event.pk}/")
    assert "Nobody you know is linked" in page.locator("#known-people").inner_text()
    page.fill("textarea[name=text]", "Someone <SAM@globex.example>\nNew Face, Initech")
    page.click("#attendee-form button[type=submit]")
    page.locator("#known-people .known").first.wait_for()
    card = page.locator("#known-people .known").first
    assert "Sam Lee" in card.inner_text() and "Jazz piano" in card.inner_text()
    assert "1 you already know" in page.locator("#attendee-summary").inner_text()
    # The print stylesheet hides the forms and the navigation: a clean cheat sheet.
    page.emulate_media(media="print")
    assert not page.locator("#attendee-form").is_visible()
    assert not page.locator("header.topbar").is_visible()
    assert page.locator("#known-people .known").first.is_visible()
    page.emulate_media(media="screen")
    response = page.request.get(f"{live_server.url}/recall/events/{event.pk}/briefing.pdf")
    assert response.ok and response.body().startswith(b"%PDF")


def test_ticking_a_followup_on_the_due_screen_on_a_phone(
    phone_page: Any, live_server: Any, owner: Any
) -> None:
    jane = person_create(owner=owner, name="Jane Doe")
    late = followup_add(
        person=jane, text="Send the article", due=timezone.localdate() - dt.timedelta(days=3)
    )
    followup_add(
        person=jane, text="Book the dinner", due=timezone.localdate() + dt.timedelta(days=3)
    )
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/recall/due/")
    row = phone_page.locator(f"#due-{late.pk}")
    assert "Send the article" in phone_page.locator("#due-overdue").inner_text()
    row.get_by_role("button", name="Mark “Send the article” as done").click()
    phone_page.locator(f"#due-{late.pk}.done").wait_for()
    assert FollowUp.objects.get(pk=late.pk).done is True
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.reload()
    assert "Send the article" not in phone_page.content()
    assert "Book the dinner" in phone_page.locator("#due-upcoming").inner_text()


def test_reconnect_screen_opens_the_briefing(page: Any, live_server: Any, owner: Any) -> None:
    late = person_create(
        owner=owner,
        name="Late Larry",
        keep_in_touch_days=30,
        last_contact_at=timezone.now() - dt.timedelta(days=45),
    )
    browser_login(page, live_server, owner.username)
    page.click("nav.mainnav >> text=Reconnect")
    page.wait_for_url(f"{live_server.url}/recall/reconnect/")
    assert "15 days overdue" in page.locator(f"[data-person='{late.pk}']").inner_text()
    page.locator(f"[data-person='{late.pk}'] >> text=Briefing").click()
    page.wait_for_url(f"{live_server.url}/recall/people/{late.pk}/")


def test_briefings_and_lists_fit_a_phone(phone_page: Any, live_server: Any, owner: Any) -> None:
    jane = person_create(
        owner=owner,
        name="Jane Doe-Wellington-Smythe",
        company="Acme Interplanetary Logistics",
        role="Chief Information Officer",
        keep_in_touch_days=7,
        last_contact_at=timezone.now() - dt.timedelta(days=30),
        story={"work": "Runs IT at Acme", "passions": "Ocean sailing and long-distance running"},
    )
    note_add(person=jane, text="Starting a new job at Globex Corporation International next month")
    followup_add(
        person=jane,
        text="Send the very long article about FinOps practices in large retailers",
        due=timezone.localdate(),
    )
    event = event_create(
        owner=owner, name="CIO Summit Europe 2026", starts_at=timezone.now(), want_to_meet=[jane]
    )
    browser_login(phone_page, live_server, owner.username)
    for path in (
        f"/recall/people/{jane.pk}/",
        f"/recall/events/{event.pk}/",
        "/recall/reconnect/",
        "/recall/due/",
    ):
        phone_page.goto(f"{live_server.url}{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path
