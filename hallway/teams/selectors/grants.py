"""THE rule: another member's person is visible only through a share grant, and only the
fields its level allows (`project_grants`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.lib.story import FACET_LABELS, FACETS
from hallway.people.models import Note, Person
from hallway.teams.models import (
    LEVEL_NAMES,
    IntroductionRequest,
    IntroStatus,
    Membership,
    ShareGrant,
    ShareLevel,
    Team,
)
from hallway.teams.selectors.memberships import Viewer, display_name, primary_key_or_404

MAX_SEARCH_RESULTS = 100


@dataclass
class SharedPerson:
    """What a viewer may see of a teammate's person; fields beyond the level stay empty."""

    person_id: int
    team_id: int
    team_name: str
    owner_id: int
    owner_name: str
    level: int
    name: str
    company: str
    role: str
    last_contact_at: dt.datetime | None
    conversation_count: int
    strength: int
    # Full story only
    story: dict[str, str] | None = None
    tags: list[str] | None = None
    notes: list[dict[str, Any]] | None = None
    conversations: list[dict[str, Any]] | None = None
    # Only after the owner accepted this viewer's introduction request
    contact: dict[str, str] | None = None
    snippet: str = ""
    matched: list[str] = field(default_factory=list)

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[ShareLevel(self.level)]

    @property
    def level_label(self) -> str:
        return ShareLevel(self.level).label

    @property
    def strength_label(self) -> str:
        return strength_label(self.strength)

    @property
    def story_items(self) -> list[dict[str, str]]:
        return [
            {
                "facet": facet,
                "label": FACET_LABELS[facet],
                "text": (self.story or {}).get(facet, ""),
            }
            for facet in FACETS
        ]


def shared_person_payload(item: SharedPerson) -> dict[str, Any]:
    """What the API and `hallway team search --json` print for a shared person."""
    return {
        "person_id": item.person_id,
        "team_id": item.team_id,
        "team_name": item.team_name,
        "teammate": item.owner_name,
        "level": item.level_name,
        "name": item.name,
        "company": item.company,
        "role": item.role,
        "strength": item.strength,
        "strength_label": item.strength_label,
        "conversation_count": item.conversation_count,
        "last_contact_at": item.last_contact_at,
        "story": item.story,
        "tags": item.tags,
        "notes": item.notes,
        "conversations": item.conversations,
        "contact": item.contact,
        "snippet": item.snippet,
    }


def strength_of(last_contact_at: dt.datetime | None, conversations: int, now: dt.datetime) -> int:
    """How well the teammate knows the person, 0-100: recency of the last contact (60) and the
    number of conversations (40, full at ten)."""
    recency = 0.0
    if last_contact_at is not None:
        days = max(0.0, (now - last_contact_at).total_seconds() / 86400)
        recency = max(0.0, 1 - days / 365)
    volume = min(conversations, 10) / 10
    return round(100 * (0.6 * recency + 0.4 * volume))


def strength_label(strength: int) -> str:
    if strength >= 60:
        return "strong"
    if strength >= 30:
        return "good"
    return "weak"


def teammates_by_team(viewer: Viewer, team_id: int | None = None) -> dict[int, set[int]]:
    """The viewer's teams (or just this one) and, for each, the other members' ids."""
    if not isinstance(viewer, User):
        return {}
    memberships = Membership.objects.filter(user=viewer)
    if team_id is not None:
        memberships = memberships.filter(team_id=team_id)
    teams: dict[int, set[int]] = {
        team: set() for team in memberships.values_list("team_id", flat=True)
    }
    for team, user_id in (
        Membership.objects.filter(team_id__in=teams)
        .exclude(user=viewer)
        .values_list("team_id", "user_id")
    ):
        teams[team].add(user_id)
    return teams


def _visible_grants(viewer: Viewer, team_id: int | None = None) -> QuerySet[ShareGrant]:
    """Grants the viewer may read: in the viewer's teams, of people of other members who are
    still in that team. (The members are read first: a handful of rows, so the grants query
    is a plain index lookup however many people a team shares.)"""
    condition = Q(pk__in=[])
    for team, members in teammates_by_team(viewer, team_id).items():
        if members:
            condition |= Q(team_id=team, owner_id__in=sorted(members))
    return ShareGrant.objects.filter(condition)


