"""Schemathesis runs the whole OpenAPI document (every router, also those added later) against
the app in-process: no server error and no response that breaks the document."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from hallway.accounts.services import token_create

# Modest, so the suite stays fast. For a thorough run (minutes, not seconds):
# HALLWAY_SCHEMATHESIS_EXAMPLES=100 HALLWAY_SCHEMATHESIS_COVERAGE=1 (the coverage phase tries
# every boundary: lengths, wrong JSON types, missing fields, unexpected methods).
EXAMPLES = int(os.environ.get("HALLWAY_SCHEMATHESIS_EXAMPLES", "10"))
COVERAGE = os.environ.get("HALLWAY_SCHEMATHESIS_COVERAGE", "0") == "1"
RANDOM = os.environ.get("HALLWAY_SCHEMATHESIS_RANDOM", "0") == "1"


REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429"]


@pytest.fixture
def api_schema(db: Any) -> Iterator[Any]:
    from hallway.wsgi import application

    # Like Django's test client: the end of a request must not close the connection that
    # holds the test's transaction (on PostgreSQL it would, and take the test data with it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    config = schemathesis.Config.from_dict(
        {
            "phases": {"coverage": {"enabled": COVERAGE}},
            # A URL past the limit (docs/api.md) is refused with a 414, as invalid as a 422.
            "checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}},
        }
    )
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request: Any) -> None:
    # schemathesis 4.32 renames the test through `node._nodeid`, which pytest 9 no longer has.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


def _real_objects(user: Any) -> dict[str, int]:
    """Ids of real objects of the user, (re)created as needed, so generated calls also reach
    the success paths instead of only 404s."""
    from django.utils import timezone

    from hallway.conversations.models import Conversation, FollowUp
    from hallway.conversations.services import conversation_log
    from hallway.events.models import Event
    from hallway.events.services import event_create
    from hallway.people.models import Note, Person
    from hallway.people.services import note_add, person_create

    person = Person.objects.filter(owner=user).first() or person_create(
        owner=user, name="Sam Fuzz", story={"work": "Tests APIs"}, tags=["fuzz"]
    )
    event = Event.objects.filter(owner=user).first() or event_create(
        owner=user, name="Fuzz Conf", starts_at=timezone.now()
    )
    conversation = Conversation.objects.filter(owner=user).first() or conversation_log(
        owner=user,
        person=person,
        event=event,
        learned={"origin": "Ohio"},
        followups=["Send the deck"],
    )
    followup = FollowUp.objects.filter(owner=user).first()
    note = Note.objects.filter(owner=user).first() or note_add(person=person, text="Likes boats")
    team_ids = _real_team_objects(user, person, event)
    return {
        **team_ids,
        "person_id": person.pk,
        "event_id": event.pk,
        "conversation_id": conversation.pk,
        "followup_id": followup.pk if followup else 1,
        "note_id": note.pk,
    }


def _real_team_objects(user: Any, person: Any, event: Any) -> dict[str, int]:
    """A team of the user's with a shared person and a shared event (hallway.teams)."""
    from hallway.teams.models import Membership, ShareLevel
    from hallway.teams.services import share_set, team_create, team_event_share

    membership = Membership.objects.filter(user=user).select_related("team").first()
    team = membership.team if membership else team_create(owner=user, name="Fuzz team")
    share_set(person=person, team=team, level=ShareLevel.FULL)
    team_event = team_event_share(event=event, team=team)
    return {
        "team_id": team.pk,
        "member_id": Membership.objects.get(team=team, user=user).pk,
        "team_event_id": team_event.pk,
    }


