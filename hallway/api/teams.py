"""Teams: /teams…, /team-search, /introductions…, /people/{id}/sharing. Reads of teammates' data
go through hallway.teams.selectors, the one place that applies the share grants."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from hallway.api.schemas import (
    ErrorOut,
    InputSchema,
    LongText,
    ObjectId,
    QueryText,
    ShortText,
    TagText,
)
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.people.models import Person
from hallway.teams import selectors, services
from hallway.teams.models import (
    LEVEL_NAMES,
    LEVELS_BY_NAME,
    IntroductionRequest,
    Membership,
    Role,
    ShareLevel,
)

router = Router(tags=["teams"])

LevelName = Literal["none", "know", "full"]
RoleName = Literal["owner", "admin", "member"]
TeamId = Path(..., ge=1, le=2**63 - 1, description="The team's id.")
MemberId = Path(..., ge=1, le=2**63 - 1, description="The membership's id (see `members`).")
PersonId = Path(..., ge=1, le=2**63 - 1, description="The person's id.")
TeamEventId = Path(..., ge=1, le=2**63 - 1, description="The team event's id.")
RequestId = Path(..., ge=1, le=2**63 - 1, description="The introduction request's id.")
NOT_FOUND = {404: ErrorOut}
REFUSED = {404: ErrorOut, 422: ErrorOut}


def _level_name(level: int) -> LevelName:
    return LEVEL_NAMES[ShareLevel(level)]  # type: ignore[return-value]


# --- Shapes -----------------------------------------------------------------------------------


class TeamIn(InputSchema):
    name: ShortText = Field(..., min_length=1, max_length=100)


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
    email: ShortText = Field("", max_length=254, description="Also send the link there.")


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
    tag: TagText = Field(..., min_length=1)
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
    team_id: int | None = Field(None, ge=1, le=2**63 - 1, description="Only this team.")
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


# --- Helpers ---------------------------------------------------------------------------------


def _team_out(membership: Membership) -> dict[str, Any]:
    team = membership.team
    return {
        "id": team.pk,
        "name": team.name,
        "role": membership.role,
        "default_level": _level_name(membership.default_level),
        "members": [
            {
                "id": member.pk,
                "username": member.user.get_username(),
                "role": member.role,
                "joined_at": member.joined_at,
            }
            for member in selectors.team_members(team)
        ],
        "created_at": team.created_at,
    }


def _sharing_out(person: Person) -> dict[str, Any]:
    audience = selectors.person_audience(person=person)
    return {
        "teams": [
            {
                "team_id": item["team"].pk,
                "team_name": item["team"].name,
                "level": item["level_name"],
                "seen_by": item["members"] if item["level"] else [],
            }
            for item in audience
        ],
        "contact_given_to": audience[0]["contact_given_to"] if audience else [],
    }


def _membership(request: HttpRequest, team_id: int) -> Membership:
    return selectors.membership_get_or_404(request.user, team_id)


def _member(membership: Membership, member_id: int) -> Membership:
    found = (
        Membership.objects.filter(team=membership.team, pk=member_id)
        .select_related("user", "team")
        .first()
    )
    if found is None:
        raise Http404("Not found.")
    return found


# --- Teams and members ------------------------------------------------------------------------


@router.get("/teams", response=list[TeamOut], summary="List your teams")
def list_teams(request: HttpRequest) -> list[dict[str, Any]]:
    return [_team_out(membership) for membership in selectors.memberships_of(request.user)]


@router.post("/teams", response={201: TeamOut, 422: ErrorOut}, summary="Create a team")
def create_team(request: HttpRequest, payload: TeamIn) -> Status[dict[str, Any]]:
    """You become its owner."""
    team = services.team_create(owner=request.user, name=payload.name)
    return Status(201, _team_out(_membership(request, team.pk)))


@router.post("/teams/join", response={201: TeamOut, 422: ErrorOut}, summary="Join with a token")
def join_team(request: HttpRequest, payload: JoinIn) -> Status[dict[str, Any]]:
    """Declared before /teams/{team_id} so that "join" is never read as a team id."""
    membership = services.invitation_accept(token=payload.token, user=request.user)
    return Status(201, _team_out(membership))


@router.get("/teams/{team_id}", response={200: TeamOut, **NOT_FOUND}, summary="Show a team")
def get_team(request: HttpRequest, team_id: int = TeamId) -> dict[str, Any]:
    return _team_out(_membership(request, team_id))


@router.patch("/teams/{team_id}", response={200: TeamOut, **REFUSED}, summary="Rename a team")
def rename_team(request: HttpRequest, payload: TeamIn, team_id: int = TeamId) -> dict[str, Any]:
    membership = _membership(request, team_id)
    services.team_rename(membership=membership, name=payload.name)
    return _team_out(membership)


@router.post(
    "/teams/{team_id}/invitations",
    response={201: InvitationOut, **REFUSED},
    summary="Invite someone (one-time link)",
)
def create_invitation(
    request: HttpRequest, payload: InvitationIn, team_id: int = TeamId
) -> Status[dict[str, Any]]:
    """Owners and admins only. With `email`, the link is also sent there."""
    invitation, token = services.invitation_create(
        membership=_membership(request, team_id), email=payload.email
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "link": services.invitation_link(token),
            "token": token,
            "email": invitation.email,
            "expires_at": invitation.expires_at,
        },
    )


@router.post("/teams/{team_id}/leave", response={204: None, **REFUSED}, summary="Leave a team")
def leave_team(request: HttpRequest, team_id: int = TeamId) -> Status[None]:
    """Everything you shared leaves with you; your people stay yours."""
    services.team_leave(membership=_membership(request, team_id))
    return Status(204, None)


@router.patch(
    "/teams/{team_id}/members/{member_id}",
    response={200: MemberOut, **REFUSED},
    summary="Change a member's role",
)
def set_member_role(
    request: HttpRequest, payload: RoleIn, team_id: int = TeamId, member_id: int = MemberId
) -> dict[str, Any]:
    """The owner only; making someone the owner hands ownership over (you become an admin)."""
    membership = _membership(request, team_id)
    member = services.member_role_set(
        membership=membership, member=_member(membership, member_id), role=Role(payload.role)
    )
    return {
        "id": member.pk,
        "username": member.user.get_username(),
        "role": member.role,
        "joined_at": member.joined_at,
    }


@router.delete(
    "/teams/{team_id}/members/{member_id}",
    response={204: None, **REFUSED},
    summary="Remove a member",
)
def remove_member(
    request: HttpRequest, team_id: int = TeamId, member_id: int = MemberId
) -> Status[None]:
    """Owners and admins; the member's shares, events and requests leave with them."""
    membership = _membership(request, team_id)
    services.member_remove(membership=membership, removed=_member(membership, member_id))
    return Status(204, None)


