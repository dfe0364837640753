from __future__ import annotations

import json

from typer.testing import CliRunner

from hallway.cli import app
from hallway.lib.story import WARNING_SIGNS

runner = CliRunner()


def test_practice_prints_this_month_against_the_goals_and_insights(owner, history):
    result = runner.invoke(app, ["practice", "--user", owner.username])
    assert result.exit_code == 0, result.output
    assert "November 2026 against your goals (suggested goals)" in result.output
    assert "Connections (stories)" in result.output
    assert "connection rate: 40%" in result.output
    assert "wandering_eyes 4" in result.output
    assert "up from 25%." in result.output


def test_practice_json_is_the_api_shape(owner, history):
    result = runner.invoke(app, ["practice", "--json", "--user", owner.username])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["connection_rate"] == 0.4
    assert set(data["warning_signs"]) == set(WARNING_SIGNS)


def test_practice_for_a_new_user_says_so(owner, teammate, frozen):
    result = runner.invoke(app, ["practice", "--user", teammate.username])
    assert result.exit_code == 0
    assert "No practice to show yet" in result.output


def test_practice_shows_only_that_user_s_numbers(owner, history, outsider):
    data = json.loads(
        runner.invoke(app, ["practice", "--json", "--user", outsider.username]).output
    )
    assert data["conversations"] == 0


def test_unknown_user_is_one_line_and_non_zero(db):
    result = runner.invoke(app, ["practice", "--user", "nobody"])
    assert result.exit_code == 1
    assert "No user named “nobody”" in result.output
