"""Teams and their members: create, join, rename, invite, leave, roles."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Status
from ninja.errors import HttpError

from hallway.api.schemas import ErrorOut
from hallway.api.teams.routing import router
from hallway.api.teams.schemas import (
    NOT_FOUND,
    REFUSED,
    InvitationIn,
    InvitationOut,
    JoinIn,
    MemberId,
    MemberOut,
    RoleIn,
    TeamId,
    TeamIn,
    TeamOut,
    level_name,
)
from hallway.teams import selectors, services
from hallway.teams.models import Membership, Role


def team_out(membership: Membership) -> dict[str, Any]:
    team = membership.team
    return {
        "id": team.pk,
        "name": team.name,
        "role": membership.role,
        "default_level": level_name(membership.default_level),
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


def membership_of(request: HttpRequest, team_id: int) -> Membership:
    """Your membership of the team, or 404 (not a member, or no such team)."""
    return selectors.membership_get_or_404(request.user, team_id)


TWO_FACTOR_FIRST = (
    "Managing a team needs two-factor authentication: turn it on in Settings → Two-factor "
    "authentication."
)
MANAGING = {**REFUSED, 403: ErrorOut}


def manager_of(request: HttpRequest, team_id: int) -> Membership:
    """Your membership of a team you are about to manage: an owner or admin without two-factor
    authentication is refused (403), as the team's admin pages send them to set it up first."""
    membership = membership_of(request, team_id)
    if selectors.needs_two_factor(membership):
        raise HttpError(403, TWO_FACTOR_FIRST)
    return membership


def _member(membership: Membership, member_id: int) -> Membership:
    found = (
        Membership.objects.filter(team=membership.team, pk=member_id)
        .select_related("user", "team")
        .first()
    )
    if found is None:
        raise Http404("Not found.")
    return found


@router.get("/teams", response=list[TeamOut], summary="List your teams")
def list_teams(request: HttpRequest) -> list[dict[str, Any]]:
    return [team_out(membership) for membership in selectors.memberships_of(request.user)]


@router.post("/teams", response={201: TeamOut, 422: ErrorOut}, summary="Create a team")
def create_team(request: HttpRequest, payload: TeamIn) -> Status[dict[str, Any]]:
    """You become its owner."""
    team = services.team_create(owner=request.user, name=payload.name)
    return Status(201, team_out(membership_of(request, team.pk)))


@router.post("/teams/join", response={201: TeamOut, 422: ErrorOut}, summary="Join with a token")
def join_team(request: HttpRequest, payload: JoinIn) -> Status[dict[str, Any]]:
    """Declared before /teams/{team_id} so that "join" is never read as a team id."""
    membership = services.invitation_accept(token=payload.token, user=request.user)
    return Status(201, team_out(membership))


@router.get("/teams/{team_id}", response={200: TeamOut, **NOT_FOUND}, summary="Show a team")
def get_team(request: HttpRequest, team_id: int = TeamId) -> dict[str, Any]:
    return team_out(membership_of(request, team_id))


@router.patch("/teams/{team_id}", response={200: TeamOut, **MANAGING}, summary="Rename a team")
def rename_team(request: HttpRequest, payload: TeamIn, team_id: int = TeamId) -> dict[str, Any]:
    membership = manager_of(request, team_id)
    services.team_rename(membership=membership, name=payload.name)
    return team_out(membership)


@router.post(
    "/teams/{team_id}/invitations",
    response={201: InvitationOut, **MANAGING},
    summary="Invite someone (one-time link)",
)
def create_invitation(
    request: HttpRequest, payload: InvitationIn, team_id: int = TeamId
) -> Status[dict[str, Any]]:
    """Owners and admins only. With `email`, the link is also sent there."""
    invitation, token = services.invitation_create(
        membership=manager_of(request, team_id), email=payload.email
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
    services.team_leave(membership=membership_of(request, team_id))
    return Status(204, None)


@router.patch(
    "/teams/{team_id}/members/{member_id}",
    response={200: MemberOut, **MANAGING},
    summary="Change a member's role",
)
def set_member_role(
    request: HttpRequest, payload: RoleIn, team_id: int = TeamId, member_id: int = MemberId
) -> dict[str, Any]:
    """The owner only; making someone the owner hands ownership over (you become an admin)."""
    membership = manager_of(request, team_id)
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
    response={204: None, **MANAGING},
    summary="Remove a member",
)
def remove_member(
    request: HttpRequest, team_id: int = TeamId, member_id: int = MemberId
) -> Status[None]:
    """Owners and admins; the member's shares, events and requests leave with them."""
    membership = manager_of(request, team_id)
    services.member_remove(membership=membership, removed=_member(membership, member_id))
    return Status(204, None)