# --- Sharing ----------------------------------------------------------------------------------


@router.put(
    "/teams/{team_id}/sharing",
    response={200: TeamOut, **REFUSED},
    summary="Set your default level for new people",
)
def set_default_level(
    request: HttpRequest, payload: DefaultLevelIn, team_id: int = TeamId
) -> dict[str, Any]:
    membership = _membership(request, team_id)
    services.default_level_set(membership=membership, level=LEVELS_BY_NAME[payload.default_level])
    return _team_out(membership)


@router.post(
    "/teams/{team_id}/sharing/tag",
    response={200: ChangedOut, **REFUSED},
    summary="Share everyone with a tag",
)
def share_tag(request: HttpRequest, payload: TagShareIn, team_id: int = TeamId) -> dict[str, int]:
    changed = services.share_tag(
        membership=_membership(request, team_id),
        tag=payload.tag,
        level=LEVELS_BY_NAME[payload.level],
    )
    return {"changed": changed}


@router.get(
    "/people/{person_id}/sharing",
    response={200: SharingOut, **NOT_FOUND},
    summary="Who can see what of a person",
)
def get_sharing(request: HttpRequest, person_id: int = PersonId) -> dict[str, Any]:
    return _sharing_out(get_owned_or_404(Person, request.user, person_id))


