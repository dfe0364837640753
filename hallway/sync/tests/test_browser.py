"""The "Connect your phone" settings section and "Recently deleted" in a real Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.conftest import browser_login, save_screenshot
from hallway.people.services import person_create, person_delete
from hallway.sync.models import DevicePassword, hash_device_password

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_connect_a_phone_and_restore_a_deleted_person(
    request: Any, live_server: Any, owner: Any, viewport: str, settings: Any
) -> None:
    settings.SITE_URL = "https://hallway.example.com"
    page = request.getfixturevalue(viewport)
    name = "phone" if viewport == "phone_page" else "laptop"
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/accounts/settings/#connect-phone")
    section = page.locator("#connect-phone")
    assert section.locator("svg").first.is_visible()
    page.fill("#id_device-name", "iPhone")
    page.click("#device-form button[type=submit]")
    value = page.locator("#device-password-value")
    value.wait_for()
    assert DevicePassword.objects.get(owner=owner).digest == hash_device_password(
        value.inner_text().strip()
    )
    page.locator("#ios-steps summary").click()
    assert page.locator("#ios-steps").inner_text().count("Add CardDAV Account") == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, f"sync-connect-{name}.png", full_page=True)

    person = person_create(owner=owner, name="Jane Doe", company="Acme Corp")
    person_id = person.pk
    person_delete(person=person)
    page.goto(f"{live_server.url}/sync/deleted/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    save_screenshot(page, f"sync-deleted-{name}.png", full_page=True)
    page.click("#deleted-people button:has-text('Restore')")
    page.wait_for_url(f"{live_server.url}/people/{person_id}/")
    assert page.locator("h1").inner_text().startswith("Jane Doe")
