"""The Due screen's counts follow the ticks at once, without a reload."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from hallway.conftest import browser_login
from hallway.conversations.services import followup_add
from hallway.people.services import person_create


@pytest.fixture
def two_due(owner: Any) -> tuple[Any, Any]:
    jane = person_create(owner=owner, name="Jane Doe")
    today = timezone.localdate()
    late = followup_add(person=jane, text="Send the article", due=today - dt.timedelta(days=3))
    soon = followup_add(person=jane, text="Book the dinner", due=today + dt.timedelta(days=3))
    return late, soon


def test_ticking_a_followup_answers_with_the_new_counts(owner_client, two_due):
    late, _soon = two_due
    response = owner_client.post(
        reverse("recall:followup_done", args=[late.pk]), {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert '<p class="muted" id="due-summary" hx-swap-oob="true">1 open follow-up.' in body
    assert 'id="due-count-overdue" hx-swap-oob="true">0<' in body
    assert 'id="due-count-upcoming" hx-swap-oob="true">1<' in body
    undo = owner_client.post(
        reverse("recall:followup_done", args=[late.pk]), {"done": "0"}, HTTP_HX_REQUEST="true"
    )
    assert "2 open follow-ups." in undo.content.decode()


def test_the_counts_in_the_answer_are_only_the_owners(owner_client, outsider, two_due):
    other = person_create(owner=outsider, name="Oscar's contact")
    followup_add(person=other, text="Not yours", due=timezone.localdate())
    late, _soon = two_due
    response = owner_client.post(
        reverse("recall:followup_done", args=[late.pk]), {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "1 open follow-up." in response.content.decode()
    assert 'id="due-count-today" hx-swap-oob="true">0<' in response.content.decode()


@pytest.mark.browser
def test_the_due_counts_change_as_soon_as_a_followup_is_ticked(
    phone_page: Any, live_server: Any, owner: Any, two_due: Any
) -> None:
    late, _soon = two_due
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/recall/due/")
    assert phone_page.locator("#due-summary").inner_text().startswith("2 open follow-ups")
    assert phone_page.locator("#due-count-overdue").inner_text() == "1"
    phone_page.get_by_role("button", name="Mark “Send the article” as done").click()
    phone_page.locator(f"#due-{late.pk}.done").wait_for()
    assert phone_page.locator("#due-summary").inner_text().startswith("1 open follow-up.")
    assert phone_page.locator("#due-count-overdue").inner_text() == "0"
    assert phone_page.locator("#due-count-upcoming").inner_text() == "1"
