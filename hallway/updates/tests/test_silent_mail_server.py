"""A mail server that accepts the connection and never answers blocks nobody and nothing."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from hallway.cli import app
from hallway.conversations.services import followup_add
from hallway.people.models import Person
from hallway.people.services import person_create
from hallway.updates.models import DigestSubscription
from hallway.updates.services import digest_settings_update, digests_send_due


class SilentServer:
    """A TCP server that accepts connections and never says a word (not even the greeting)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self.connected = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return  # closed
            self.accepted.append(client)
            self.connected.set()

    def close(self) -> None:
        self.sock.close()
        for client in self.accepted:
            client.close()
        self.thread.join(timeout=5)


@pytest.fixture
def silent_smtp(settings: Any) -> Iterator[SilentServer]:
    server = SilentServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def two_due(owner: Any, teammate: Any, digest_data: dict[str, Any]) -> None:
    """The owner and the teammate both have a digest due."""
    contact = person_create(owner=teammate, name="Theo's Contact")
    followup_add(person=contact, text="Call back", due=dt.date(2026, 11, 18))


@pytest.mark.django_db(transaction=True)
def test_while_the_digest_waits_on_the_mail_server_everyone_else_can_write(
    owner: Any, teammate: Any, two_due: None, silent_smtp: SilentServer, settings: Any
) -> None:
    settings.EMAIL_TIMEOUT = 5
    counts: dict[str, int] = {}

    def run() -> None:
        try:
            counts.update(digests_send_due())
        finally:
            connection.close()

    digest = threading.Thread(target=run)
    digest.start()
    assert silent_smtp.connected.wait(timeout=30)  # the digest is now waiting on the server
    # Another user's write, and the owner's own settings, go through meanwhile (no lock held).
    person_create(owner=teammate, name="Written meanwhile")
    digest_settings_update(owner=owner, frequency=DigestSubscription.DAILY)
    assert digest.is_alive(), "the writes had to wait for the mail server"
    digest.join(timeout=30)
    assert not digest.is_alive()
    # It gave up after the timeout, tried the server once, and marked nobody as sent.
    assert counts == {"sent": 0, "skipped": 0, "failed": 2}
    assert len(silent_smtp.accepted) == 1
    assert Person.objects.filter(name="Written meanwhile").exists()
    assert not DigestSubscription.objects.filter(last_sent_at__isnull=False).exists()


def test_the_command_gives_up_after_the_timeout_and_the_next_run_retries(
    owner: Any, two_due: None, silent_smtp: SilentServer, settings: Any, request: Any
) -> None:
    settings.EMAIL_TIMEOUT = 1
    result = CliRunner().invoke(app, ["digest", "send"])
    assert result.exit_code == 1
    assert "HALLWAY_SMTP_TIMEOUT" in result.output
    assert "the other digests wait for the next run" in result.output
    assert "0 failed" not in result.output and "2 failed" in result.output
    assert len(silent_smtp.accepted) == 1
    inbox = request.getfixturevalue("smtp_server")  # the mail server is back
    again = CliRunner().invoke(app, ["digest", "send"])
    assert again.exit_code == 0, again.output
    assert sorted(message["To"] for message in inbox.messages) == [
        "olivia@example.com",
        "theo@example.com",
    ]
