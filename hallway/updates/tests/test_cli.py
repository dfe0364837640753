from __future__ import annotations

from typer.testing import CliRunner

from hallway.cli import app
from hallway.updates.models import DigestSubscription

runner = CliRunner()


def test_digest_send_dry_run_prints_and_sends_nothing(owner, digest_data, smtp_server):
    result = runner.invoke(app, ["digest", "send", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "To: olivia@example.com" in result.output
    assert "Send the Terraform article" in result.output
    assert smtp_server.messages == []
    assert not DigestSubscription.objects.filter(last_sent_at__isnull=False).exists()


def test_digest_send_sends_the_due_digests_once(owner, digest_data, smtp_server):
    first = runner.invoke(app, ["digest", "send"])
    assert first.exit_code == 0, first.output
    assert "Sent 1 digest(s); 0 with nothing to report; 0 failed." in first.output
    again = runner.invoke(app, ["digest", "send"])
    assert "No digest is due." in again.output
    assert len(smtp_server.messages) == 1


def test_digest_send_for_one_user_ignores_the_schedule(owner, digest_data, smtp_server):
    runner.invoke(app, ["digest", "send"])
    result = runner.invoke(app, ["digest", "send", "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 2


def test_digest_send_errors_are_one_line(owner, teammate, digest_data, settings):
    assert runner.invoke(app, ["digest", "send", "--user", "nobody"]).exit_code == 1
    teammate.email = ""
    teammate.save()
    result = runner.invoke(app, ["digest", "send", "--user", teammate.username])
    assert result.exit_code == 1 and "has no e-mail address" in result.output
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    down = runner.invoke(app, ["digest", "send", "--user", owner.username])
    assert down.exit_code == 1 and "Could not send olivia's digest" in down.output


def test_a_failing_mail_server_fails_the_run_after_trying_everyone(
    owner, outsider, digest_data, settings
):
    import datetime as dt

    from hallway.conversations.services import followup_add
    from hallway.people.services import person_create

    someone = person_create(owner=outsider, name="Someone")
    followup_add(person=someone, text="Call back", due=dt.date(2026, 11, 20))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    result = runner.invoke(app, ["digest", "send"])
    assert result.exit_code == 1
    assert "Could not send olivia's digest" in result.output
    assert "Could not send oscar's digest" in result.output
    assert "Sent 0 digest(s); 0 with nothing to report; 2 failed." in result.output
