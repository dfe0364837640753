"""Team events: share one of yours, say you go, split who meets whom, and the counts after."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from ninja import Status

from hallway.api.teams.members import membership_of
from hallway.api.teams.routing import router
from hallway.api.teams.schemas import (
    NOT_FOUND,
    REFUSED,
    GoingIn,
    TakeIn,
    TeamEventId,
    TeamEventIn,
    TeamEventOut,
    TeamEventPage,
    TeamId,
)
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.teams import selectors, services
from hallway.teams.models import TeamEvent


def _team_event_out(viewer: User, team_event: TeamEvent) -> dict[str, Any]:
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
    membership = membership_of(request, team_id)
    items = [
        _team_event_out(signed_in_user(request), item)
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
    membership = membership_of(request, team_id)
    event = get_owned_or_404(Event, request.user, payload.event_id)
    team_event = services.team_event_share(event=event, team=membership.team)
    return Status(201, _team_event_out(signed_in_user(request), team_event))


@router.get(
    "/teams/{team_id}/events/{team_event_id}",
    response={200: TeamEventOut, **NOT_FOUND},
    summary="A team event",
)
def get_team_event(
    request: HttpRequest, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    membership = membership_of(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    return _team_event_out(signed_in_user(request), found)


@router.post(
    "/teams/{team_id}/events/{team_event_id}/going",
    response={200: TeamEventOut, **REFUSED},
    summary="Say whether you go",
)
def set_going(
    request: HttpRequest, payload: GoingIn, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    """Going puts a copy of the event in your own events; your conversations there count."""
    membership = membership_of(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    services.team_event_going(team_event=found, user=request.user, going=payload.going)
    return _team_event_out(signed_in_user(request), found)


@router.post(
    "/teams/{team_id}/events/{team_event_id}/take",
    response={200: TeamEventOut, **REFUSED},
    summary="I'll take this person (or give them back)",
)
def take_person(
    request: HttpRequest, payload: TakeIn, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> dict[str, Any]:
    membership = membership_of(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    services.team_event_claim(
        team_event=found, user=request.user, person_id=payload.person_id, take=payload.take
    )
    return _team_event_out(signed_in_user(request), found)


@router.delete(
    "/teams/{team_id}/events/{team_event_id}",
    response={204: None, **NOT_FOUND},
    summary="Stop sharing an event",
)
def unshare_event(
    request: HttpRequest, team_id: int = TeamId, team_event_id: int = TeamEventId
) -> Status[None]:
    """Only who shared it."""
    membership = membership_of(request, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    if found.shared_by_id != request.user.pk:
        raise Http404("Not found.")
    services.team_event_unshare(team_event=found)
    return Status(204, None)
