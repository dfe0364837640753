from __future__ import annotations

import datetime as dt
import io

import time_machine
from django_q.models import Schedule
from PIL import Image

from hallway.practice.tests.dataset import NOW
from hallway.updates.models import DigestSubscription
from hallway.updates.services import (
    digest_send,
    digest_settings_update,
    digests_due,
    digests_send_due,
)
from hallway.updates.tasks import SCHEDULE_NAME, TASK_PATH, send_due_digests


def _parts(message):
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    images = [part for part in message.walk() if part.get_content_type() == "image/png"]
    return text, html, images


def test_weekly_digest_goes_through_real_smtp_with_text_html_and_chart(
    owner, digest_data, smtp_server
):
    result = digest_send(user=owner)
    assert result.sent
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "olivia@example.com"
    assert message["Subject"] == "Your Hallway digest for Friday 20 November"
    text, html, images = _parts(message)

    # Follow-ups due: overdue and due within the week; not later ones, not done ones.
    assert "- Send the Terraform article — Ben (due Wed 18 Nov, overdue)" in text
    assert "- Introduce her to Dan — Ana (due Wed 25 Nov)" in text
    assert "hospital project" not in text and "Already did this" not in text
    # Reconnect: Gus (every 30 days, last seen 15 Sep); Ana (every 90 days) is not due.
    assert (
        "- Gus: last contact 15 Sep 2026, every 30 days — https://hallway.example/people/" in text
    )
    assert "- Ana:" not in text
    # Upcoming events in the next week, with the briefing link; the summit is further away.
    breakfast = digest_data["events"]["breakfast"]
    assert (
        f"- CTO Breakfast, Tue 24 Nov, 08:00, Lyon\n  Briefing: https://hallway.example/recall/events/{breakfast.pk}/"
        in text
    )
    assert "Future Summit" not in text
    # Practice progress.
    assert "Connections (stories): 2 of 2" in text
    assert (
        "Your conversations this quarter ended with a story 50% of the time, up from 25%." in text
    )
    assert "Unsubscribe: https://hallway.example/updates/unsubscribe/" in text

    assert "Send the Terraform article" in html and 'id="unsubscribe-link"' in html
    assert 'src="cid:progress-chart@hallway"' in html
    assert len(images) == 1 and images[0]["Content-ID"] == "<progress-chart@hallway>"
    chart = Image.open(io.BytesIO(images[0].get_content()))
    assert chart.format == "PNG" and chart.size == (480, 200)
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<https://hallway.example/updates/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestSubscription.objects.get(owner=owner).last_sent_at == NOW


def test_monthly_digest_looks_a_month_ahead_and_back(owner, digest_data, smtp_server):
    digest_settings_update(owner=owner, frequency="monthly")
    digest_send(user=owner)
    text, _, _ = _parts(smtp_server.messages[0])
    assert "Future Summit" in text and "Ask about the hospital project" in text
    assert "PRACTICE THIS MONTH\nConversations: 5 · new people: 4 · stories: 2" in text


def test_digest_schedule_weekly_by_default_daily_monthly_and_off(
    owner, teammate, outsider, digest_data, smtp_server, frozen
):
    teammate.email = ""
    teammate.save()
    # Owner: weekly by default. Outsider has an address but nothing to report: skipped, not sent.
    assert [user.username for user in digests_due()] == ["olivia", "oscar"]
    assert digests_send_due() == {"sent": 1, "skipped": 1, "failed": 0}
    assert [user.username for user in digests_due()] == ["oscar"]
    frozen.shift(dt.timedelta(days=6, hours=22))
    assert "olivia" not in [user.username for user in digests_due()]
    frozen.shift(dt.timedelta(hours=2))
    assert "olivia" in [user.username for user in digests_due()]
    digest_settings_update(owner=owner, frequency="off")
    assert "olivia" not in [user.username for user in digests_due()]
    digest_settings_update(owner=outsider, frequency="daily")
    assert len(smtp_server.messages) == 1


def test_monthly_digest_is_due_once_per_calendar_month(owner, digest_data, smtp_server, frozen):
    digest_settings_update(owner=owner, frequency="monthly")
    digests_send_due()
    frozen.move_to(dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC))
    assert owner not in list(digests_due())
    frozen.move_to(dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC))
    assert owner in list(digests_due())


def test_a_user_with_nothing_to_report_gets_no_email(teammate, smtp_server, frozen):
    result = digest_send(user=teammate)
    assert not result.sent and result.skipped_reason == "nothing to report"
    assert smtp_server.messages == []


def test_digest_shows_only_the_owner_s_data(owner, teammate, digest_data, smtp_server):
    from hallway.people.services import person_create

    person_create(owner=teammate, name="Theo's Contact", keep_in_touch_days=1)
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        digest_send(user=teammate)
        digest_send(user=owner)
    texts = {message["To"]: _parts(message)[0] for message in smtp_server.messages}
    assert "Theo's Contact" in texts["theo@example.com"]
    assert "Gus" not in texts["theo@example.com"] and "Terraform" not in texts["theo@example.com"]
    assert "Theo's Contact" not in texts["olivia@example.com"]


def test_the_scheduler_has_an_hourly_schedule_and_its_task_sends(owner, digest_data, smtp_server):
    schedule = Schedule.objects.get(name=SCHEDULE_NAME)
    assert schedule.func == TASK_PATH and schedule.schedule_type == Schedule.HOURLY
    assert send_due_digests()["sent"] == 1
    assert smtp_server.messages[0]["To"] == "olivia@example.com"


def test_a_mail_server_that_is_down_is_counted_not_fatal(owner, digest_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    assert digests_send_due() == {"sent": 0, "skipped": 0, "failed": 1}
    assert DigestSubscription.objects.filter(owner=owner, last_sent_at__isnull=False).count() == 0


def test_django_q_resolves_and_runs_the_scheduled_task(
    owner, digest_data, smtp_server, monkeypatch
):
    from django_q.conf import Conf
    from django_q.models import Success
    from django_q.tasks import async_task

    monkeypatch.setattr(Conf, "SYNC", True)  # run inline, as HALLWAY_TASKS_SYNC=1 does
    task_id = async_task(Schedule.objects.get(name=SCHEDULE_NAME).func)
    assert Success.objects.get(id=task_id).result == {"sent": 1, "skipped": 0, "failed": 0}
    assert smtp_server.messages[0]["To"] == "olivia@example.com"
