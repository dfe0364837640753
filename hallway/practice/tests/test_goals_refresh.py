"""Saving goals refreshes everything the goals change, without a reload."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from hallway.conftest import browser_login
from hallway.practice.tests.dataset import NOW, build_practice_history

MET_ALL = "You have met all your goals for November."
EASY_GOALS = {"events_per_month": "1", "new_people_per_event": "2", "connections_per_month": "1"}


@pytest.fixture
def travelling():
    with time_machine.travel(NOW, tick=True):
        yield


def test_the_htmx_answer_to_saving_goals_carries_fresh_insights_and_numbers(
    owner_client, owner, travelling
):
    build_practice_history(owner)
    assert MET_ALL not in owner_client.get(reverse("practice:progress")).content.decode()
    response = owner_client.post(
        reverse("practice:goals"), EASY_GOALS, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="practice-goals"' in html and "Goals saved." in html
    insights = html[html.index('id="practice-insights"') :]
    assert 'hx-swap-oob="true"' in insights.split(">", 1)[0]
    assert MET_ALL in insights
    assert '<dd id="streak">3 months</dd>' in html
    assert 'id="months-table" hx-swap-oob="true"' in html


def test_someone_else_saving_goals_changes_nothing_for_the_owner(
    owner_client, outsider_client, owner, travelling
):
    build_practice_history(owner)
    outsider_client.post(reverse("practice:goals"), EASY_GOALS, headers={"HX-Request": "true"})
    assert MET_ALL not in owner_client.get(reverse("practice:progress")).content.decode()


@pytest.mark.browser
def test_insights_and_streak_change_as_soon_as_goals_are_saved(
    page, live_server, owner, travelling
):
    build_practice_history(owner)
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/practice/")
    assert MET_ALL not in page.locator("#practice-insights").inner_text()
    for field, value in EASY_GOALS.items():
        page.fill(f"#id_{field}", value)
    page.click("#practice-goals button[type=submit]")
    page.wait_for_selector("#practice-goals >> text=Goals saved.")
    # No reload: the insights, the streak and the month table were swapped in with the goals.
    page.wait_for_function(
        "(text) => document.querySelector('#practice-insights').innerText.includes(text)",
        arg=MET_ALL,
    )
    assert page.locator("#streak").inner_text() == "3 months"
    assert page.locator("#months-table tbody tr").first.locator("td").last.inner_text() == "met"
