"""The e-mailed unsubscribe link, opened by a browser that is not logged in."""

from __future__ import annotations

import pytest

from hallway.conftest import save_screenshot
from hallway.updates.models import DigestSubscription
from hallway.updates.services import digest_send


@pytest.mark.browser
def test_unsubscribe_link_from_the_email_works_in_a_logged_out_browser(
    page, live_server, owner, digest_data, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    digest_send(user=owner)
    html = smtp_server.messages[0].get_body(("html",)).get_content()
    link = html.split('id="unsubscribe-link"')[0].rsplit('href="', 1)[1].split('"', 1)[0]
    assert link.startswith(f"{live_server.url}/updates/unsubscribe/")
    page.goto(link)
    assert "olivia@example.com" in page.locator("#unsubscribe").inner_text()
    page.click("#unsubscribe button[type=submit]")
    page.wait_for_selector("text=You are unsubscribed.")
    assert DigestSubscription.objects.get(owner=owner).frequency == "off"
    assert page.locator("nav.mainnav").count() == 0  # still logged out


@pytest.mark.browser
def test_a_forged_link_shows_a_clear_message(page, live_server, owner):
    page.goto(f"{live_server.url}/updates/unsubscribe/{owner.pk}:forged:token/")
    assert "This unsubscribe link is not valid." in page.locator("#unsubscribe").inner_text()
    assert page.locator("#unsubscribe button").count() == 0


@pytest.mark.browser
def test_settings_page_offers_the_webcal_link(page, live_server, owner):
    from hallway.conftest import browser_login

    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/accounts/settings/")
    page.click("text=Create my calendar link")
    href = page.locator("#webcal-link").get_attribute("href")
    assert href.startswith("webcal://") and href.endswith(".ics")
    page.select_option("#id_frequency", "monthly")
    page.click("#updates-settings >> text=Save digest settings")
    page.wait_for_selector("#updates-settings >> text=Digest settings saved.")
    assert DigestSubscription.objects.get(owner=owner).frequency == "monthly"
    save_screenshot(page.locator("#updates-settings"), "updates-settings-laptop.png")


@pytest.mark.browser
def test_digest_preview_shows_the_chart(page, live_server, owner, digest_data):
    from hallway.conftest import browser_login

    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/updates/digest/preview/")
    assert "Send the Terraform article" in page.locator("#followups").inner_text()
    assert page.evaluate("() => document.querySelector('#practice img').naturalWidth") == 480
    page.set_viewport_size({"width": 600, "height": 800})
    save_screenshot(page, "digest-email.png", full_page=True)
