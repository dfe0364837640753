"""Introduction requests reach the teammate who is asked in their digest, over real SMTP."""

from __future__ import annotations

from typing import Any

from hallway.teams import services
from hallway.updates.services import digest_send


def test_a_pending_introduction_request_is_in_the_digest_of_who_is_asked(
    owner: Any,
    teammate: Any,
    hallway_team: Any,
    granted_person: Any,
    smtp_server: Any,
    settings: Any,
) -> None:
    settings.SITE_URL = "https://hallway.example"
    services.introduction_request(
        requester=teammate, team=hallway_team, person_id=granted_person.pk, message="Retail"
    )
    result = digest_send(user=owner)
    assert result.sent
    [message] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "theo (Hallway) would like to meet Jane Doe" in text
    assert "https://hallway.example/teams/introductions/" in text
    assert "Introductions asked of you" in html
    # The one who asked gets nothing about it in theirs: it is the owner's person.
    assert "Jane Doe" not in digest_send(user=teammate, dry_run=True).text


def test_an_answered_request_leaves_the_digest(
    owner: Any, teammate: Any, hallway_team: Any, granted_person: Any
) -> None:
    request = services.introduction_request(
        requester=teammate, team=hallway_team, person_id=granted_person.pk
    )
    services.introduction_answer(request=request, accept=False)
    assert "would like to meet" not in digest_send(user=owner, dry_run=True).text
