"""docs/updates.md and docs/practice.md must mention every command and URL of this area (the
API endpoints: hallway/tests/test_docs.py)."""

from __future__ import annotations

from pathlib import Path

from hallway.updates.urls import urlpatterns

DOCS = Path(__file__).resolve().parents[3] / "docs"
UPDATES = (DOCS / "updates.md").read_text()
PRACTICE = (DOCS / "practice.md").read_text()


def test_every_updates_url_is_documented():
    for pattern in urlpatterns:
        route = "/updates/" + str(pattern.pattern).replace("<str:token>", "<token>")
        assert route in UPDATES, route


def test_every_command_is_documented():
    for command in ("hallway digest send", "--dry-run", "--user NAME", "cron", "systemd"):
        assert command in UPDATES, command
    for command in ("hallway practice", "hallway practice --json"):
        assert command in PRACTICE, command
    for url in ("/practice/", "/practice/goals/", "/practice/reflection/"):
        assert url in PRACTICE, url
