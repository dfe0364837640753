"""docs/updates.md and docs/practice.md must mention every command and endpoint of this area."""

from __future__ import annotations

from pathlib import Path

from hallway.api.practice import router
from hallway.updates.urls import urlpatterns

DOCS = Path(__file__).resolve().parents[3] / "docs"
UPDATES = (DOCS / "updates.md").read_text()
PRACTICE = (DOCS / "practice.md").read_text()


def test_every_practice_api_endpoint_is_documented():
    checked = 0
    for path, path_view in router.path_operations.items():
        for operation in path_view.operations:
            for method in operation.methods:
                assert f"{method} /api/v1{path}" in PRACTICE, f"{method} /api/v1{path}"
                checked += 1
    assert checked == 4


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