@router.put(
    "/people/{person_id}/sharing",
    response={200: SharingOut, **REFUSED},
    summary="Share a person with a team",
)
def set_sharing(
    request: HttpRequest, payload: ShareIn, person_id: int = PersonId
) -> dict[str, Any]:
    """`none`, `know` (name, company, role, how well) or `full` (the story too)."""
    person = get_owned_or_404(Person, request.user, person_id)
    membership = _membership(request, payload.team_id)
    services.share_set(person=person, team=membership.team, level=LEVELS_BY_NAME[payload.level])
    return _sharing_out(person)


# --- Team search and shared people ------------------------------------------------------------


@router.get(
    "/team-search", response={200: TeamSearchOut, **NOT_FOUND}, summary="Who of us knows …?"
)
def search_team(request: HttpRequest, params: Query[TeamSearchParams]) -> dict[str, Any]:
    """Teammates' shared people matching the words, strongest connection first. People shared
    as "I know them" match on name, company and role only."""
    team = _membership(request, params.team_id).team if params.team_id else None
    found = selectors.team_search(
        viewer=request.user, query=params.q, team=team, limit=params.limit
    )
    return {"items": [selectors.shared_person_payload(item) for item in found], "count": len(found)}


@router.get(
    "/teams/{team_id}/people/{person_id}",
    response={200: SharedPersonOut, **NOT_FOUND},
    summary="A teammate's shared person",
)
def get_shared_person(
    request: HttpRequest, team_id: int = TeamId, person_id: int = PersonId
) -> dict[str, Any]:
    membership = _membership(request, team_id)
    return selectors.shared_person_payload(
        selectors.shared_person_get(viewer=request.user, team=membership.team, person_id=person_id)
    )


# --- Introductions ----------------------------------------------------------------------------


def _introduction_out(request: IntroductionRequest, viewer: Any) -> dict[str, Any]:
    person: dict[str, Any] | None = None
    contact = None
    if request.owner_id == viewer.pk:
        person = {
            "id": request.person.pk,
            "name": request.person.name,
            "company": request.person.company,
            "role": request.person.role,
        }
    else:
        shared = selectors.shared_people(viewer=viewer, person_ids=[request.person_id])
        if shared:
            item = shared[0]
            person = {
                "id": item.person_id,
                "name": item.name,
                "company": item.company,
                "role": item.role,
            }
            contact = item.contact if request.status == "accepted" else None
    return {
        "id": request.pk,
        "team_id": request.team_id,
        "status": request.status,
        "requester": request.requester.get_username(),
        "teammate": request.owner.get_username(),
        "message": request.message,
        "created_at": request.created_at,
        "answered_at": request.answered_at,
        "person": person,
        "contact": contact,
    }


@router.post(
    "/teams/{team_id}/people/{person_id}/introduction",
    response={201: IntroductionOut, **REFUSED},
    summary="Ask for an introduction",
)
def request_introduction(
    request: HttpRequest, payload: IntroductionIn, team_id: int = TeamId, person_id: int = PersonId
) -> Status[dict[str, Any]]:
    membership = _membership(request, team_id)
    created = services.introduction_request(
        requester=request.user, team=membership.team, person_id=person_id, message=payload.message
    )
    return Status(201, _introduction_out(created, request.user))


@router.get("/introductions", response=IntroductionPage, summary="Introduction requests")
def list_introductions(request: HttpRequest, filters: Query[IntroductionFilters]) -> dict[str, Any]:
    """`box=received` (asked of you, default) or `box=sent` (yours)."""
    queryset = (
        selectors.introductions_received(request.user)
        if filters.box == "received"
        else IntroductionRequest.objects.filter(requester_id=request.user.pk).select_related(
            "requester", "owner", "person"
        )
    )
    items = [_introduction_out(item, request.user) for item in queryset[:500]]
    return {"items": items, "count": len(items)}


def _answer(request: HttpRequest, request_id: int, accept: bool) -> dict[str, Any]:
    found = selectors.introduction_get_for_owner_or_404(request.user, request_id)
    services.introduction_answer(request=found, accept=accept)
    return _introduction_out(found, request.user)


