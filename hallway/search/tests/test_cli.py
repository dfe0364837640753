from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from hallway.cli import app
from hallway.search.models import SearchDocument

runner = CliRunner()


def test_search_prints_the_matching_people(owner: Any, sailor: Any, climate_founder: Any) -> None:
    result = runner.invoke(
        app, ["search", "sailing", "--mode", "keyword", "--user", owner.username]
    )
    assert result.exit_code == 0, result.output
    assert "Margaret Okonkwo" in result.output
    assert "Dmitri" not in result.output


def test_search_json_has_the_api_shape(owner: Any, sailor: Any) -> None:
    result = runner.invoke(
        app, ["search", "Okonkow", "--mode", "keyword", "--json", "--user", owner.username]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["count"] == 1
    assert body["items"][0]["person"]["id"] == sailor.pk
    assert body["corrections"] == {"okonkow": ["okonkwo"]}
    assert set(body["items"][0]) == {"person", "score", "snippet", "matched_by"}


def test_search_only_looks_at_that_users_people(owner: Any, outsider: Any, sailor: Any) -> None:
    result = runner.invoke(
        app, ["search", "Okonkwo", "--mode", "keyword", "--user", outsider.username]
    )
    assert result.exit_code == 0
    assert "Nobody matches" in result.output


def test_a_bad_mode_is_one_line_on_stderr(owner: Any) -> None:
    result = runner.invoke(app, ["search", "x", "--mode", "fuzzy", "--user", owner.username])
    assert result.exit_code == 1
    assert "Unknown search mode" in result.output


def test_semantic_without_the_extra_fails_with_the_reason(owner: Any, no_semantic: None) -> None:
    result = runner.invoke(app, ["search", "x", "--mode", "semantic", "--user", owner.username])
    assert result.exit_code == 1
    assert "semantic search is turned off" in result.output


def test_an_unknown_user_fails_clearly(owner: Any) -> None:
    result = runner.invoke(app, ["search", "x", "--user", "nobody"])
    assert result.exit_code == 1
    assert "No user named" in result.output


def test_reindex_rebuilds_every_document(
    owner: Any, sailor: Any, climate_founder: Any, no_semantic: None
) -> None:
    SearchDocument.objects.all().delete()
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 2 people." in result.output
    assert SearchDocument.objects.count() == 2
