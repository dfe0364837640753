"""Done when: three users in a real Chromium form a team, share at different levels, and the
team search shows exactly what each grant allows and nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User

from hallway.conftest import LAPTOP, PASSWORD, PHONE, browser_login, two_factor_on
from hallway.people.services import person_create

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[dict[str, Any]]:
    """A logged-in page each for Ana (laptop), Ben (laptop) and Cai (phone)."""
    contexts, pages = [], {}
    for name, viewport in (("ana", LAPTOP), ("ben", LAPTOP), ("cai", PHONE)):
        User.objects.create_user(username=name, email=f"{name}@example.com", password=PASSWORD)
        context = browser.new_context(
            viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        pages[name] = context.new_page()
        browser_login(pages[name], live_server, name)
    # Ana creates and manages the team: she has two-factor on, as its owner needs.
    two_factor_on(User.objects.get(username="ana"))
    yield pages
    for context in contexts:
        context.close()


def _share(page: Any, live_server: Any, person: Any, label: str) -> None:
    """Change the level on the person page (htmx swaps the card) and wait for the new state."""
    level = {"I know them": "know", "Full story": "full"}[label]
    page.goto(f"{live_server.url}/people/{person.pk}/")
    card = page.locator("#person-sharing")
    card.locator("select[name=level]").select_option(label=label)
    card.locator("button[type=submit]").click()
    page.locator(f'#person-sharing li[data-level="{level}"]').wait_for()


def _search(page: Any, live_server: Any, team_id: int, query: str) -> list[tuple[str, str, str]]:
    page.goto(f"{live_server.url}/teams/{team_id}/search/?q={query}")
    hits = page.locator("#team-hits .team-hit")
    return [
        (
            hits.nth(index).locator("strong").first.inner_text(),
            hits.nth(index).locator(".teammate").inner_text(),
            hits.nth(index).get_attribute("data-level") or "",
        )
        for index in range(hits.count())
    ]


def test_three_users_form_a_team_and_search_sees_exactly_what_each_grant_allows(
    pages: dict[str, Any], live_server: Any
) -> None:
    ana, ben, cai = (User.objects.get(username=name) for name in ("ana", "ben", "cai"))
    jane = person_create(
        owner=ana,
        name="Jane Doe",
        company="Acme Corp",
        role="CIO",
        story={"passions": "Ocean sailing"},
        email="jane@acme.example",
    )
    raj = person_create(
        owner=ben,
        name="Raj Patel",
        company="Acme Corp",
        role="CTO",
        story={"drivers": "Fixing hospital software"},
    )
    person_create(owner=cai, name="Zed Private", company="Acme Corp", role="CFO")

    # Ana creates the team and invites Ben and Cai with one-time links.
    page = pages["ana"]
    page.goto(f"{live_server.url}/teams/")
    page.fill("input[name=name]", "Leadership")
    page.click("text=Create team")
    page.wait_for_url(f"{live_server.url}/teams/*/")
    team_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
    for invitee in ("ben", "cai"):
        page.goto(f"{live_server.url}/teams/{team_id}/")
        page.click("text=Create invitation")
        link = page.locator("#invite-link").input_value()
        pages[invitee].goto(link)
        pages[invitee].click("text=Join the team")
        pages[invitee].wait_for_url(f"{live_server.url}/teams/{team_id}/")
    page.goto(f"{live_server.url}/teams/{team_id}/")
    members = page.locator("#members").inner_text()
    assert "ben" in members and "cai" in members
    assert "Open invitations" not in members  # both links were used up

    # Ana shares Jane as "I know them", Ben shares Raj in full, Cai shares nothing.
    _share(pages["ana"], live_server, jane, "I know them")
    _share(pages["ben"], live_server, raj, "Full story")
    assert (
        "ben, cai see the name, company, role"
        in pages["ana"].locator("#person-sharing").inner_text()
    )

    # Cai (on a phone) sees both, each at its level, never anyone unshared.
    assert sorted(_search(pages["cai"], live_server, team_id, "acme")) == [
        ("Jane Doe", "ana", "know"),
        ("Raj Patel", "ben", "full"),
    ]
    width = pages["cai"].evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # Jane's story is not shared: her passion finds nobody; Raj's story is.
    assert _search(pages["cai"], live_server, team_id, "sailing") == []
    assert "Nobody in the team shared" in pages["cai"].locator("#team-no-results").inner_text()
    assert _search(pages["cai"], live_server, team_id, "hospital") == [("Raj Patel", "ben", "full")]
    # Ana sees Ben's Raj, not her own Jane and not Cai's private Zed.
    assert _search(pages["ana"], live_server, team_id, "acme") == [("Raj Patel", "ben", "full")]

    pages["cai"].goto(f"{live_server.url}/teams/{team_id}/")
    assert pages["cai"].evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Jane's page for Cai: the profile, no story, no contact details.
    pages["cai"].goto(f"{live_server.url}/teams/{team_id}/people/{jane.pk}/")
    text = pages["cai"].locator("main").inner_text()
    assert "Known by ana" in text and "I know them" in text
    assert "Ocean sailing" not in text and "jane@acme.example" not in text
    # Raj's page for Ana: the full story.
    pages["ana"].goto(f"{live_server.url}/teams/{team_id}/people/{raj.pk}/")
    assert "Fixing hospital software" in pages["ana"].locator("#shared-story").inner_text()
