"""Reads for teams. THE rule lives here: another member's person is visible only through a
share grant, and only the fields its level allows (`_project`). Every view, endpoint and
command that shows a teammate's data goes through `shared_people` (or a function below that
calls it); nothing else reads another member's people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.lib.story import FACET_LABELS, FACETS
from hallway.people.models import Person
from hallway.teams.models import (
    LEVEL_NAMES,
    IntroductionRequest,
    IntroStatus,
    Membership,
    ShareGrant,
    ShareLevel,
    Team,
    TeamEvent,
    TeamEventAttendee,
    TeamEventClaim,
)

# Candidates read before ranking by strength: bounds the cost of broad words.
SEARCH_CANDIDATES = 200
MAX_SEARCH_RESULTS = 100


def display_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# --- Memberships -----------------------------------------------------------------------------


def memberships_of(user: Any) -> QuerySet[Membership]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("team").order_by("team__name")


def membership_get_or_404(user: Any, team_id: Any) -> Membership:
    """The user's membership of this team; anybody else gets a 404, as if it did not exist."""
    try:
        primary_key = int(team_id)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error
    found = memberships_of(user).filter(team_id=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def team_members(team: Team) -> list[Membership]:
    return list(team.memberships.select_related("user").order_by("joined_at", "id"))


# --- The grant rule --------------------------------------------------------------------------


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


def _teammates_by_team(viewer: Any, team_id: int | None = None) -> dict[int, set[int]]:
    """The viewer's teams (or just this one) and, for each, the other members' ids."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
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


def _visible_grants(viewer: Any, team_id: int | None = None) -> QuerySet[ShareGrant]:
    """Grants the viewer may read: in the viewer's teams, of people of other members who are
    still in that team. (The members are read first: a handful of rows, so the grants query
    is a plain index lookup however many people a team shares.)"""
    condition = Q(pk__in=[])
    for team, members in _teammates_by_team(viewer, team_id).items():
        if members:
            condition |= Q(team_id=team, owner_id__in=sorted(members))
    return ShareGrant.objects.filter(condition)


def _best_grants(grants: list[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """person id -> (team id, level), the highest level when shared with several of the
    viewer's teams."""
    best: dict[int, tuple[int, int]] = {}
    for person_id, team_id, level in grants:
        if person_id not in best or level > best[person_id][1]:
            best[person_id] = (team_id, level)
    return best


def _project(
    viewer: Any, best: dict[int, tuple[int, int]], *, detail: bool = False, story: bool = True
) -> list[SharedPerson]:
    """Build what the viewer sees of each person, field by field as the level allows
    (`story=False` leaves the facets for `_add_story`, e.g. until a search has ranked)."""
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
    from django.contrib.auth import get_user_model

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


def _add_story(shared: list[SharedPerson]) -> None:
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
    from hallway.people.models import Note

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


def _accepted_contacts(viewer: Any, person_ids: list[int]) -> dict[int, dict[str, str]]:
    """Contact details the owner gave this viewer by accepting an introduction request."""
    if viewer is None or not getattr(viewer, "is_authenticated", False):
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
    viewer: Any,
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
    result = _project(viewer, _best_grants(rows), detail=detail)
    result.sort(key=lambda item: (-item.strength, item.name.casefold(), item.person_id))
    return result


def shared_person_get(*, viewer: Any, team: Team, person_id: Any) -> SharedPerson:
    """One teammate's person as the viewer may see it, or 404 (not shared, or not yours to see)."""
    try:
        primary_key = int(person_id)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error
    found = shared_people(viewer=viewer, team=team, person_ids=[primary_key], detail=True)
    if not found:
        raise Http404("Not found.")
    return found[0]


# --- Team search -----------------------------------------------------------------------------


def _candidate_grants(
    teammates: dict[int, set[int]], parsed: Any
) -> list[tuple[int, int, int, int]]:
    """(person, team, level, owner) of shared people whose grant text (what their level
    shows) matches, on the engine's full-text index of the grants."""
    from hallway.search.keyword.query import fts5_match, tsquery_text

    teams = sorted(teammates)
    owners = sorted(set().union(*teammates.values())) if teammates else []
    if parsed.is_empty or not owners:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The grants' own index holds only what each level shows: one GIN lookup, read
            # until enough shared people are found.
            cursor.execute(
                "SELECT person_id, team_id, level, owner_id FROM teams_sharegrant "
                "WHERE team_id = ANY(%(teams)s) AND owner_id = ANY(%(owners)s) "
                "AND document @@ to_tsquery('hallway_search', %(query)s) LIMIT %(limit)s",
                {
                    "teams": teams,
                    "owners": owners,
                    "query": tsquery_text(parsed),
                    "limit": SEARCH_CANDIDATES,
                },
            )
            return [tuple(row) for row in cursor.fetchall()]
        # The same FTS5 query text as personal search, on the grants' own index.
        text_clause = fts5_match(0, parsed, "search_text").partition(" AND ")[2]
        team_clause = "team_id : (" + " OR ".join(f'"{int(team)}"' for team in teams) + ")"
        owner_marks = ", ".join(["%s"] * len(owners))
        cursor.execute(
            "SELECT grant_row.person_id, grant_row.team_id, grant_row.level, grant_row.owner_id "
            "FROM teams_grant_fts JOIN teams_sharegrant AS grant_row "
            "ON grant_row.id = teams_grant_fts.rowid "
            f"WHERE teams_grant_fts MATCH %s AND grant_row.owner_id IN ({owner_marks}) LIMIT %s",
            [f"{team_clause} AND {text_clause}", *owners, SEARCH_CANDIDATES],
        )
        return [tuple(row) for row in cursor.fetchall()]


def team_search(
    *, viewer: Any, query: str, team: Team | None = None, limit: int = 20
) -> list[SharedPerson]:
    """ "Who of us knows someone at …?": teammates' shared people matching the words, strongest
    connection first. A person shared as "I know them" matches on name, company and role only."""
    from hallway.search.keyword import Highlighter, ParsedQuery, marked_to_html, parse

    parsed = parse(query)
    teammates = _teammates_by_team(viewer, team.pk if team is not None else None)
    # The grant rule, as in _visible_grants: the owner is another member of that team.
    rows = [
        (person_id, team_id, level)
        for person_id, team_id, level, owner_id in _candidate_grants(teammates, parsed)
        if owner_id in teammates.get(team_id, set())
    ]
    found = _project(viewer, _best_grants(rows), story=False)
    word_markers = [Highlighter(ParsedQuery(words=[word])) for word in parsed.words]
    highlighter = Highlighter(parsed)
    results = []
    for item in found:
        # Below the full story only what the level shows may decide a match (the grant index
        # holds nothing else; this guards the rule should it ever be built differently).
        profile = [item.name, item.company, item.role]
        if item.level < ShareLevel.FULL and not all(
            any(marker.mark(text, window=None) for text in profile) for marker in word_markers
        ):
            continue
        results.append(item)
    results.sort(
        key=lambda item: (-item.strength, -item.level, item.name.casefold(), item.person_id)
    )
    results = results[: max(1, min(limit, MAX_SEARCH_RESULTS))]
    _add_story(results)
    for item in results:
        visible = [item.name, item.company, item.role, *(item.story or {}).values()]
        snippets = [highlighter.mark(text) for text in visible if text]
        item.snippet = marked_to_html(next((s for s in snippets if s), ""))
    return results


# --- Who can see what (for the person's owner) ----------------------------------------------


def person_audience(*, person: Person) -> list[dict[str, Any]]:
    """For the person page: per team of the owner, the level and the teammates who see it;
    plus teammates who got the contact details through an introduction."""
    memberships = list(memberships_of(person.owner))
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


# --- Introductions ---------------------------------------------------------------------------


def introductions_received(user: Any) -> QuerySet[IntroductionRequest]:
    return IntroductionRequest.objects.filter(owner=user).select_related(
        "requester", "person", "team"
    )


def introductions_sent(user: Any) -> list[dict[str, Any]]:
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


def introduction_get_for_owner_or_404(user: Any, request_id: Any) -> IntroductionRequest:
    try:
        primary_key = int(request_id)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error
    found = introductions_received(user).filter(pk=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def pending_introductions(user: Any) -> QuerySet[IntroductionRequest]:
    return introductions_received(user).filter(status=IntroStatus.PENDING)


# --- Team events -----------------------------------------------------------------------------


def team_events(*, membership: Membership) -> QuerySet[TeamEvent]:
    return membership.team.events.select_related("event", "shared_by").order_by("-event__starts_at")


def team_event_get_or_404(*, membership: Membership, team_event_id: Any) -> TeamEvent:
    try:
        primary_key = int(team_event_id)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error
    found = team_events(membership=membership).filter(pk=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def team_event_wanted_ids(*, viewer: Any, team_event: TeamEvent) -> set[int]:
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


def team_event_overview(*, viewer: Any, team_event: TeamEvent) -> dict[str, Any]:
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


def introduction_sent_for(user: Any, person_id: Any) -> IntroductionRequest | None:
    """The user's latest request about this person (to show its state on the page)."""
    return IntroductionRequest.objects.filter(requester=user, person_id=person_id).first()


def event_audience(*, event: Any) -> dict[str, Any]:
    """For the event page: the owner's teams it is shared with, and those it is not."""
    memberships = list(memberships_of(event.owner))
    shared = list(TeamEvent.objects.filter(event=event).select_related("team"))
    shared_team_ids = {item.team_id for item in shared}
    return {
        "memberships": memberships,
        "shared": shared,
        "unshared": [m for m in memberships if m.team_id not in shared_team_ids],
    }
