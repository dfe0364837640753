"""Introductions: ask the teammate who knows someone, and their answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hallway.teams.models import IntroductionRequest, IntroStatus, Team
from hallway.teams.selectors.memberships import Viewer, account_of

MAX_MESSAGE_LENGTH = 2_000


@transaction.atomic
def introduction_request(
    *, requester: Viewer, team: Team, person_id: int, message: str = ""
) -> IntroductionRequest:
    """Ask the teammate who knows this person for an introduction. The person must be shared
    with the requester (at least "I know them")."""
    from hallway.teams.selectors import shared_person_get

    requester = account_of(requester)
    shared = shared_person_get(viewer=requester, team=team, person_id=person_id)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"message": f"A message has at most {MAX_MESSAGE_LENGTH} characters."}
        )
    pending = IntroductionRequest.objects.filter(
        requester=requester, person_id=shared.person_id, status=IntroStatus.PENDING
    ).first()
    if pending is not None:
        raise ValidationError("You already asked for this introduction; wait for the answer.")
    return IntroductionRequest.objects.create(
        team=team,
        requester=requester,
        owner_id=shared.owner_id,
        person_id=shared.person_id,
        message=message,
    )


@transaction.atomic
def introduction_answer(*, request: IntroductionRequest, accept: bool) -> IntroductionRequest:
    """Accept (the requester then sees the person's contact details) or decline (they only learn
    that it was declined)."""
    if request.status != IntroStatus.PENDING:
        raise ValidationError("This request was already answered.")
    request.status = IntroStatus.ACCEPTED if accept else IntroStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request
