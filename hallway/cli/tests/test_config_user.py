"""With several users, a default user saves typing --user on every command."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from hallway.cli import app
from hallway.people.services import person_create

runner = CliRunner()


@pytest.fixture(autouse=True)
def _config_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.CLI_CONFIG_FILE = tmp_path / "cli.json"
    settings.CLI_USER = ""


@pytest.fixture
def two_users(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Jane Doe")
    person_create(owner=outsider, name="Oscar's friend")


def test_several_users_without_a_default_say_how_to_set_one(two_users):
    result = runner.invoke(app, ["people", "list"])
    assert result.exit_code == 1
    assert "hallway config user NAME" in result.stderr and "HALLWAY_USER" in result.stderr


def test_config_user_sets_the_default_for_every_command(two_users, settings):
    result = runner.invoke(app, ["config", "user", "olivia"])
    assert result.exit_code == 0, result.output
    assert '"user": "olivia"' in settings.CLI_CONFIG_FILE.read_text()
    listing = runner.invoke(app, ["people", "list"])
    assert listing.exit_code == 0, listing.output
    assert "Jane Doe" in listing.stdout and "Oscar" not in listing.stdout
    assert (
        runner.invoke(app, ["config", "user"]).stdout.strip() == "olivia (from hallway config user)"
    )


def test_an_explicit_user_still_wins(two_users):
    runner.invoke(app, ["config", "user", "olivia"])
    listing = runner.invoke(app, ["people", "list", "--user", "oscar"])
    assert "Oscar's friend" in listing.stdout and "Jane Doe" not in listing.stdout


def test_the_hallway_user_setting_wins_over_the_config(two_users, settings):
    runner.invoke(app, ["config", "user", "olivia"])
    settings.CLI_USER = "oscar"
    listing = runner.invoke(app, ["people", "list"])
    assert "Oscar's friend" in listing.stdout
    assert runner.invoke(app, ["config", "user"]).stdout.strip() == "oscar (from HALLWAY_USER)"


def test_an_unknown_default_user_is_refused_in_one_line(two_users, settings):
    result = runner.invoke(app, ["config", "user", "nobody"])
    assert result.exit_code == 1 and "No user named “nobody”" in result.stderr
    assert not settings.CLI_CONFIG_FILE.exists()
    settings.CLI_USER = "ghost"
    listing = runner.invoke(app, ["people", "list"])
    assert listing.exit_code == 1 and "“ghost” (from HALLWAY_USER)" in listing.stderr


def test_unset_forgets_the_default(two_users):
    runner.invoke(app, ["config", "user", "olivia"])
    assert runner.invoke(app, ["config", "user", "--unset"]).exit_code == 0
    assert runner.invoke(app, ["people", "list"]).exit_code == 1
    assert runner.invoke(app, ["config", "user"]).exit_code == 1
