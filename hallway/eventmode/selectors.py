"""Reads for live event mode: the check-in list, progress, the exit prompt and the review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.eventmode.models import DEFAULT_EXIT_LINES, LiveSettings
from hallway.events.models import Event
from hallway.events.selectors import want_to_meet_unmet
from hallway.lib.ownership import owned
from hallway.lib.prepared import Prepared
from hallway.lib.story import FACET_ASK_ALOUD, FACET_LABELS, FACETS, WARNING_SIGNS
from hallway.people.models import Person
from hallway.people.selectors import people_filter


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def events_today(*, user: User, now: dt.datetime | None = None) -> list[Event]:
    """Today's events, including ones still running since earlier."""
    now = now or timezone.now()
    day_start, day_end = _day_bounds(timezone.localtime(now).date())
    if not user.is_authenticated:
        return []
    return _TODAY.list(owner_id=user.pk, day_start=day_start, day_end=day_end)


# On every home page (the check-in card): compiled once (hallway.lib.prepared).
_TODAY = Prepared(
    lambda owner_id, day_start, day_end: (
        Event.objects.filter(owner_id=owner_id)
        .filter(
            Q(starts_at__gte=day_start, starts_at__lt=day_end)
            | Q(starts_at__lt=day_start, ends_at__gte=day_start)
        )
        .order_by("starts_at", "id")
    ),
    day_start=dt.datetime,
    day_end=dt.datetime,
)


def events_for_check_in(*, user: User, now: dt.datetime | None = None) -> dict[str, list[Event]]:
    """Today's events first (including ones still running since earlier), then the next few
    upcoming and the last few past ones."""
    now = now or timezone.now()
    day_start, day_end = _day_bounds(timezone.localtime(now).date())
    events = owned(Event, user)
    today = events_today(user=user, now=now)
    upcoming = list(events.filter(starts_at__gte=day_end).order_by("starts_at", "id")[:5])
    today_ids = {event.pk for event in today}
    recent = [
        event
        for event in events.filter(starts_at__lt=day_start).order_by("-starts_at")[:6]
        if event.pk not in today_ids
    ][:3]
    return {"today": today, "upcoming": upcoming, "recent": recent}


@dataclass
class EventProgress:
    goal: int | None
    new_people: int
    conversations: int
    percent: int
    open_conversation: Conversation | None
    wanted_unmet: list[Person] = field(default_factory=list)
    wanted_met: list[Person] = field(default_factory=list)
    so_far: list[Conversation] = field(default_factory=list)


def event_progress(*, event: Event) -> EventProgress:
    """How far the user is toward the event's goal of new people, and who is still to meet."""
    conversations = event.conversations.filter(owner=event.owner)
    new_people = conversations.filter(with_new_person=True).values("person_id").distinct().count()
    goal = event.goal_new_connections
    percent = min(100, round(100 * new_people / goal)) if goal else 0
    unmet = list(want_to_meet_unmet(event=event).order_by("name"))
    unmet_ids = {person.pk for person in unmet}
    met = [person for person in event.want_to_meet.order_by("name") if person.pk not in unmet_ids]
    return EventProgress(
        goal=goal,
        new_people=new_people,
        conversations=conversations.count(),
        percent=percent,
        open_conversation=conversations.filter(ended_at__isnull=True, outcome="")
        .select_related("person")
        .first(),
        wanted_unmet=unmet,
        wanted_met=met,
        so_far=list(conversations.select_related("person").order_by("-started_at", "-id")[:20]),
    )


def people_search(*, user: User, q: str, limit: int = 8) -> list[Person]:
    """Known people whose name (or anything else) matches, for starting a conversation."""
    q = (q or "").replace("\x00", "").strip()
    if not q:
        return []
    return list(people_filter(user=user, q=q)[:limit])


def safe_questions(*, person: Person) -> list[dict[str, str]]:
    """Questions for the facets still unknown: the easy openers first, then the deeper ones."""
    story = person.story
    return [
        {"facet": facet, "label": FACET_LABELS[facet], "question": FACET_ASK_ALOUD[facet]}
        for facet in FACETS
        if not story[facet].strip()
    ]


def next_person_to_meet(*, conversation: Conversation) -> Person | None:
    """The first person on the want-to-meet list not met yet at this event (not this one)."""
    if conversation.event is None:
        return None
    return (
        want_to_meet_unmet(event=conversation.event)
        .exclude(pk=conversation.person_id)
        .order_by("name", "id")
        .first()
    )


@dataclass
class ExitPrompt:
    show: bool
    reason: str
    line: str
    next_person: Person | None
    long_after_seconds: int


def exit_prompt(
    *, conversation: Conversation, live_settings: LiveSettings, now: dt.datetime | None = None
) -> ExitPrompt:
    """When a warning sign was noticed or the talk runs past the user's limit: a polite exit
    line and who to meet next. The line changes with each sign so it does not repeat."""
    now = now or timezone.now()
    lines = list(live_settings.exit_lines or DEFAULT_EXIT_LINES)
    line = lines[(conversation.pk + len(conversation.warning_signs)) % len(lines)]
    limit = live_settings.long_conversation_minutes * 60
    elapsed = (now - conversation.started_at).total_seconds()
    reason = ""
    if conversation.warning_signs:
        reason = WARNING_SIGNS.get(conversation.warning_signs[-1], "Warning sign")
    elif elapsed >= limit:
        reason = f"You have been talking for over {live_settings.long_conversation_minutes} minutes"
    return ExitPrompt(
        show=bool(reason) and conversation.is_open,
        reason=reason,
        line=line,
        next_person=next_person_to_meet(conversation=conversation),
        long_after_seconds=limit,
    )


@dataclass
class ReviewRow:
    conversation: Conversation
    missing_contact: bool
    no_followup: bool


@dataclass
class EventReview:
    rows: list[ReviewRow]
    goal: int | None
    new_people: int
    connected: int
    cards_only: int
    cut_short: int
    ongoing: int
    connections_known: int
    cards_held: int


def event_review(*, event: Event) -> EventReview:
    """The event's conversations with what still needs doing, and how it went against the goal."""
    conversations: QuerySet[Conversation] = (
        event.conversations.filter(owner=event.owner)
        .select_related("person")
        .prefetch_related("followups")
        .order_by("started_at", "id")
    )
    rows = []
    outcomes = {"connected": 0, "cards_only": 0, "cut_short": 0, "": 0}
    new_people: set[int] = set()
    people: dict[int, Person] = {}
    for conversation in conversations:
        person = conversation.person
        people[person.pk] = person
        if conversation.with_new_person:
            new_people.add(person.pk)
        outcomes[conversation.outcome if conversation.outcome in outcomes else ""] += 1
        rows.append(
            ReviewRow(
                conversation=conversation,
                missing_contact=not (person.email or person.phone),
                no_followup=not conversation.followups.all(),
            )
        )
    connections_known = sum(1 for person in people.values() if person.status == "connection")
    return EventReview(
        rows=rows,
        goal=event.goal_new_connections,
        new_people=len(new_people),
        connected=outcomes["connected"],
        cards_only=outcomes["cards_only"],
        cut_short=outcomes["cut_short"],
        ongoing=outcomes[""],
        connections_known=connections_known,
        cards_held=len(people) - connections_known,
    )
