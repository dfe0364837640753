from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

URL = "/search/"


def test_the_search_url_is_named_for_the_navigation() -> None:
    assert reverse("search:search") == URL


def test_the_page_shows_a_search_box_and_a_helpful_empty_state(owner_client: Client) -> None:
    response = owner_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="q"' in content and 'hx-get="/search/"' in content
    assert "Search everything you know about your people" in content
    assert '<a href="/search/"' in content  # the navigation links here


def test_owner_sees_matches_with_highlighted_snippets(owner_client: Client, sailor: Any) -> None:
    content = owner_client.get(URL, {"q": "sailing", "mode": "keyword"}).content.decode()
    assert "Margaret Okonkwo" in content
    assert "<mark>sailing</mark>" in content
    assert f'href="/people/{sailor.pk}/"' in content


def test_htmx_requests_get_only_the_results(owner_client: Client, sailor: Any) -> None:
    response = owner_client.get(
        URL, {"q": "Okonkwo", "mode": "keyword"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="search-hits"' in content
    assert "Margaret" in content


def test_nobody_matches_says_so(owner_client: Client, sailor: Any) -> None:
    content = owner_client.get(URL, {"q": "zeppelin", "mode": "keyword"}).content.decode()
    assert "Nobody matches “zeppelin”" in content


@pytest.mark.parametrize("client_fixture", ["teammate_client", "outsider_client"])
def test_other_users_never_see_the_owners_people(
    request: Any, sailor: Any, client_fixture: str
) -> None:
    client = request.getfixturevalue(client_fixture)
    content = client.get(URL, {"q": "Okonkwo", "mode": "keyword"}).content.decode()
    assert "Margaret Okonkwo" not in content
    assert "Nobody matches" in content


def test_anonymous_users_are_sent_to_login(db: Any) -> None:
    response = Client().get(URL, {"q": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_bad_input_shows_a_clear_message(owner_client: Client) -> None:
    response = owner_client.get(URL, {"q": "x", "mode": "fuzzy"})
    assert response.status_code == 422
    assert "Unknown search mode" in response.content.decode()


def test_without_the_extra_the_page_says_it_searches_words_only(
    owner_client: Client, no_semantic: None
) -> None:
    content = owner_client.get(URL).content.decode()
    assert "Searching by words only" in content
    semantic_radio = content[content.index('value="semantic"') :].split(">", 1)[0]
    assert "disabled" in semantic_radio


def test_user_text_is_escaped_on_the_page(owner_client: Client, owner: Any) -> None:
    from hallway.people.services import person_create

    person_create(
        owner=owner, name="Mallory <b>Bold</b>", story={"work": "<script>alert(1)</script> hacker"}
    )
    content = owner_client.get(URL, {"q": "hacker", "mode": "keyword"}).content.decode()
    assert "<script>alert(1)" not in content and "<b>Bold" not in content
    assert "&lt;b&gt;Bold&lt;/b&gt;" in content