def best_grants(grants: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """person id -> (team id, level), the highest level when shared with several of the
    viewer's teams."""
    best: dict[int, tuple[int, int]] = {}
    for person_id, team_id, level in grants:
        if person_id not in best or level > best[person_id][1]:
            best[person_id] = (team_id, level)
    return best


def project_grants(
    viewer: Viewer, best: dict[int, tuple[int, int]], *, detail: bool = False, story: bool = True
) -> list[SharedPerson]:
    """Build what the viewer sees of each person, field by field as the level allows
    (`story=False` leaves the facets for `add_story`, e.g. until a search has ranked)."""
    if not best:
        return []
    ids = list(best)
    people = {
        row["id"]: row
        for row in Person.objects.filter(pk__in=ids).values(
            "id",
            "name",
            "company",
            "role",
            "owner_id",
            "last_contact_at",
            *(FACETS if story else ()),
        )
    }
    counts = {
        row["person_id"]: row
        for row in Conversation.objects.filter(person_id__in=ids)
        .values("person_id")
        .annotate(count=Count("id"), last=Max("started_at"))
    }
    owner_ids = {row["owner_id"] for row in people.values()}
    owners = {user.pk: user for user in get_user_model().objects.filter(pk__in=owner_ids)}
    teams = dict(
        Team.objects.filter(pk__in={team for team, _ in best.values()}).values_list("id", "name")
    )
    contacts = _accepted_contacts(viewer, ids)
    now = timezone.now()
    result = []
    for person_id, (team_id, level) in best.items():
        row = people.get(person_id)
        if row is None:
            continue
        conversation_row = counts.get(person_id, {})
        last = max(
            [moment for moment in (row["last_contact_at"], conversation_row.get("last")) if moment],
            default=None,
        )
        count = int(conversation_row.get("count", 0))
        shared = SharedPerson(
            person_id=person_id,
            team_id=team_id,
            team_name=teams.get(team_id, ""),
            owner_id=row["owner_id"],
            owner_name=display_name(owners.get(row["owner_id"])),
            level=level,
            name=row["name"],
            company=row["company"],
            role=row["role"],
            last_contact_at=last,
            conversation_count=count,
            strength=strength_of(last, count, now),
            contact=contacts.get(person_id),
        )
        if story and level >= ShareLevel.FULL:
            shared.story = {facet: row[facet] or "" for facet in FACETS}
        result.append(shared)
    if detail:
        _add_full_details([item for item in result if item.level >= ShareLevel.FULL])
    return result


def add_story(shared: list[SharedPerson]) -> None:
    """The facets, for people shared with their full story."""
    full = {item.person_id: item for item in shared if item.level >= ShareLevel.FULL}
    for row in Person.objects.filter(pk__in=full).values("id", *FACETS):
        full[row["id"]].story = {facet: row[facet] or "" for facet in FACETS}


def _add_full_details(shared: list[SharedPerson]) -> None:
    """Tags, notes and conversations, for people shared with their full story."""
    if not shared:
        return
    by_id = {item.person_id: item for item in shared}
    for item in shared:
        item.tags, item.notes, item.conversations = [], [], []
    for person in Person.objects.filter(pk__in=by_id).prefetch_related("tags"):
        by_id[person.pk].tags = [tag.name for tag in person.tags.all()]
    for note in Note.objects.filter(person_id__in=by_id).order_by("-date", "-id"):
        notes = by_id[note.person_id].notes
        assert notes is not None
        notes.append({"date": note.date, "text": note.text})
    for conversation in (
        Conversation.objects.filter(person_id__in=by_id)
        .select_related("event")
        .order_by("-started_at", "-id")
    ):
        conversations = by_id[conversation.person_id].conversations
        assert conversations is not None
        conversations.append(
            {
                "started_at": conversation.started_at,
                "event": conversation.event.name if conversation.event else "",
                "learned": {
                    key: value
                    for key, value in (conversation.learned or {}).items()
                    if isinstance(value, str)
                },
                "outcome": conversation.outcome,
                "notes": conversation.notes,
            }
        )


def _accepted_contacts(viewer: Viewer, person_ids: list[int]) -> dict[int, dict[str, str]]:
    """Contact details the owner gave this viewer by accepting an introduction request."""
    if not isinstance(viewer, User):
        return {}
    accepted = IntroductionRequest.objects.filter(
        requester=viewer, person_id__in=person_ids, status=IntroStatus.ACCEPTED
    ).values_list("person_id", flat=True)
    return {
        row["id"]: {key: row[key] for key in ("email", "phone", "linkedin_url")}
        for row in Person.objects.filter(pk__in=accepted).values(
            "id", "email", "phone", "linkedin_url"
        )
    }


def shared_people(
    *,
    viewer: Viewer,
    team: Team | None = None,
    person_ids: list[int] | None = None,
    detail: bool = False,
) -> list[SharedPerson]:
    """Teammates' people the viewer may see (in one team or all their teams), best level first
    per person, strongest first."""
    grants = _visible_grants(viewer, team.pk if team is not None else None)
    if person_ids is not None:
        grants = grants.filter(person_id__in=person_ids)
    rows = list(grants.values_list("person_id", "team_id", "level")[: 10 * MAX_SEARCH_RESULTS])
    result = project_grants(viewer, best_grants(rows), detail=detail)
    result.sort(key=lambda item: (-item.strength, item.name.casefold(), item.person_id))
    return result


def shared_person_get(*, viewer: Viewer, team: Team, person_id: Any) -> SharedPerson:
    """One teammate's person as the viewer may see it, or 404 (not shared, or not yours to see)."""
    primary_key = primary_key_or_404(person_id)
    found = shared_people(viewer=viewer, team=team, person_ids=[primary_key], detail=True)
    if not found:
        raise Http404("Not found.")
    return found[0]
