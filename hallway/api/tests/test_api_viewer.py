"""The interactive API docs work on an offline install and on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.staticfiles import finders


def test_the_viewer_loads_its_files_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html and "/static/ninja/swagger-ui" in html
    assert "cdn." not in html and "https://" not in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert finders.find("ninja/swagger-ui-bundle.js") is not None


@pytest.mark.browser
def test_the_viewer_draws_without_the_internet_and_fits_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    outside: list[str] = []

    def only_our_server(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    phone_page.route("**/*", only_our_server)
    phone_page.goto(f"{live_server.url}/api/v1/docs")
    # The viewer draws a large document with a big script: give a loaded machine time.
    phone_page.locator(".swagger-ui .info .title").wait_for(timeout=30_000)
    assert "Hallway API" in phone_page.locator(".swagger-ui .info .title").inner_text()
    phone_page.locator(".opblock-tag").first.wait_for()
    assert outside == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
