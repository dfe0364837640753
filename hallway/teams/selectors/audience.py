"""Who can see what, for the owner of a person or an event."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hallway.events.models import Event
from hallway.people.models import Person
from hallway.teams.models import (
    LEVEL_NAMES,
    IntroductionRequest,
    IntroStatus,
    Membership,
    ShareGrant,
    ShareLevel,
    TeamEvent,
)
from hallway.teams.selectors.memberships import display_name, memberships_list


def person_audience(*, person: Person) -> list[dict[str, Any]]:
    """For the person page: per team of the owner, the level and the teammates who see it;
    plus teammates who got the contact details through an introduction."""
    memberships = memberships_list(person.owner)
    if not memberships:
        return []
    levels = dict(ShareGrant.objects.filter(person=person).values_list("team_id", "level"))
    others: dict[int, list[str]] = {}
    for membership in (
        Membership.objects.filter(team_id__in=[m.team_id for m in memberships])
        .exclude(user=person.owner)
        .select_related("user")
    ):
        others.setdefault(membership.team_id, []).append(display_name(membership.user))
    contact = [
        display_name(request.requester)
        for request in IntroductionRequest.objects.filter(
            person=person, status=IntroStatus.ACCEPTED
        ).select_related("requester")
    ]
    return [
        {
            "team": membership.team,
            "level": levels.get(membership.team_id, ShareLevel.NONE),
            "level_label": ShareLevel(levels.get(membership.team_id, ShareLevel.NONE)).label,
            "level_name": LEVEL_NAMES[ShareLevel(levels.get(membership.team_id, ShareLevel.NONE))],
            "members": others.get(membership.team_id, []),
            "contact_given_to": contact,
        }
        for membership in memberships
    ]


def share_history(*, membership: Membership, limit: int = 50) -> QuerySet[Any]:
    """The member's own share and unshare actions in this team, newest first."""
    return membership.team.audit.filter(actor=membership.user)[:limit]


def event_audience(*, event: Event) -> dict[str, Any]:
    """For the event page: the owner's teams it is shared with, and those it is not."""
    memberships = memberships_list(event.owner)
    shared = list(TeamEvent.objects.filter(event=event).select_related("team"))
    shared_team_ids = {item.team_id for item in shared}
    return {
        "memberships": memberships,
        "shared": shared,
        "unshared": [m for m in memberships if m.team_id not in shared_team_ids],
    }
