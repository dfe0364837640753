"""`hallway token|people|events|log`, run through the CLI runner as a user types them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from hallway.accounts.models import ApiToken, hash_token
from hallway.accounts.services import token_create
from hallway.cli import app
from hallway.conversations.models import Conversation, FollowUp
from hallway.events.services import event_create
from hallway.people.models import Person
from hallway.people.services import person_create

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _error_line(result: Any) -> str:
    """The one line a failing command prints on stderr."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- token ------------------------------------------------------------------------------------


def test_token_create_prints_only_the_token_which_works(owner: Any) -> None:
    result = _run("token", "create", "olivia")
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert "\n" not in token and token.startswith("hw_")
    assert ApiToken.objects.get(owner=owner).digest == hash_token(token)


def test_token_create_for_an_unknown_user_fails_in_one_line(owner: Any) -> None:
    result = _run("token", "create", "nobody")
    assert result.exit_code == 1
    assert "No user named “nobody”" in _error_line(result)


def test_token_list_shows_names_and_prefixes_but_never_tokens(owner: Any, outsider: Any) -> None:
    _record, raw = token_create(user=owner, name="laptop script")
    token_create(user=outsider, name="oscar's")
    result = _run("token", "list", "--user", "olivia")
    assert result.exit_code == 0, result.output
    assert "laptop script" in result.stdout and raw[:10] in result.stdout
    assert raw not in result.stdout
    assert "oscar's" not in result.stdout
    data = json.loads(_run("token", "list", "--user", "olivia", "--json").stdout)
    assert data["count"] == 1 and data["items"][0]["name"] == "laptop script"


def test_token_list_when_there_is_none_says_how_to_make_one(owner: Any) -> None:
    result = _run("token", "list")
    assert result.exit_code == 0
    assert "hallway token create olivia" in result.stdout


def test_token_revoke_by_id_or_prefix(owner: Any) -> None:
    first, _ = token_create(user=owner, name="one")
    second, _ = token_create(user=owner, name="two")
    assert _run("token", "revoke", str(first.pk), "--user", "olivia").exit_code == 0
    assert _run("token", "revoke", second.prefix, "--user", "olivia").exit_code == 0
    assert not ApiToken.objects.exists()


def test_token_revoke_cannot_touch_another_users_token(owner: Any, outsider: Any) -> None:
    theirs, _ = token_create(user=outsider, name="theirs")
    result = _run("token", "revoke", str(theirs.pk), "--user", "olivia")
    assert result.exit_code == 1
    assert "has no token" in _error_line(result)
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


# --- people -----------------------------------------------------------------------------------


def test_people_add_then_list_and_show(owner: Any) -> None:
    result = _run(
        "people",
        "add",
        "Zoë Martin",
        "--company",
        "Globex",
        "--role",
        "CTO",
        "--tag",
        "boston",
        "--tag",
        "cto",
        "--passions",
        "sailing",
    )
    assert result.exit_code == 0, result.output
    assert "Added Zoë Martin" in result.stdout
    person = Person.objects.get(owner=owner)
    assert person.passions == "sailing" and person.tag_names == ["boston", "cto"]

    listing = _run("people", "list")
    assert (
        listing.exit_code == 0 and "Zoë Martin" in listing.stdout and "connection" in listing.stdout
    )

    shown = _run("people", "show", "zoe")
    assert shown.exit_code == 0, shown.output
    for expected in ("Zoë Martin", "CTO, Globex", "sailing", "Where did they grow up?"):
        assert expected in shown.stdout


def test_people_list_json_is_the_api_shape_and_filters(owner: Any, person: Any) -> None:
    person_create(owner=owner, name="Sam Sailor", story={"passions": "sailing"})
    data = json.loads(_run("people", "list", "--json", "--status", "connection").stdout)
    assert data["count"] == 1
    assert data["items"][0]["name"] == "Sam Sailor"
    assert data["items"][0]["story"]["passions"] == "sailing"
    assert data["items"][0]["status"] == "connection"
    data = json.loads(_run("people", "list", "--json", "--tag", "cio").stdout)
    assert [item["name"] for item in data["items"]] == ["Jane Doe"]
    data = json.loads(_run("people", "list", "--json", "-q", "acme").stdout)
    assert [item["name"] for item in data["items"]] == ["Jane Doe"]


def test_people_list_with_nobody_yet_says_how_to_add(owner: Any) -> None:
    result = _run("people", "list")
    assert result.exit_code == 0 and "hallway people add" in result.stdout


def test_people_list_refuses_an_unknown_status(owner: Any) -> None:
    result = _run("people", "list", "--status", "friend")
    assert result.exit_code == 1
    assert "card or connection" in _error_line(result)


def test_people_show_json(owner: Any, person: Any) -> None:
    data = json.loads(_run("people", "show", "JANE DOE", "--json").stdout)
    assert data["id"] == person.pk and data["tags"] == ["cio", "retail"]


def test_people_show_an_ambiguous_name_lists_the_candidates(owner: Any, person: Any) -> None:
    person_create(owner=owner, name="Jane Smith", company="Initech")
    result = _run("people", "show", "jane")
    assert result.exit_code == 1
    line = _error_line(result)
    assert (
        "matches 2 people" in line
        and "Jane Doe" in line
        and "Jane Smith" in line
        and "Initech" in line
    )


def test_people_show_never_finds_another_users_person(owner: Any, outsider: Any) -> None:
    theirs = person_create(owner=outsider, name="Secret Person")
    for name in ("Secret Person", str(theirs.pk)):
        result = _run("people", "show", name, "--user", "olivia")
        assert result.exit_code == 1
        assert "No person matches" in _error_line(result)