# Refusals that no schema can state, because they hang on more than the request's shape: a
# schema-valid request may be refused (422) for one of these, and for nothing else (the
# start of the `detail` the API answers).
NOT_IN_THE_SCHEMA = (
    # What is stored: an id in a body that is not one of yours (docs/api.md, "Privacy") …
    "person_id: You have no person with id",
    "event_id: You have no event with id",
    "want_to_meet: You have no person with id",
    "want_to_meet: Unknown person id(s)",
    "conversation_id: You have no conversation with id",
    # … the teams' memberships, roles, invitations, shares and requests (hallway.teams) …
    "This invitation link is not valid any more.",
    "You are already a member of this team.",
    "That person is not in this team.",
    "To leave the team, use",
    "The team's owner cannot be removed.",
    "Only the owner can remove an admin.",
    "Make another member the owner",
    "Only the team's owner",
    "Hand ownership to someone else",
    "You can only share with a team you are a member of.",
    "tag: You have nobody tagged",
    "You already asked for this introduction",
    "This request was already answered.",
    "You shared this event; stop sharing it instead.",
    "Say you go to the event first.",
    "That person is not on the event's shared want-to-meet list.",
    "A teammate already takes that person.",
    # … a conversation that has ended, a voice note's state.
    "sign: This conversation has already ended.",
    "Only a voice note that could not be transcribed can be retried.",
    "The recording is gone",
    # What a pasted attendee list holds: its CSV header, its lines, how many people.
    "attendees: The CSV header has no name or email column.",
    "attendees: No attendees found",
    "attendees: An attendee list holds at most",
    # Two fields compared, with each other or with the stored value or the clock.
    "ends_at: The end cannot be before the start.",
    "ended_at: A conversation cannot end before it starts.",
    "You cannot reflect on a month that has not started.",
)
# What an uploaded file holds: the document can say "a file", not "a vCard" or "a recording".
# The import's messages about the file name no field; the recording's name `audio`.
UPLOADS = {
    "POST /api/v1/imports": lambda detail: not re.match(r"^\w+: ", detail),
    "POST /api/v1/voice-notes": lambda detail: detail.startswith("audio: "),
    "POST /api/v1/people/{person_id}/voice-notes": lambda detail: detail.startswith("audio: "),
    "POST /api/v1/conversations/{conversation_id}/voice-notes": lambda detail: detail.startswith(
        "audio: "
    ),
}


def _refused_for_what_no_schema_states(case: Any, response: Any) -> bool:
    if response.status_code != 422:
        return False
    detail = response.json().get("detail", "")
    if not isinstance(detail, str):
        return False
    about_the_file = UPLOADS.get(case.operation.label)
    return detail.startswith(NOT_IN_THE_SCHEMA) or bool(about_the_file and about_the_file(detail))


def _swappable(value: Any) -> bool:
    return type(value) is int and value >= 1 and value % 2 == 0


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    # The same examples on every run, so the suite cannot flake; HALLWAY_SCHEMATHESIS_RANDOM=1
    # draws new ones (with more examples, for a thorough run).
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_honours_its_openapi_document(case: Any, owner: Any) -> None:
    token = token_create(user=owner, name="schemathesis")[1]
    real = _real_objects(owner)
    if case.meta is not None and case.meta.generation.mode != GenerationMode.POSITIVE:
        real = {}  # invalid input stays invalid
    # Half of the valid generated ids (the even ones) are swapped for real ones, so both the
    # found and the not-found paths are tried; invalid ids are left alone.
    for name, value in list((case.path_parameters or {}).items()):
        if name in real and _swappable(value):
            case.path_parameters[name] = real[name]
    if isinstance(case.body, dict):
        for name in ("person_id", "event_id"):
            if name in real and _swappable(case.body.get(name)):
                case.body[name] = real[name]
    headers = {"Authorization": f"Bearer {token}"}
    response = case.call(headers=headers)
    # Every check is on, "schema-valid request rejected" too: the document states each limit
    # of the request's shape. Only a refusal for what is stored (see NOT_IN_THE_SCHEMA) may
    # answer 422 to a schema-valid request, and the check is left out for that one response.
    excluded = (
        [positive_data_acceptance] if _refused_for_what_no_schema_states(case, response) else []
    )
    case.validate_response(
        response, headers=headers, excluded_checks=excluded, transport_kwargs={"headers": headers}
    )


def test_the_openapi_document_is_served_without_a_token(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/people" in document["paths"]
