"""docs/teams.md covers every team screen, endpoint and command; the CLI works end to end."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from hallway.cli import app
from hallway.cli.teams import team_app
from hallway.teams.models import Membership, ShareGrant, ShareLevel
from hallway.teams.urls import urlpatterns

DOCS = (Path(__file__).resolve().parents[3] / "docs" / "teams.md").read_text()


def test_every_team_screen_is_documented() -> None:
    for pattern in urlpatterns:
        route = "/teams/" + re.sub(r"<\w+:(\w+)>", r"<\1>", str(pattern.pattern))
        if pattern.name in ("create", "rename", "leave", "invite", "invitation_revoke"):
            continue  # form actions of the documented pages
        if "/" in route.removeprefix("/teams/").rstrip("/") and not route.endswith(
            ("search/", "people/<person_id>/", "events/<team_event_id>/", "introductions/")
        ):
            continue  # form actions (share, take, going, …) on the documented pages
        assert route in DOCS, route


def test_every_team_command_is_documented() -> None:
    for command in team_app.registered_commands:
        assert f"hallway team {command.name}" in DOCS, command.name


runner = CliRunner()


def test_the_cli_creates_shares_searches_and_asks_for_an_introduction(
    owner: Any, teammate: Any, hallway_team: Any, person: Any
) -> None:
    result = runner.invoke(app, ["team", "list", "--user", "olivia"])
    assert result.exit_code == 0 and "Hallway\towner" in result.output
    result = runner.invoke(
        app,
        ["team", "share", "Jane Doe", "--team", "hallway", "--level", "know", "--user", "olivia"],
    )
    assert result.exit_code == 0, result.output
    assert ShareGrant.objects.get(person=person).level == ShareLevel.KNOW
    result = runner.invoke(app, ["team", "search", "acme", "--user", "theo"])
    assert result.exit_code == 0
    assert "Jane Doe (CIO at Acme Corp) · known by olivia" in result.output
    result = runner.invoke(app, ["team", "search", "acme", "--json", "--user", "theo"])
    assert '"teammate": "olivia"' in result.output and '"story": null' in result.output
    result = runner.invoke(
        app, ["team", "intro", str(person.pk), "--team", "Hallway", "--user", "theo"]
    )
    assert result.exit_code == 0 and "sent to olivia" in result.output
    result = runner.invoke(app, ["team", "requests", "--user", "olivia"])
    assert "theo asks to meet Jane Doe" in result.output
    request_id = result.output.split("\t")[0].strip()
    result = runner.invoke(app, ["team", "answer", request_id, "decline", "--user", "olivia"])
    assert result.exit_code == 0
    result = runner.invoke(app, ["team", "audit", "Hallway", "--user", "olivia"])
    assert "share\tJane Doe\tNot shared -> I know them\tperson" in result.output


def test_the_cli_invites_and_joins(owner: Any, outsider: Any, hallway_team: Any) -> None:
    result = runner.invoke(app, ["team", "invite", "Hallway", "--user", "olivia"])
    assert result.exit_code == 0
    link = result.output.strip()
    assert "/teams/join/" in link
    result = runner.invoke(app, ["team", "join", link, "--user", "oscar"])
    assert result.exit_code == 0, result.output
    assert Membership.objects.filter(team=hallway_team, user=outsider).exists()


def test_cli_mistakes_are_one_line_and_non_zero(owner: Any, hallway_team: Any, person: Any) -> None:
    for arguments, message in (
        (["team", "share", "Jane", "--team", "Nope", "--level", "know"], "You are in no team"),
        (["team", "share", "Jane", "--team", "Hallway", "--level", "most"], "Unknown level"),
        (["team", "share", "Nobody", "--team", "Hallway", "--level", "know"], "No person matches"),
        (["team", "join", "not-a-token"], "not valid any more"),
        (["team", "answer", "99", "maybe"], "accept or decline"),
    ):
        result = runner.invoke(app, [*arguments, "--user", "olivia"])
        assert result.exit_code == 1, arguments
        assert message in result.output, (arguments, result.output)