def test_people_add_refuses_bad_input_in_one_line(owner: Any) -> None:
    result = _run("people", "add", "Al", "--email", "not-an-email")
    assert result.exit_code == 1
    assert "valid email" in _error_line(result)
    assert not Person.objects.exists()


def test_people_add_json(owner: Any) -> None:
    data = json.loads(_run("people", "add", "Al Bundy", "--json").stdout)
    assert data["name"] == "Al Bundy" and data["status"] == "card"


def test_several_users_need_user(owner: Any, outsider: Any) -> None:
    result = _run("people", "list")
    assert result.exit_code == 1
    assert "--user" in _error_line(result)


# --- log --------------------------------------------------------------------------------------


def test_log_records_the_conversation_and_grows_the_story(
    owner: Any, person: Any, event: Any
) -> None:
    result = _run(
        "log",
        "jane doe",
        "--event",
        "cio summit",
        "--learned",
        "passions=sailing",
        "--learned",
        "drivers=her team",
        "--sign",
        "wandering_eyes",
        "--outcome",
        "connected",
        "--followup",
        "Send the deck",
        "--due",
        "2030-01-15",
    )
    assert result.exit_code == 0, result.output
    assert "Logged a conversation with Jane Doe at CIO Summit" in result.stdout
    conversation = Conversation.objects.get()
    assert conversation.event == event
    assert conversation.learned == {"passions": "sailing", "drivers": "her team"}
    assert conversation.warning_signs == ["wandering_eyes"]
    assert conversation.outcome == "connected"
    followup = FollowUp.objects.get()
    assert followup.text == "Send the deck" and followup.due.isoformat() == "2030-01-15"
    person.refresh_from_db()
    assert person.passions == "sailing" and person.status == "connection"


def test_log_with_accents_and_part_of_a_name(owner: Any) -> None:
    person_create(owner=owner, name="Zoë Müller")
    result = _run("log", "zoe mull", "--learned", "origin=Zürich")
    assert result.exit_code == 0, result.output
    assert Person.objects.get().origin == "Zürich"


def test_log_json_is_the_api_shape(owner: Any, person: Any) -> None:
    data = json.loads(_run("log", "Jane", "--outcome", "cards_only", "--json").stdout)
    assert data["person_id"] == person.pk and data["outcome"] == "cards_only"


def test_log_for_someone_unknown_suggests_people_add(owner: Any, person: Any) -> None:
    result = _run("log", "Nobody Known", "--outcome", "connected")
    assert result.exit_code == 1
    assert 'hallway people add "Nobody Known"' in _error_line(result)
    assert not Conversation.objects.exists()


def test_log_with_an_ambiguous_name_lists_candidates_and_logs_nothing(
    owner: Any, person: Any
) -> None:
    person_create(owner=owner, name="Jane Smith")
    result = _run("log", "Jane", "--outcome", "connected")
    assert result.exit_code == 1
    assert "Jane Doe" in _error_line(result)
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sign", "yawning"], "unknown warning sign “yawning”"),
        (["--outcome", "married"], "unknown outcome “married”"),
        (["--learned", "hobbies=golf"], "unknown facet “hobbies”"),
        (["--learned", "passions"], "write FACET=TEXT"),
        (["--at", "yesterday"], "is not a date and time"),
        (["--followup", "Call", "--due", "soon"], "is not a date (YYYY-MM-DD)"),
        (["--due", "2030-01-01"], "--due needs a --followup"),
        (["--event", "Nowhere Fest"], "No event matches “Nowhere Fest”"),
        (["--notes", "x" * 10_001], "Notes are at most 10000 characters"),
    ],
)
def test_log_refuses_bad_input_in_one_line(
    owner: Any, person: Any, event: Any, args: list[str], message: str
) -> None:
    result = _run("log", "Jane Doe", *args)
    assert result.exit_code == 1
    assert message in _error_line(result)
    assert not Conversation.objects.exists()


# --- events -----------------------------------------------------------------------------------


def test_events_list_and_show(owner: Any, person: Any, event: Any) -> None:
    event.want_to_meet.add(person)
    listing = _run("events", "list")
    assert listing.exit_code == 0 and "CIO Summit" in listing.stdout
    shown = _run("events", "show", "summit")
    assert shown.exit_code == 0, shown.output
    for expected in ("CIO Summit", "Boston", "Goal: 5", "Want to meet: Jane Doe", "nobody yet"):
        assert expected in shown.stdout


def test_events_json_is_the_api_shape(owner: Any, person: Any, event: Any) -> None:
    data = json.loads(_run("events", "list", "--json").stdout)
    assert data["count"] == 1 and data["items"][0]["name"] == "CIO Summit"
    shown = json.loads(_run("events", "show", str(event.pk), "--json").stdout)
    assert shown["location"] == "Boston" and shown["want_to_meet"] == []


def test_events_show_an_ambiguous_name_lists_the_candidates(owner: Any, event: Any) -> None:
    event_create(owner=owner, name="CIO Summit Europe", starts_at=timezone.now())
    result = _run("events", "show", "summit")
    assert result.exit_code == 1
    assert "matches 2 events" in _error_line(result)
    assert _run("events", "show", "cio summit").exit_code == 0  # the exact name wins


def test_events_list_with_none_yet(owner: Any) -> None:
    result = _run("events", "list")
    assert result.exit_code == 0 and "No events yet" in result.stdout


# --- help -------------------------------------------------------------------------------------

COMMANDS = [
    ["token", "create"],
    ["token", "list"],
    ["token", "revoke"],
    ["people", "list"],
    ["people", "show"],
    ["people", "add"],
    ["log"],
    ["events", "list"],
    ["events", "show"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
