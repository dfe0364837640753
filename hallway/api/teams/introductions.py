"""Introductions: ask a teammate to introduce you to someone they know, and answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Status

from hallway.api.teams.members import membership_of
from hallway.api.teams.routing import router
from hallway.api.teams.schemas import (
    REFUSED,
    IntroductionFilters,
    IntroductionIn,
    IntroductionOut,
    IntroductionPage,
    PersonId,
    RequestId,
    TeamId,
)
from hallway.teams import selectors, services
from hallway.teams.models import IntroductionRequest


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
    membership = membership_of(request, team_id)
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
