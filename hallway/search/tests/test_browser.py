from __future__ import annotations

from typing import Any

import pytest

from hallway.conftest import browser_login
from hallway.people.services import person_create

pytestmark = pytest.mark.browser


def test_results_appear_as_you_type_and_open_the_person(
    page: Any, live_server: Any, owner: Any, outsider: Any
) -> None:
    sailor = person_create(
        owner=owner,
        name="Margaret Okonkwo",
        role="CTO",
        story={"passions": "Loves sailing on Lake Erie"},
    )
    person_create(owner=outsider, name="Margaret Sailor", story={"passions": "sailing"})
    browser_login(page, live_server, owner.username)
    page.click("nav.mainnav >> text=Search")
    page.wait_for_url(f"{live_server.url}/search/")
    page.check("input[name=mode][value=keyword]")
    page.locator("#search-q").press_sequentially("sail", delay=30)
    hit = page.locator("#search-hits .search-hit")
    hit.first.wait_for()
    assert hit.count() == 1
    assert page.locator("#search-hits mark").first.inner_text().lower() == "sailing"
    assert "q=sail" in page.url  # the search is in the address: back and reload keep it
    page.locator("#search-q").fill("Okonkow")
    page.locator("#search-results >> text=Showing names close to").wait_for()
    hit.first.click()
    page.wait_for_url(f"{live_server.url}/people/{sailor.pk}/")


def test_the_search_page_fits_a_phone(phone_page: Any, live_server: Any, owner: Any) -> None:
    person_create(
        owner=owner, name="Margaret Okonkwo", story={"passions": "Loves sailing on Lake Erie"}
    )
    browser_login(phone_page, live_server, owner.username)
    phone_page.goto(f"{live_server.url}/search/?q=sailing&mode=keyword")
    phone_page.locator("#search-hits .search-hit").first.wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
