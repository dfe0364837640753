"""Absolute links are right wherever the app runs: from the request where there is one, from
HALLWAY_SITE_URL in e-mails, with a warning on Settings when the two disagree."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.urls import reverse

from hallway.updates.services import calendar_feed_enable, digest_render

SETTINGS = "/accounts/settings/"
ELSEWHERE = {"HTTP_HOST": "10.0.0.5:9000"}


@pytest.fixture
def elsewhere(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["10.0.0.5", "testserver"]
    settings.SITE_URL = "http://127.0.0.1:8000"


def test_the_calendar_feed_links_to_the_address_the_calendar_app_used(
    client, owner, digest_data, elsewhere
):
    feed = calendar_feed_enable(owner=owner)
    response = client.get(reverse("updates:calendar_feed", args=[feed.token]), **ELSEWHERE)
    urls = [
        str(item["URL"]) for item in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert urls and all(url.startswith("http://10.0.0.5:9000/") for url in urls)
    assert "127.0.0.1:8000" not in response.content.decode()


def test_settings_shows_feed_links_on_the_address_it_was_opened_on(owner_client, owner, elsewhere):
    feed = calendar_feed_enable(owner=owner)
    body = owner_client.get(SETTINGS, **ELSEWHERE).content.decode()
    assert f'value="http://10.0.0.5:9000/updates/calendar/{feed.token}.ics"' in body
    assert f'href="webcal://10.0.0.5:9000/updates/calendar/{feed.token}.ics"' in body


def test_settings_warns_when_the_site_url_is_not_where_the_page_was_opened(
    owner_client, owner, elsewhere
):
    body = owner_client.get(SETTINGS, **ELSEWHERE).content.decode()
    assert 'id="site-url-warning"' in body
    assert "<strong>http://127.0.0.1:8000</strong>" in body and "HALLWAY_SITE_URL" in body


def test_no_warning_when_the_site_url_is_this_address(owner_client, owner, settings):
    settings.ALLOWED_HOSTS = ["10.0.0.5"]
    settings.SITE_URL = "http://10.0.0.5:9000"
    assert 'id="site-url-warning"' not in owner_client.get(SETTINGS, **ELSEWHERE).content.decode()


def test_the_digest_e_mail_uses_the_configured_site_url(owner, digest_data, site):
    _subject, text, html, _digest = digest_render(user=owner)
    assert f"{site}/" in text and f"{site}/" in html
    assert "127.0.0.1" not in text + html
