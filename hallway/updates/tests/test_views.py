from __future__ import annotations

import datetime as dt

import icalendar
from django.urls import reverse

from hallway.updates.models import CalendarFeed, DigestSubscription
from hallway.updates.services import calendar_feed_enable, digest_send, unsubscribe_url
from hallway.updates.tokens import unsubscribe_token

SETTINGS = "/accounts/settings/"


def _components(body: bytes, kind: str = "VEVENT"):
    calendar = icalendar.Calendar.from_ical(body)
    return {str(item["SUMMARY"]): item for item in calendar.walk(kind)}


# --- Calendar feed ------------------------------------------------------------------------------


def test_feed_has_the_owner_s_events_and_open_follow_up_due_dates(
    client, owner, digest_data, teammate
):
    feed = calendar_feed_enable(owner=owner)
    calendar_feed_enable(owner=teammate)
    response = client.get(reverse("updates:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _components(response.content)
    breakfast = events["CTO Breakfast"]
    assert breakfast.decoded("DTSTART") == dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    assert breakfast.decoded("DTEND") == dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    assert str(breakfast["LOCATION"]) == "Lyon"
    followup = events["Follow up with Ana: Introduce her to Dan"]
    assert followup.decoded("DTSTART") == dt.date(2026, 11, 25)
    assert "Follow up with Eve: Already did this" not in events
    assert {"Sep Expo", "Cloud Meetup", "Future Summit"} <= set(events)
    assert len({str(item["UID"]) for item in events.values()}) == len(events)


def test_a_feed_shows_only_its_owner_s_data(client, owner, teammate, digest_data):
    feed = calendar_feed_enable(owner=teammate)
    events = _components(client.get(reverse("updates:calendar_feed", args=[feed.token])).content)
    assert events == {}


def test_unknown_regenerated_or_revoked_feed_tokens_get_404(
    client, owner_client, owner, digest_data
):
    assert client.get(reverse("updates:calendar_feed", args=["not-a-token"])).status_code == 404
    owner_client.post(reverse("updates:calendar"), {"action": "enable"})
    old = CalendarFeed.objects.get(owner=owner).token
    assert client.get(reverse("updates:calendar_feed", args=[old])).status_code == 200
    owner_client.post(reverse("updates:calendar"), {"action": "regenerate"})
    new = CalendarFeed.objects.get(owner=owner).token
    assert new != old
    assert client.get(reverse("updates:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("updates:calendar_feed", args=[new])).status_code == 200
    owner_client.post(reverse("updates:calendar"), {"action": "revoke"})
    assert client.get(reverse("updates:calendar_feed", args=[new])).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_unknown_calendar_action_is_refused_with_a_message(owner_client, owner):
    response = owner_client.post(reverse("updates:calendar"), {"action": "explode"}, follow=True)
    assert "Unknown calendar action" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_other_users_cannot_touch_someone_else_s_feed(owner, teammate_client, outsider_client):
    feed = calendar_feed_enable(owner=owner)
    for client in (teammate_client, outsider_client):
        client.post(reverse("updates:calendar"), {"action": "revoke"})
        client.post(reverse("updates:calendar"), {"action": "regenerate"})
    assert CalendarFeed.objects.get(owner=owner).token == feed.token


def test_settings_page_shows_the_webcal_link_and_digest_choice(owner_client, owner, site, settings):
    # Opened at the configured site's own address (links follow the address the page is on).
    settings.ALLOWED_HOSTS = ["hallway.example"]
    at_site = {"HTTP_HOST": "hallway.example", "secure": True}
    body = owner_client.get(SETTINGS, **at_site).content.decode()
    assert "E-mail digest" in body and 'value="weekly" selected' in body
    assert "Create my calendar link" in body
    feed = calendar_feed_enable(owner=owner)
    body = owner_client.get(SETTINGS, **at_site).content.decode()
    assert f'href="webcal://hallway.example/updates/calendar/{feed.token}.ics"' in body
    assert f'value="https://hallway.example/updates/calendar/{feed.token}.ics"' in body


def test_settings_page_never_shows_another_user_s_feed(owner, teammate_client):
    feed = calendar_feed_enable(owner=owner)
    assert feed.token not in teammate_client.get(SETTINGS).content.decode()


def test_anonymous_is_sent_to_login(client, db):
    for method, name in (
        ("post", "updates:digest_settings"),
        ("get", "updates:digest_preview"),
        ("get", "updates:digest_chart"),
        ("post", "updates:calendar"),
    ):
        response = getattr(client, method)(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:login")
        )


# --- Digest settings and preview ------------------------------------------------------------------


def test_digest_frequency_and_address_are_saved(owner_client, owner):
    response = owner_client.post(
        reverse("updates:digest_settings"), {"frequency": "daily", "email": "o@new.example"}
    )
    assert response.status_code == 302
    assert DigestSubscription.objects.get(owner=owner).frequency == "daily"
    owner.refresh_from_db()
    assert owner.email == "o@new.example"


def test_bad_digest_settings_are_refused_with_a_message(owner_client, owner):
    response = owner_client.post(
        reverse("updates:digest_settings"), {"frequency": "hourly", "email": "nope"}, follow=True
    )
    assert "Digest settings not saved" in response.content.decode()
    assert not DigestSubscription.objects.exists()
    owner.refresh_from_db()
    assert owner.email == "olivia@example.com"


def test_htmx_digest_settings_return_the_partial(owner_client, owner):
    ok = owner_client.post(
        reverse("updates:digest_settings"),
        {"frequency": "off", "email": ""},
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200 and "Digest settings saved." in ok.content.decode()
    assert "<html" not in ok.content.decode()
    bad = owner_client.post(
        reverse("updates:digest_settings"), {"frequency": "x"}, HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 422 and "Select a valid choice" in bad.content.decode()


def test_preview_and_chart_show_the_user_s_own_digest(owner_client, teammate_client, digest_data):
    body = owner_client.get(reverse("updates:digest_preview")).content.decode()
    assert "Send the Terraform article" in body and reverse("updates:digest_chart") in body
    chart = owner_client.get(reverse("updates:digest_chart"))
    assert chart["Content-Type"] == "image/png" and chart.content.startswith(b"\x89PNG")
    assert (
        "Terraform" not in teammate_client.get(reverse("updates:digest_preview")).content.decode()
    )


# --- Unsubscribe -----------------------------------------------------------------------------------


def test_unsubscribe_link_asks_then_turns_the_digest_off_without_login(client, owner, frozen):
    url = unsubscribe_url(owner)
    page = client.get(url)
    assert page.status_code == 200 and "Stop sending the Hallway digest to" in page.content.decode()
    assert not DigestSubscription.objects.filter(owner=owner, frequency="off").exists()
    done = client.post(url)
    assert done.status_code == 200 and "You are unsubscribed." in done.content.decode()
    assert DigestSubscription.objects.get(owner=owner).frequency == "off"


def test_one_click_unsubscribe_post_from_a_mail_app_works(client, owner, frozen):
    path = reverse("updates:unsubscribe", args=[unsubscribe_token(owner)])
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestSubscription.objects.get(owner=owner).frequency == "off"


def test_expired_unsubscribe_token_is_refused(client, owner, frozen):
    path = reverse("updates:unsubscribe", args=[unsubscribe_token(owner)])
    frozen.shift(dt.timedelta(days=91))
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert "This unsubscribe link has expired." in response.content.decode()
    assert not DigestSubscription.objects.exists()


def test_forged_unsubscribe_tokens_are_refused(client, owner, teammate, frozen):
    token = unsubscribe_token(owner)
    value, timestamp, signature = token.split(":")
    forged = [
        f"{teammate.pk}:{timestamp}:{signature}",
        f"{value}:{timestamp}:{'A' * len(signature)}",
        "garbage",
    ]
    for bad in forged:
        response = client.post(reverse("updates:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "This unsubscribe link is not valid." in response.content.decode()
    assert not DigestSubscription.objects.exists()


def test_the_e_mailed_link_is_the_one_that_works(client, owner, digest_data, smtp_server):
    digest_send(user=owner)
    text = smtp_server.messages[0].get_body(("plain",)).get_content()
    link = next(
        line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Unsubscribe: ")
    )
    assert client.post(link.replace("https://hallway.example", "")).status_code == 200
    assert DigestSubscription.objects.get(owner=owner).frequency == "off"