@router.post(
    "/introductions/{request_id}/accept",
    response={200: IntroductionOut, **REFUSED},
    summary="Accept: share the contact details",
)
def accept_introduction(request: HttpRequest, request_id: int = RequestId) -> dict[str, Any]:
    return _answer(request, request_id, accept=True)


@router.post(
    "/introductions/{request_id}/decline",
    response={200: IntroductionOut, **REFUSED},
    summary="Decline (nothing more is shared)",
)
def decline_introduction(request: HttpRequest, request_id: int = RequestId) -> dict[str, Any]:
    return _answer(request, request_id, accept=False)


# --- Team events ------------------------------------------------------------------------------


def _team_event_out(viewer: Any, team_event: Any) -> dict[str, Any]:
    overview = selectors.team_event_overview(viewer=viewer, team_event=team_event)
    event = overview["event"]
    return {
        "id": team_event.pk,
        "team_id": team_event.team_id,
        "event_id": overview["own_event"].pk if overview["own_event"] else None,
        "name": event.name,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "location": event.location,
        "shared_by": team_event.shared_by.get_username(),
        "attendees": overview["attendees"],
        "going": overview["going"],
        "want_to_meet": [
            {
                key: item[key]
                for key in ("person_id", "name", "company", "role", "known_by", "taken_by")
            }
            for item in overview["wanted"]
        ],
        "finished": overview["finished"],
        "connections": overview["connections"],
        "connections_total": overview["connections_total"],
    }


@router.get(
    "/teams/{team_id}/events", response={200: TeamEventPage, **NOT_FOUND}, summary="Team events"
)
def list_team_events(request: HttpRequest, team_id: int = TeamId) -> dict[str, Any]:
    membership = _membership(request, team_id)
    items = [
        _team_event_out(request.user, item)
        for item in selectors.team_events(membership=membership)[:100]
    ]
    return {"items": items, "count": len(items)}


@router.post(
    "/teams/{team_id}/events",
    response={201: TeamEventOut, **REFUSED},
    summary="Share one of your events",
)
def share_event(
    request: HttpRequest, payload: TeamEventIn, team_id: int = TeamId
) -> Status[dict[str, Any]]:
    membership = _membership(request, team_id)
    event = get_owned_or_404(Event, request.user, payload.event_id)
    team_event = services.team_event_share(event=event, team=membership.team)
    return Status(201, _team_event_out(request.user, team_event))


@router.get(
    "/teams/{team_id}/events/{team_event_id}",
    response={200: TeamEventOut, **NOT_FOUND},
    summary="A team event",
)
def get_team_event(
    request: HttpRequest, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    membership = _membership(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    return _team_event_out(request.user, found)


@router.post(
    "/teams/{team_id}/events/{team_event_id}/going",
    response={200: TeamEventOut, **REFUSED},
    summary="Say whether you go",
)
def set_going(
    request: HttpRequest, payload: GoingIn, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    """Going puts a copy of the event in your own events; your conversations there count."""
    membership = _membership(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    services.team_event_going(team_event=found, user=request.user, going=payload.going)
    return _team_event_out(request.user, found)


@router.post(
    "/teams/{team_id}/events/{team_event_id}/take",
    response={200: TeamEventOut, **REFUSED},
    summary="I'll take this person (or give them back)",
)
def take_person(
    request: HttpRequest, payload: TakeIn, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    membership = _membership(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    services.team_event_claim(
        team_event=found, user=request.user, person_id=payload.person_id, take=payload.take
    )
    return _team_event_out(request.user, found)


@router.delete(
    "/teams/{team_id}/events/{team_event_id}",
    response={204: None, **NOT_FOUND},
    summary="Stop sharing an event",
)
def unshare_event(
    request: HttpRequest, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> Status[None]:
    """Only who shared it."""
    membership = _membership(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    if found.shared_by_id != request.user.pk:
        raise Http404("Not found.")
    services.team_event_unshare(team_event=found)
    return Status(204, None)
