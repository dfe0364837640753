"""The shapes of the teams API: inputs with their limits, outputs, and the path ids."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from hallway.api.schemas import (
    MAX_ID,
    NOT_BLANK,
    SPACE,
    EmailText,
    ErrorOut,
    InputSchema,
    LongText,
    ObjectId,
    QueryText,
    ShortText,
    TagText,
    path_id,
)
from hallway.teams.models import LEVEL_NAMES, ShareLevel

LevelName = Literal["none", "know", "full"]
RoleName = Literal["owner", "admin", "member"]
TeamId = path_id("The team's id.")
MemberId = path_id("The membership's id (see `members`).")
PersonId = path_id("The person's id.")
TeamEventId = path_id("The team event's id.")
RequestId = path_id("The introduction request's id.")
NOT_FOUND = {404: ErrorOut}
REFUSED = {404: ErrorOut, 422: ErrorOut}


def level_name(level: int) -> LevelName:
    return LEVEL_NAMES[ShareLevel(level)]  # type: ignore[return-value]


# A tag to share by: something besides spaces and the leading '#'s the service drops.
_A_TAG = rf"^[^\x00]*([^\x00#{SPACE}]|[^\x00{SPACE}][{SPACE}]+[^\x00{SPACE}])[^\x00]*$"


class TeamIn(InputSchema):
    name: ShortText = Field(
        ..., min_length=1, max_length=100, json_schema_extra={"pattern": NOT_BLANK}
    )


class MemberOut(Schema):
    id: int
    username: str
    role: RoleName
    joined_at: dt.datetime


class TeamOut(Schema):
    id: int
    name: str
    role: RoleName = Field(description="Your role in the team.")
    default_level: LevelName = Field(description="The level people you add from now on get.")
    members: list[MemberOut]
    created_at: dt.datetime


class InvitationIn(InputSchema):
    email: EmailText = Field("", description="Also send the link there.")


class InvitationOut(Schema):
    id: int
    link: str = Field(description="The one-time link; shown only now.")
    token: str
    email: str
    expires_at: dt.datetime


class JoinIn(InputSchema):
    token: ShortText = Field(..., min_length=1)


class RoleIn(InputSchema):
    role: RoleName


class DefaultLevelIn(InputSchema):
    default_level: LevelName


class TagShareIn(InputSchema):
    tag: TagText = Field(..., min_length=1, json_schema_extra={"pattern": _A_TAG})
    level: LevelName


class ChangedOut(Schema):
    changed: int = Field(description="How many people's sharing changed.")


class ShareIn(InputSchema):
    team_id: ObjectId
    level: LevelName


class AudienceOut(Schema):
    team_id: int
    team_name: str
    level: LevelName
    seen_by: list[str] = Field(description="Teammates who see what the level shows.")


class SharingOut(Schema):
    teams: list[AudienceOut]
    contact_given_to: list[str] = Field(
        description="Teammates whose introduction request you accepted."
    )


class NoteShared(Schema):
    date: dt.date
    text: str


class ConversationShared(Schema):
    started_at: dt.datetime
    event: str
    learned: dict[str, str]
    outcome: str
    notes: str


class ContactOut(Schema):
    email: str
    phone: str
    linkedin_url: str


class SharedPersonOut(Schema):
    """What you may see of a teammate's person: `story`, `tags`, `notes` and `conversations`
    only when shared with the full story, `contact` only after an accepted introduction."""

    person_id: int
    team_id: int
    team_name: str
    teammate: str = Field(description="Who knows the person.")
    level: Literal["know", "full"]
    name: str
    company: str
    role: str
    strength: int = Field(ge=0, le=100, description="Recency of contact and conversations.")
    strength_label: Literal["strong", "good", "weak"]
    conversation_count: int
    last_contact_at: dt.datetime | None
    story: dict[str, str] | None = None
    tags: list[str] | None = None
    notes: list[NoteShared] | None = None
    conversations: list[ConversationShared] | None = None
    contact: ContactOut | None = None
    snippet: str = Field("", description="Matched words in <mark>, from what the level shows.")


class TeamSearchOut(Schema):
    items: list[SharedPersonOut]
    count: int


class TeamSearchParams(Schema):
    q: QueryText = Field(..., min_length=1, description="A company, a name, a role, a topic.")
    team_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only this team.")
    limit: int = Field(20, ge=1, le=100)


class IntroductionIn(InputSchema):
    message: LongText = Field("", max_length=2000)


class IntroPersonOut(Schema):
    id: int
    name: str
    company: str
    role: str


class IntroductionOut(Schema):
    id: int
    team_id: int
    status: Literal["pending", "accepted", "declined"]
    requester: str
    teammate: str = Field(description="Who was asked (knows the person).")
    message: str
    created_at: dt.datetime
    answered_at: dt.datetime | None
    person: IntroPersonOut | None = Field(
        description="As far as you may see it (null when no longer shared with you)."
    )
    contact: ContactOut | None = Field(description="Only for your accepted requests.")


class IntroductionPage(Schema):
    items: list[IntroductionOut]
    count: int


class IntroductionFilters(Schema):
    box: Literal["received", "sent"] = Field("received", description="Asked of you, or by you.")


class TeamEventIn(InputSchema):
    event_id: ObjectId


class GoingIn(InputSchema):
    going: bool = True


class TakeIn(InputSchema):
    person_id: ObjectId
    take: bool = True


class WantedOut(Schema):
    person_id: int
    name: str
    company: str
    role: str
    known_by: str
    taken_by: str


class ConnectionsOut(Schema):
    member: str
    connections: int


class TeamEventOut(Schema):
    id: int
    team_id: int
    event_id: int | None = Field(description="Your own copy of the event, when you go.")
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str
    shared_by: str
    attendees: list[str]
    going: bool
    want_to_meet: list[WantedOut]
    finished: bool
    connections: list[ConnectionsOut] = Field(description="After the event: counts only.")
    connections_total: int


class TeamEventPage(Schema):
    items: list[TeamEventOut]
    count: int
