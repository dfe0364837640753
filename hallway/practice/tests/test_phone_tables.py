"""On a phone, a practice table too wide for the screen says it scrolls sideways."""

from __future__ import annotations

import pytest
import time_machine

from hallway.conftest import browser_login
from hallway.practice.tests.dataset import NOW, build_practice_history


@pytest.fixture
def travelling():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.mark.browser
def test_wide_tables_say_they_scroll_on_a_phone_and_not_on_a_laptop(
    phone_page, page, live_server, owner, travelling
):
    build_practice_history(owner)
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/practice/")
    months = phone_page.locator("#months-table").locator("xpath=..")
    assert months.evaluate("(wrap) => wrap.scrollWidth > wrap.clientWidth")
    hint = months.locator("xpath=preceding-sibling::p[contains(@class, 'scroll-hint')]")
    assert "sideways" in hint.inner_text()
    # A table that fits gets no hint.
    outcomes = phone_page.locator("#outcomes-table").locator("xpath=..")
    assert outcomes.evaluate("(wrap) => wrap.scrollWidth <= wrap.clientWidth + 1")
    assert (
        outcomes.locator("xpath=preceding-sibling::p[contains(@class, 'scroll-hint')]").count() == 0
    )

    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/practice/")
    page.locator("#months-table").wait_for()
    assert page.locator(".scroll-hint").count() == 0


@pytest.mark.browser
def test_reconnect_rows_line_up_in_columns_on_a_laptop(page, live_server, owner):
    import datetime as dt

    from django.utils import timezone

    from hallway.people.services import person_create

    long_ago = timezone.now() - dt.timedelta(days=400)
    person_create(
        owner=owner, name="Al", company="X", keep_in_touch_days=30, last_contact_at=long_ago
    )
    person_create(
        owner=owner,
        name="Bartholomew Featherstonehaugh-Smythe",
        role="Chief Information Security Officer",
        company="Northwind Health and Hospitals",
        keep_in_touch_days=90,
        last_contact_at=long_ago,
    )
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/recall/reconnect/")
    lefts = page.eval_on_selector_all(
        ".reconnect-row",
        """(rows) => rows.map((row) => [
            row.querySelector('.reconnect-when').getBoundingClientRect().left,
            row.querySelector('.button').getBoundingClientRect().left])""",
    )
    assert len(lefts) == 2
    assert abs(lefts[0][0] - lefts[1][0]) < 1 and abs(lefts[0][1] - lefts[1][1]) < 1
