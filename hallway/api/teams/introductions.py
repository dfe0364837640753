"""Introductions: ask a teammate to introduce you to someone they know, and answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
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
from hallway.lib.web import signed_in_user
from hallway.teams import selectors, services
from hallway.teams.models import IntroductionRequest


def _introduction_out(introduction: IntroductionRequest, viewer: User) -> dict[str, Any]:
    person: dict[str, Any] | None = None
    contact = None
    if introduction.owner_id == viewer.pk:
        person = {
            "id": introduction.person.pk,
            "name": introduction.person.name,
            "company": introduction.person.company,
            "role": introduction.person.role,
        }
    else:
        shared = selectors.shared_people(viewer=viewer, person_ids=[introduction.person_id])
        if shared:
            item = shared[0]
            person = {
                "id": item.person_id,
                "name": item.name,
                "company": item.company,
                "role": item.role,
            }
            contact = item.contact if introduction.status == "accepted" else None
    return {
        "id": introduction.pk,
        "team_id": introduction.team_id,
        "status": introduction.status,
        "requester": introduction.requester.get_username(),
        "teammate": introduction.owner.get_username(),
        "message": introduction.message,
        "created_at": introduction.created_at,
        "answered_at": introduction.answered_at,
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
    return Status(201, _introduction_out(created, signed_in_user(request)))


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
    items = [_introduction_out(item, signed_in_user(request)) for item in queryset[:500]]
    return {"items": items, "count": len(items)}


def _answer(request: HttpRequest, request_id: int, accept: bool) -> dict[str, Any]:
    found = selectors.introduction_get_for_owner_or_404(request.user, request_id)
    services.introduction_answer(request=found, accept=accept)
    return _introduction_out(found, signed_in_user(request))


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
