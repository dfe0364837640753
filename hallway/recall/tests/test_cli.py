"""`hallway brief`, `hallway events brief`, `hallway due` and `hallway reconnect`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from hallway.cli import app
from hallway.conversations.models import FollowUp
from hallway.conversations.services import conversation_log, followup_add
from hallway.people.services import note_add, person_create

from .conftest import NOW

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_brief_prints_the_story_last_talk_promises_and_questions(frozen_now, owner, person):
    conversation_log(
        owner=owner,
        person=person,
        started_at=NOW - dt.timedelta(days=3),
        notes="Moving to Berlin soon",
    )
    followup_add(person=person, text="Send the article", due=dt.date(2026, 12, 1))
    result = _run("brief", "jane", "--user", owner.username)
    assert result.exit_code == 0, result.output
    for expected in (
        "Jane Doe",
        "CIO at Acme Corp",
        "How is life in Berlin?",
        "Where did you study?",
        "Runs IT at Acme",
        "Send the article",
        "Sun 22 Nov 2026",
    ):
        assert expected in result.output, expected


def test_brief_json_has_the_api_shape(frozen_now, owner, person):
    note_add(person=person, text="Training for the Boston marathon", date=dt.date(2026, 5, 1))
    result = _run("brief", "Jane Doe", "--json", "--user", owner.username)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["person"]["id"] == person.pk
    assert data["last_conversation"] is None
    assert data["next_questions"][0] == "How did the Boston marathon go?"
    assert {"open_followups", "next_questions", "met", "last_talked_at"} <= set(data)


def test_brief_for_an_unknown_or_ambiguous_name_fails_in_one_line(owner, person):
    person_create(owner=owner, name="Jane Smith")
    result = _run("brief", "Nobody Here", "--user", owner.username)
    assert result.exit_code == 1 and "No person matches" in result.output
    result = _run("brief", "jane", "--user", owner.username)
    assert result.exit_code == 1 and "matches 2 people" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_brief_needs_a_name_or_an_event(owner):
    result = _run("brief", "--user", owner.username)
    assert result.exit_code == 1 and "hallway brief NAME" in result.output


def test_brief_never_shows_another_users_person(owner, outsider, person):
    result = _run("brief", "Jane Doe", "--user", outsider.username)
    assert result.exit_code == 1 and "Runs IT" not in result.output


def test_event_briefing_from_the_cli_lists_the_people_you_know(owner, person, event):
    event.want_to_meet.add(person)
    for args in (("brief", "--event", "cio summit"), ("events", "brief", "CIO Summit")):
        result = _run(*args, "--user", owner.username)
        assert result.exit_code == 0, result.output
        assert (
            "Briefing: CIO Summit" in result.output
            and "Jane Doe" in result.output
            and "Runs IT at Acme" in result.output
        )
    data = json.loads(
        _run("events", "brief", str(event.pk), "--json", "--user", owner.username).output
    )
    assert [item["person"]["id"] for item in data["want_to_meet"]] == [person.pk]


def test_due_lists_open_followups_and_ticks_one(frozen_now, owner, person):
    late = followup_add(person=person, text="Send the article", due=dt.date(2026, 11, 1))
    followup_add(person=person, text="Book dinner", due=dt.date(2026, 12, 1))
    result = _run("due", "--user", owner.username)
    assert result.exit_code == 0, result.output
    assert (
        result.output.index("Overdue")
        < result.output.index("Send the article")
        < result.output.index("Upcoming")
    )
    result = _run("due", "--tick", str(late.pk), "--json", "--user", owner.username)
    assert result.exit_code == 0, result.output
    assert [item["text"] for item in json.loads(result.output)["items"]] == ["Book dinner"]
    assert FollowUp.objects.get(pk=late.pk).done is True


def test_due_cannot_tick_another_users_followup(owner, outsider, person):
    followup = followup_add(person=person, text="Private")
    result = _run("due", "--tick", str(followup.pk), "--user", outsider.username)
    assert result.exit_code == 1 and "No follow-up" in result.output
    assert FollowUp.objects.get(pk=followup.pk).done is False


def test_due_with_nothing_due_says_so(owner):
    assert "Nothing due" in _run("due", "--user", owner.username).output


def test_reconnect_lists_people_losing_touch_most_overdue_first(frozen_now, owner):
    person_create(
        owner=owner,
        name="Slightly Late",
        keep_in_touch_days=10,
        last_contact_at=NOW - dt.timedelta(days=12),
    )
    person_create(
        owner=owner,
        name="Very Late",
        keep_in_touch_days=10,
        last_contact_at=NOW - dt.timedelta(days=50),
    )
    result = _run("reconnect", "--user", owner.username)
    assert result.exit_code == 0, result.output
    assert result.output.index("Very Late") < result.output.index("Slightly Late")
    data = json.loads(_run("reconnect", "--json", "--user", owner.username).output)
    assert data["count"] == 2 and [item["overdue_days"] for item in data["items"]] == [40, 2]


def test_reconnect_with_nobody_overdue_says_so(owner):
    assert "Nobody to reconnect with" in _run("reconnect", "--user", owner.username).output


@pytest.mark.slow
def test_the_installed_command_runs_in_a_fresh_process(tmp_path):
    """CliRunner shares the test's Django; a real process proves each command sets Django up."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["HALLWAY_DATA_DIR"] = str(tmp_path)
    hallway = str(Path(sys.executable).parent / "hallway")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [hallway, *args], env=env, capture_output=True, text=True, timeout=300
        )

    migrate = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v", "0"],
        env={**env, "DJANGO_SETTINGS_MODULE": "hallway.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    assert run("demo", "--user", "olivia").returncode == 0
    for args in (
        ("due",),
        ("reconnect",),
        ("events", "brief", "1"),
        ("brief", "--event", "1", "--json"),
    ):
        result = run(*args)
        assert result.returncode == 0, (args, result.stderr[-500:])
        assert result.stdout.strip(), args
    failed = run("brief", "Nobody At All")
    assert (
        failed.returncode == 1
        and "No person matches" in failed.stderr
        and "Traceback" not in failed.stderr
    )
