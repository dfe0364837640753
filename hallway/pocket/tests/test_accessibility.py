"""Every page the bottom bar reaches, on a 360 px phone: axe-core finds no serious or
critical problem, every tap target is at least 44 px, nothing scrolls sideways.

axe-core is vendored for the tests only (hallway/tests/vendor, from the npm registry), never
served by the app and never fetched from a CDN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from hallway.conftest import PHONE, browser_login
from hallway.eventmode.services import live_conversation_start
from hallway.events.services import event_create
from hallway.people.services import person_create
from hallway.pocket.phone_checks import MIN_TAP, SMALL_TARGETS_JS, TAPPABLE

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
_AXE_JS = """() => axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}})
  .then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))})))"""


def _pages(owner: Any) -> list[str]:
    event = event_create(owner=owner, name="CIO Summit", starts_at=timezone.now())
    person = person_create(owner=owner, name="Jane Doe", company="Acme", story={"work": "CIO"})
    conversation = live_conversation_start(user=owner, event=event, person=person)
    return [
        "/",
        "/live/",
        f"/live/events/{event.pk}/",
        f"/live/events/{event.pk}/start/",
        f"/live/conversations/{conversation.pk}/",
        "/live/waiting/",
        "/people/",
        f"/people/{person.pk}/",
        "/search/?q=jane",
        "/recall/due/",
        "/events/",
        "/recall/reconnect/",
        "/practice/",
        "/interop/import/",
    ]


def test_main_pages_have_no_serious_accessibility_problem_and_fit_a_thumb(
    browser: Any, live_server: Any, transactional_db: Any, owner: Any
) -> None:
    # axe-core is injected as a script tag: the site's Content-Security-Policy (tested on its
    # own) would refuse it, so this context bypasses the policy.
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    paths = _pages(owner)
    browser_login(page, live_server, "olivia")
    problems: dict[str, Any] = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(_AXE_JS)
        small = page.evaluate(SMALL_TARGETS_JS, [TAPPABLE, MIN_TAP])
        width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if violations or small or width[0] > width[1]:
            problems[path] = {"axe": violations, "small": small, "width": width}
    assert problems == {}

    # The rest of the navigation is one tap away in the "More" sheet, thumb-sized too; the
    # top bar's sideways-scrolling list is not shown on a phone.
    page.goto(f"{live_server.url}/")
    assert not page.locator(".topbar .mainnav").is_visible()
    page.locator(".bottomnav summary").click()
    sheet = page.locator(".more-sheet")
    for label in ("+ Person", "+ Conversation", "Events", "Reconnect", "Practice", "Import"):
        assert sheet.get_by_role("link", name=label, exact=True).is_visible(), label
    assert page.evaluate(SMALL_TARGETS_JS, [".more-sheet a, .more-sheet button", MIN_TAP]) == []
