"""Team events: who goes, the shared want-to-meet list, the connections made."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.people.models import Person
from hallway.teams.models import Membership, TeamEvent, TeamEventAttendee, TeamEventClaim
from hallway.teams.selectors.grants import shared_people
from hallway.teams.selectors.memberships import display_name, primary_key_or_404


def team_events(*, membership: Membership) -> QuerySet[TeamEvent]:
    return membership.team.events.select_related("event", "shared_by").order_by("-event__starts_at")


def team_event_get_or_404(*, membership: Membership, team_event_id: Any) -> TeamEvent:
    primary_key = primary_key_or_404(team_event_id)
    found = team_events(membership=membership).filter(pk=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def team_event_wanted_ids(*, viewer: User, team_event: TeamEvent) -> set[int]:
    """People on the attendees' want-to-meet lists that the viewer may see (their own, or
    shared with the viewer)."""
    wanted = set(
        Person.objects.filter(
            wanted_at__in=team_event.attendees.values("own_event_id")
        ).values_list("id", flat=True)
    )
    own = set(Person.objects.filter(pk__in=wanted, owner=viewer).values_list("id", flat=True))
    shared = {
        item.person_id
        for item in shared_people(
            viewer=viewer, team=team_event.team, person_ids=list(wanted - own)
        )
    }
    return own | shared


def team_event_overview(*, viewer: User, team_event: TeamEvent) -> dict[str, Any]:
    """Who goes, the shared want-to-meet list with who takes whom, and after the event the
    connections each attendee made (counts only, never notes)."""
    attendees = list(
        TeamEventAttendee.objects.filter(team_event=team_event).select_related("user", "own_event")
    )
    wanted_ids = team_event_wanted_ids(viewer=viewer, team_event=team_event)
    claims = {
        claim.person_id: claim.user
        for claim in TeamEventClaim.objects.filter(
            team_event=team_event, person_id__in=wanted_ids
        ).select_related("user")
    }
    shared = {
        item.person_id: item
        for item in shared_people(viewer=viewer, team=team_event.team, person_ids=list(wanted_ids))
    }
    own = {
        person.pk: person
        for person in Person.objects.filter(pk__in=wanted_ids, owner=viewer).only(
            "id", "name", "company", "role"
        )
    }
    wanted = []
    for person_id in wanted_ids:
        source: Any = shared.get(person_id) or own.get(person_id)
        if source is None:
            continue
        claimed_by = claims.get(person_id)
        wanted.append(
            {
                "person_id": person_id,
                "name": source.name,
                "company": source.company,
                "role": source.role,
                "known_by": shared[person_id].owner_name if person_id in shared else "you",
                "taken_by": display_name(claimed_by) if claimed_by else "",
                "taken_by_you": bool(claimed_by and claimed_by.pk == viewer.pk),
            }
        )
    wanted.sort(key=lambda item: (item["name"].casefold(), item["person_id"]))
    event = team_event.event
    finished = (event.ends_at or event.starts_at) <= timezone.now()
    connections: list[dict[str, Any]] = []
    if finished:
        counts = dict(
            Conversation.objects.filter(
                event_id__in=[attendee.own_event_id for attendee in attendees], outcome="connected"
            )
            .values("event_id")
            .annotate(count=Count("id"))
            .values_list("event_id", "count")
        )
        connections = [
            {
                "member": display_name(attendee.user),
                "connections": counts.get(attendee.own_event_id, 0),
            }
            for attendee in attendees
        ]
    return {
        "team_event": team_event,
        "event": event,
        "attendees": [display_name(attendee.user) for attendee in attendees],
        "going": any(attendee.user_id == viewer.pk for attendee in attendees),
        "own_event": next(
            (attendee.own_event for attendee in attendees if attendee.user_id == viewer.pk), None
        ),
        "wanted": wanted,
        "finished": finished,
        "connections": connections,
        "connections_total": sum(item["connections"] for item in connections),
    }
