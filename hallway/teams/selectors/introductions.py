"""Introduction requests, received and sent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from hallway.teams.models import IntroductionRequest, IntroStatus
from hallway.teams.selectors.grants import shared_people
from hallway.teams.selectors.memberships import Viewer, display_name, primary_key_or_404


def introductions_received(user: Viewer) -> QuerySet[IntroductionRequest]:
    if not isinstance(user, User):
        return IntroductionRequest.objects.none()
    return IntroductionRequest.objects.filter(owner=user).select_related(
        "requester", "person", "team"
    )


def introductions_sent(user: User) -> list[dict[str, Any]]:
    """The user's requests with what they may see: the person as shared (or only the name they
    asked about, kept in the request), the answer, and contact details once accepted."""
    requests = list(
        IntroductionRequest.objects.filter(requester=user).select_related("owner", "team")
    )
    visible = {
        item.person_id: item
        for item in shared_people(viewer=user, person_ids=[r.person_id for r in requests])
    }
    return [
        {
            "request": request,
            "shared": visible.get(request.person_id),
            "owner": display_name(request.owner),
        }
        for request in requests
    ]


def introduction_get_for_owner_or_404(user: Viewer, request_id: Any) -> IntroductionRequest:
    primary_key = primary_key_or_404(request_id)
    found = introductions_received(user).filter(pk=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def pending_introductions(user: User) -> QuerySet[IntroductionRequest]:
    return introductions_received(user).filter(status=IntroStatus.PENDING)


def introduction_sent_for(user: User, person_id: Any) -> IntroductionRequest | None:
    """The user's latest request about this person (to show its state on the page)."""
    return IntroductionRequest.objects.filter(requester=user, person_id=person_id).first()
