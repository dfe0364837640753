"""Sharing your people with a team: the default level, by tag, one person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hallway.api.teams.members import membership_of, team_out
from hallway.api.teams.routing import router
from hallway.api.teams.schemas import (
    NOT_FOUND,
    REFUSED,
    ChangedOut,
    DefaultLevelIn,
    PersonId,
    ShareIn,
    SharingOut,
    TagShareIn,
    TeamId,
    TeamOut,
)
from hallway.lib.ownership import get_owned_or_404
from hallway.people.models import Person
from hallway.teams import selectors, services
from hallway.teams.models import LEVELS_BY_NAME


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


@router.put(
    "/teams/{team_id}/sharing",
    response={200: TeamOut, **REFUSED},
    summary="Set your default level for new people",
)
def set_default_level(
    request: HttpRequest, payload: DefaultLevelIn, team_id: int = TeamId
) -> dict[str, Any]:
    membership = membership_of(request, team_id)
    services.default_level_set(membership=membership, level=LEVELS_BY_NAME[payload.default_level])
    return team_out(membership)


@router.post(
    "/teams/{team_id}/sharing/tag",
    response={200: ChangedOut, **REFUSED},
    summary="Share everyone with a tag",
)
def share_tag(request: HttpRequest, payload: TagShareIn, team_id: int = TeamId) -> dict[str, int]:
    changed = services.share_tag(
        membership=membership_of(request, team_id),
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
    membership = membership_of(request, payload.team_id)
    services.share_set(person=person, team=membership.team, level=LEVELS_BY_NAME[payload.level])
    return _sharing_out(person)
