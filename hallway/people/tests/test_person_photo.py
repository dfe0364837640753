"""A person's photo is served to its owner only, through a view (never a public media folder)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from hallway.conftest import browser_login
from hallway.people.services import person_create


def _png(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _with_photo(person: Any) -> Any:
    person.photo.save("jane.png", ContentFile(_png()))
    return person


def test_the_owner_gets_the_photo_with_private_caching(owner_client: Any, person: Any) -> None:
    _with_photo(person)
    response = owner_client.get(person.photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == _png()
    assert response["Cache-Control"] == "private, max-age=86400"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_person_page_links_the_photo_view(owner_client: Any, person: Any) -> None:
    _with_photo(person)
    body = owner_client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert f'src="{person.photo_url}"' in body
    assert "/media/" not in body


def test_teammate_and_outsider_get_404_and_anonymous_is_sent_to_log_in(
    client: Any, other_clients: list[Any], person: Any
) -> None:
    _with_photo(person)
    for other in other_clients:
        assert other.get(person.photo_url).status_code == 404
    response = client.get(person.photo_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_no_photo_or_a_lost_file_is_a_404(owner_client: Any, person: Any) -> None:
    url = reverse("people:photo", args=[person.pk])
    assert owner_client.get(url).status_code == 404
    _with_photo(person)
    person.photo.storage.delete(person.photo.name)
    assert owner_client.get(url).status_code == 404


def test_the_media_folder_itself_is_not_served(owner_client: Any, person: Any) -> None:
    _with_photo(person)
    assert owner_client.get(f"/media/{person.photo.name}").status_code == 404


@pytest.mark.browser
def test_the_photo_shows_on_the_person_page(page: Any, live_server: Any, owner: Any) -> None:
    jane = _with_photo(person_create(owner=owner, name="Jane Doe"))
    browser_login(page, live_server, owner.username)
    page.goto(f"{live_server.url}/people/{jane.pk}/")
    image = page.locator(".avatar img")
    image.wait_for()
    # naturalWidth is 0 when the browser could not load or decode the image.
    assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) == 8
