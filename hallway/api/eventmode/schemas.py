"""The shapes of live event mode: the inputs with their limits, and the answers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field
from pydantic.config import JsonDict, JsonValue

from hallway.api.schemas import (
    NOT_BLANK,
    SPACE,
    ConversationOut,
    Day,
    InputSchema,
    NameText,
    ObjectId,
    clean_text,
    text_field,
)
from hallway.lib.story import FACETS, OUTCOMES, WARNING_SIGNS

_KEY_HELP = (
    "Optional client-made key (8–64 letters, digits, '-' or '_'). A retry with the same key "
    "is not applied twice."
)
_CLIENT_ID_HELP = (
    "Optional id made on the phone (8–64 letters, digits, '-' or '_') for a conversation "
    "started offline; later captures, signs and the end can name it in "
    "/live/conversations/{client_id}/… before the server id is known. Also the start's "
    "idempotency key."
)


def _key_field(description: str) -> Any:
    """A client-made key: spaces around it are ignored, empty means none."""
    pattern = rf"^[{SPACE}]*([A-Za-z0-9_-]{{8,64}}[{SPACE}]*)?$"
    return Field(max_length=64, description=description, json_schema_extra={"pattern": pattern})


IdempotencyKey = Annotated[str, _key_field(_KEY_HELP)]
ClientIdText = Annotated[str, _key_field(_CLIENT_ID_HELP)]
KnownText = Annotated[
    str,
    text_field(6000, "What the phone showed for this facet when the capture was made"),
    AfterValidator(clean_text),
]
LearnedText = Annotated[
    str,
    text_field(2000, "What you learned, in a few words", blank=False),
    AfterValidator(clean_text),
]
OptionalFollowUp = Annotated[str, text_field(500), AfterValidator(clean_text)]
_BLANK: JsonDict = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": rf"^[{SPACE}]*$"}]}
# Exactly one of the two: a known person's id, or a (not blank) name for someone new.
_PERSON_OR_NAME: list[JsonValue] = [
    {"required": ["person_id"], "properties": {"person_id": {"type": "integer"}, "name": _BLANK}},
    {
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "pattern": NOT_BLANK},
            "person_id": {"type": "null"},
        },
    },
]


class StartIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"anyOf": _PERSON_OR_NAME})

    person_id: ObjectId | None = Field(None, description="A person you already know")
    name: NameText | None = Field(
        None, description="Or the name of someone new (a person is created)"
    )
    event_id: ObjectId | None = Field(None, description="The event you are at (optional)")
    idempotency_key: IdempotencyKey | None = None
    client_id: ClientIdText | None = None


class CaptureIn(InputSchema):
    # The words are checked by the service, whose message lists them ("Unknown facet …").
    facet: str = Field(description="One of the facets", json_schema_extra={"enum": list(FACETS)})
    text: LearnedText
    idempotency_key: IdempotencyKey | None = None
    known: KnownText | None = None


class SignIn(InputSchema):
    sign: str = Field(
        description="One of the warning signs", json_schema_extra={"enum": list(WARNING_SIGNS)}
    )
    idempotency_key: IdempotencyKey | None = None


class EndIn(InputSchema):
    outcome: str | None = Field(
        None, description="Suggested when absent", json_schema_extra={"enum": [*OUTCOMES, None]}
    )
    followup: OptionalFollowUp = Field(
        "", description='One line, e.g. "send the article on Tuesday"; empty for none'
    )
    followup_due: Day | None = Field(
        None, description="YYYY-MM-DD; read from the follow-up text when absent"
    )
    idempotency_key: IdempotencyKey | None = None


class ExitPromptOut(Schema):
    show: bool = Field(description="True after a warning sign or when the conversation runs long")
    reason: str
    line: str
    next_person_id: int | None
    next_person_name: str | None
    long_after_seconds: int


class MergedOut(Schema):
    facet: str
    phone_had: str = Field(description="What the phone showed for the facet (the `known` sent)")
    server_had: str = Field(description="What the story said on the server, changed elsewhere")
    story_now: str = Field(description="The facet after the merge: nothing was overwritten")


class CaptureResultOut(Schema):
    applied: bool = Field(description="False when this idempotency key had already been applied")
    conversation: ConversationOut
    exit_prompt: ExitPromptOut
    merged: MergedOut | None = Field(
        None,
        description="Set when the story changed elsewhere since the phone's copy (`known`): "
        "the capture was merged into the newer story",
    )


class CheckInIn(InputSchema):
    event_id: ObjectId = Field(description="The event you are at")


class CheckInOut(Schema):
    current_event_id: int


class SnapshotOut(Schema):
    user: dict[str, Any]
    as_of: dt.datetime
    current_event_id: int | None
    settings: dict[str, Any]
    questions: list[dict[str, Any]]
    signs: list[dict[str, Any]]
    outcomes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    conversations: list[dict[str, Any]]
    people: list[dict[str, Any]]


class ReviewRowOut(Schema):
    conversation: ConversationOut
    person_name: str
    missing_contact: bool = Field(
        description="The person has neither an e-mail address nor a phone number"
    )
    no_followup: bool = Field(description="No follow-up was promised in this conversation")


class EventReviewOut(Schema):
    event_id: int
    goal_new_connections: int | None
    new_people: int = Field(description="People met for the first time at this event")
    connected: int
    cards_only: int
    cut_short: int
    ongoing: int
    connections_known: int = Field(
        description="People talked to whose story you know (passions or drivers)"
    )
    cards_held: int = Field(description="People talked to of whom you only hold contact details")
    conversations: list[ReviewRowOut]
