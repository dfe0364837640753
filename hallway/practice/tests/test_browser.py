"""The progress screen in a real Chromium: charts drawn by Chart.js beside tables of the numbers."""

from __future__ import annotations

import pytest
import time_machine

from hallway.conftest import browser_login, save_screenshot
from hallway.practice.tests.dataset import NOW, build_practice_history

CHARTS_DRAWN = """() => {
  const canvases = [...document.querySelectorAll('canvas[data-chart]')];
  return canvases.length === 4 && typeof Chart !== 'undefined' && canvases.every((c) => Chart.getChart(c));
}"""


@pytest.fixture
def travelling():
    # Time runs (tick) from NOW so the browser, the server and the data agree on "this month".
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.mark.browser
def test_progress_screen_draws_charts_beside_their_numbers(page, live_server, owner, travelling):
    build_practice_history(owner)
    browser_login(page, live_server, owner.username)
    page.click("nav.mainnav >> text=Practice")
    page.wait_for_url(f"{live_server.url}/practice/")
    page.wait_for_function(CHARTS_DRAWN)
    types = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')].map((c) => Chart.getChart(c).config.type)"
    )
    assert types == ["line", "bar", "doughnut", "bar"]
    rate_data = page.evaluate(
        "() => Chart.getChart(document.getElementById('chart-connection-rate')).data.datasets[0].data"
    )
    assert rate_data[-3:] == [25, 50, 50]  # Sep, Oct, Nov in percent
    november = page.locator("#months-table tbody tr").first
    assert november.locator("th").inner_text() == "Nov 2026"
    assert november.locator("td").all_inner_texts()[:5] == ["2 (+1 planned)", "5", "4", "2", "50%"]
    assert page.locator("#connection-rate").inner_text() == "40%"
    assert (
        "Wandering eyes came up in 4 of your last 11 conversations"
        in page.locator(".insights").inner_text()
    )
    save_screenshot(page, "practice-progress-laptop.png", full_page=True)


@pytest.mark.browser
def test_goals_are_saved_from_the_progress_screen(page, live_server, owner, travelling):
    build_practice_history(owner)
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/practice/")
    page.fill("#id_events_per_month", "1")
    page.fill("#id_new_people_per_event", "2")
    page.fill("#id_connections_per_month", "1")
    page.click("#practice-goals button[type=submit]")
    page.wait_for_selector("#practice-goals >> text=Goals saved.")
    page.reload()
    assert "suggested goals" not in page.locator("#practice-goals").inner_text()
    assert "You have met all your goals for November." in page.locator(".insights").inner_text()
    assert page.locator("#streak").inner_text() == "3 months"


@pytest.mark.browser
def test_progress_screen_fits_a_phone(phone_page, live_server, owner, travelling):
    build_practice_history(owner)
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/practice/")
    phone_page.wait_for_function(CHARTS_DRAWN)
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 360
    save_screenshot(phone_page, "practice-progress-phone.png", full_page=True)


@pytest.mark.browser
def test_a_new_user_sees_the_empty_state_and_no_charts(page, live_server, teammate, travelling):
    browser_login(page, live_server, teammate.username)
    page.goto(f"{live_server.url}/practice/")
    assert "No practice to show yet." in page.locator("#practice-empty").inner_text()
    assert page.locator("canvas").count() == 0
    assert page.locator("#goals-table").is_visible()
