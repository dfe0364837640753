"""Team search ("who of us knows …?") and a teammate's shared person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query

from hallway.api.teams.members import membership_of
from hallway.api.teams.routing import router
from hallway.api.teams.schemas import (
    NOT_FOUND,
    PersonId,
    SharedPersonOut,
    TeamId,
    TeamSearchOut,
    TeamSearchParams,
)
from hallway.teams import selectors


@router.get(
    "/team-search", response={200: TeamSearchOut, **NOT_FOUND}, summary="Who of us knows …?"
)
def search_team(request: HttpRequest, params: Query[TeamSearchParams]) -> dict[str, Any]:
    """Teammates' shared people matching the words, strongest connection first. People shared
    as "I know them" match on name, company and role only."""
    team = membership_of(request, params.team_id).team if params.team_id else None
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
    membership = membership_of(request, team_id)
    return selectors.shared_person_payload(
        selectors.shared_person_get(viewer=request.user, team=membership.team, person_id=person_id)
    )
