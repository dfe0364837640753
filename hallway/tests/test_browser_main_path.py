"""The main path in a real Chromium: sign up, add a person, plan an event, log a conversation
there, and see the story and the status change. Once on a laptop, once on a 360 px phone."""

from __future__ import annotations

import pytest

from hallway.conftest import PASSWORD, save_screenshot


def _main_path(page, live_server, username: str, shots: str | None) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("text=Your network starts here").is_visible()

    page.click("text=Add a person")
    page.fill("input[name=name]", "Grace Hopper")
    page.fill("input[name=company]", "US Navy")
    page.fill("textarea[name=work]", "Builds compilers")
    page.fill("input[name=tags_text]", "pioneer, navy")
    page.click("button:has-text('Save')")
    assert page.locator("#person-status").inner_text() == "card"
    assert (
        page.locator("[data-facet=passions][data-unknown]").inner_text()
        == "What are they passionate about?"
    )

    page.goto(f"{live_server.url}/events/new/")
    page.fill("input[name=name]", "CIO Summit")
    page.fill("input[name=location]", "Boston")
    page.fill("input[name=goal_new_connections]", "3")
    page.click("button:has-text('Save')")
    page.fill("#want-search", "grace")
    page.click("#want-candidates button:has-text('Add')")
    page.wait_for_selector("#want-list >> text=Grace Hopper")
    page.click("text=Log a conversation here")

    page.select_option("select[name=person]", label="Grace Hopper · US Navy")
    page.fill("textarea[name=learned_passions]", "Teaching young engineers")
    page.fill("textarea[name=learned_origin]", "New York City")
    page.check("input[name=warning_signs][value=checking_phone]")
    page.check("input[name=outcome][value=connected]")
    page.fill("input[name=followup]", "Send the COBOL paper")
    page.click("button:has-text('Save conversation')")

    page.wait_for_selector("#person-status")
    assert page.locator("#person-status").inner_text() == "connection"
    assert page.locator("[data-facet=passions]").inner_text() == "Teaching young engineers"
    assert page.locator("[data-facet=origin]").inner_text() == "New York City"
    assert page.locator(".timeline-conversation >> text=CIO Summit").is_visible()
    if shots:
        save_screenshot(page, f"person-{shots}.png", full_page=True)

    # Add a note in place (htmx) and tick the follow-up in place.
    page.fill("#id_note_text", "Loves a good nanosecond story")
    page.click("button:has-text('Add note')")
    page.wait_for_selector(".timeline-note >> text=Loves a good nanosecond story")
    page.click("[data-followup] button:has-text('Done?')")
    page.wait_for_selector("[data-followup] button:has-text('✓ Done')")

    page.goto(f"{live_server.url}/people/")
    row = page.locator("#people-list li", has_text="Grace Hopper")
    assert row.locator("[data-status]").inner_text() == "connection"
    assert "60% story" in row.inner_text()
    if shots:
        save_screenshot(page, f"people-{shots}.png", full_page=True)
    # Nothing may stick out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_main_path_on_a_laptop(page, live_server):
    _main_path(page, live_server, "laptop_user", shots="laptop")


@pytest.mark.browser
def test_main_path_on_a_phone(phone_page, live_server):
    _main_path(phone_page, live_server, "phone_user", shots="phone")
