"""A Content-Security-Policy with no inline script, and nothing on the main pages breaks it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.conftest import browser_login
from hallway.events.services import event_create
from hallway.people.services import person_create
from hallway.updates.services import calendar_feed_enable

pytestmark = pytest.mark.browser

# Before any page script: record every CSP violation, and let data-print be observed.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
window.print = () => { window.__printed = true; };
"""


def test_every_page_sends_a_policy_that_forbids_inline_script(owner_client: Client) -> None:
    policy = owner_client.get("/people/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_main_pages_report_no_violation_and_their_buttons_work(
    page: Any, live_server: Any, owner: Any
) -> None:
    from django.utils import timezone

    jane = person_create(owner=owner, name="Jane Doe", story={"work": "Runs IT at Acme"})
    summit = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    calendar_feed_enable(owner=owner)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    browser_login(page, live_server, owner.username)
    pages = [
        "/",
        "/people/",
        f"/people/{jane.pk}/",
        f"/recall/people/{jane.pk}/",
        f"/recall/events/{summit.pk}/",
        "/recall/due/",
        "/practice/",
        "/live/",
        f"/live/events/{summit.pk}/",
        "/search/?q=Acme",
        "/interop/",
        "/interop/scan/",
        "/accounts/settings/",
        "/api/v1/docs",
    ]
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path
    # The behaviours that were inline handlers still work through actions.js.
    page.goto(f"{live_server.url}/recall/people/{jane.pk}/")
    page.click("[data-print]")
    assert page.evaluate("window.__printed") is True
    page.goto(f"{live_server.url}/accounts/settings/")
    page.click("#feed-url")
    selected = page.evaluate(
        "(() => { const f = document.querySelector('#feed-url');"
        " return f.selectionEnd - f.selectionStart; })()"
    )
    assert selected == len(page.input_value("#feed-url")) > 0
    assert page.evaluate("window.__violations") == []
    assert not [line for line in console if "Content Security Policy" in line]
