from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from hallway.conversations.services import followup_add, followup_set_done
from hallway.events.services import event_create
from hallway.people.services import person_update
from hallway.practice.tests.conftest import frozen, history  # noqa: F401  (shared fixtures)

SITE = "https://hallway.example"


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(item.content, policy=policy.default) for item in self.envelopes]  # type: ignore[misc]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on a free local port; Django sends to it over SMTP."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def site(settings: Any) -> str:
    settings.SITE_URL = SITE
    return SITE


@pytest.fixture
def digest_data(owner: Any, history: dict[str, Any], site: str) -> dict[str, Any]:  # noqa: F811
    """The practice history plus follow-ups, keep-in-touch cadences and one event next week."""
    people, events = history["people"], history["events"]
    followups = {
        "overdue": followup_add(
            person=people["Ben"], text="Send the Terraform article", due=dt.date(2026, 11, 18)
        ),
        "soon": followup_add(
            person=people["Ana"], text="Introduce her to Dan", due=dt.date(2026, 11, 25)
        ),
        "later": followup_add(
            person=people["Dan"], text="Ask about the hospital project", due=dt.date(2026, 12, 15)
        ),
        "done": followup_add(
            person=people["Eve"], text="Already did this", due=dt.date(2026, 11, 19)
        ),
    }
    followup_set_done(followup=followups["done"])
    person_update(person=people["Gus"], keep_in_touch_days=30)
    person_update(person=people["Ana"], keep_in_touch_days=90)
    events["breakfast"] = event_create(
        owner=owner,
        name="CTO Breakfast",
        starts_at=dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC),
        location="Lyon",
    )
    return {**history, "followups": followups}
