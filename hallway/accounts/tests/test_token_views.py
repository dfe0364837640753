"""API tokens on the settings page: create (shown once), list, revoke; only your own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.accounts.models import ApiToken, hash_token
from hallway.accounts.services import token_create
from hallway.conftest import browser_login

HTMX = {"HX-Request": "true"}


def test_the_settings_page_lists_your_tokens_but_not_others(
    owner_client: Any, owner: Any, outsider: Any
) -> None:
    token_create(user=owner, name="laptop script")
    token_create(user=outsider, name="oscar secret")
    page = owner_client.get("/accounts/settings/").content.decode()
    assert "API tokens" in page and "laptop script" in page
    assert "oscar secret" not in page


def test_with_no_token_the_section_says_how_to_get_one(owner_client: Any) -> None:
    page = owner_client.get("/accounts/settings/").content.decode()
    assert "No API tokens yet" in page and "hallway token create olivia" in page


def test_creating_a_token_shows_it_once_and_it_works(owner_client: Any, owner: Any) -> None:
    response = owner_client.post("/accounts/settings/tokens/", {"name": "home automation"})
    assert response.status_code == 200
    raw = response.context.get("new_token")
    page = response.content.decode()
    stored = ApiToken.objects.get(owner=owner)
    assert stored.name == "home automation"
    assert raw is not None and stored.digest == hash_token(raw) and raw in page
    api = Client().get("/api/v1/people", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200
    # Shown once: the next visit lists it without the token.
    assert raw not in owner_client.get("/accounts/settings/").content.decode()


def test_creating_a_token_with_htmx_returns_the_section(owner_client: Any) -> None:
    response = owner_client.post("/accounts/settings/tokens/", {"name": "ci"}, headers=HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith('<section class="card" id="api-tokens">')
    assert "copy it now" in page and "<html" not in page


@pytest.mark.parametrize("name", ["", "x" * 101])
def test_a_bad_token_name_is_refused_with_a_message(owner_client: Any, name: str) -> None:
    response = owner_client.post("/accounts/settings/tokens/", {"name": name}, headers=HTMX)
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert not ApiToken.objects.exists()
    page = owner_client.post("/accounts/settings/tokens/", {"name": name})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it(owner_client: Any, owner: Any) -> None:
    token, raw = token_create(user=owner, name="old")
    response = owner_client.post(f"/accounts/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert (
        Client().get("/api/v1/people", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )


def test_revoking_with_htmx_returns_the_section(owner_client: Any, owner: Any) -> None:
    token, _ = token_create(user=owner, name="old")
    response = owner_client.post(f"/accounts/settings/tokens/{token.pk}/revoke/", headers=HTMX)
    assert response.status_code == 200
    assert "No API tokens yet" in response.content.decode()


def test_teammate_and_outsider_cannot_revoke_the_owners_token(
    other_clients: list[Any], owner: Any
) -> None:
    token, _ = token_create(user=owner, name="mine")
    for client in other_clients:
        assert client.post(f"/accounts/settings/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_anonymous_users_are_sent_to_login(db: Any, owner: Any) -> None:
    token, _ = token_create(user=owner, name="mine")
    client = Client()
    for url in ("/accounts/settings/tokens/", f"/accounts/settings/tokens/{token.pk}/revoke/"):
        response = client.post(url, {"name": "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert ApiToken.objects.count() == 1


def test_token_actions_need_post(owner_client: Any) -> None:
    assert owner_client.get("/accounts/settings/tokens/").status_code == 405


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_create_copy_and_revoke_a_token_in_the_browser(
    request: Any, live_server: Any, owner: Any, viewport: str
) -> None:
    page = request.getfixturevalue(viewport)
    browser_login(page, live_server, "olivia")
    page.goto(f"{live_server.url}/accounts/settings/")
    assert page.locator("#token-empty").is_visible()
    page.fill("#id_token_name", "browser script")
    page.click("#api-tokens button[type=submit]:has-text('Create token')")
    value = page.locator("#new-token-value")
    value.wait_for()
    raw = value.inner_text().strip()
    assert ApiToken.objects.get(owner=owner).digest == hash_token(raw)
    assert page.locator("#token-list").inner_text().count("browser script") == 1
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#token-list button:has-text('Revoke')")
    page.locator("#token-empty").wait_for()
    assert not ApiToken.objects.exists()
    # Fits a 360px phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
