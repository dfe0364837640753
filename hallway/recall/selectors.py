"""Reads for recall: person and event briefings, who to reconnect with, follow-ups due."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import DateTimeField, F, FloatField, Func, Max, QuerySet, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.story import FACET_LABELS, normalize_name
from hallway.people.models import Note, Person
from hallway.recall.models import Attendee
from hallway.recall.questions import RECENT_DAYS, NextQuestion, Said, next_questions

SHORT_STORY_LENGTH = 200
# The order in which facets tell a story best on a cheat sheet: context first, then what matters.
_STORY_ORDER = ("work", "passions", "drivers", "origin", "education")

# An event briefing details at most this many people, the most relevant first (see _REASON_RANK).
MAX_KNOWN_PEOPLE = 100

REASON_LABELS = {
    "want_to_meet": "You want to meet them here",
    "met_here": "You met them at this event",
    "met_previous_edition": "You met them at an earlier edition",
    "attendee_list": "On the attendee list",
}
_REASON_RANK = {"want_to_meet": 0, "attendee_list": 1, "met_here": 2, "met_previous_edition": 3}


def short_story(person: Person, limit: int = SHORT_STORY_LENGTH) -> str:
    """The known facets in one line, most telling first, cut at `limit` characters."""
    story = person.story
    parts = [" ".join(story[facet].split()) for facet in _STORY_ORDER if story[facet].strip()]
    text = " · ".join(parts)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- Person briefing -----------------------------------------------------------------------


@dataclass
class Met:
    """How and where you met: the free text, and the first conversation on record."""

    met_at: str
    first_met_on: dt.date | None
    first_met_event: Event | None
    introduced_by: Person | None

    @property
    def summary(self) -> str:
        parts = []
        if self.met_at:
            parts.append(self.met_at)
        if self.first_met_on:
            where = f" at {self.first_met_event.name}" if self.first_met_event else ""
            parts.append(f"first talked on {self.first_met_on:%-d %b %Y}{where}")
        if self.introduced_by:
            parts.append(f"introduced by {self.introduced_by.name}")
        return "; ".join(parts)


@dataclass
class PersonBriefing:
    person: Person
    met: Met
    last_conversation: Conversation | None
    last_talked_at: dt.datetime | None
    last_talked_about: list[str]
    conversations_count: int
    open_followups: list[FollowUp]
    next_questions: list[NextQuestion]
    recent_notes: list[Note]
    upcoming_events: list[Event]
    keep_in_touch_days: int | None
    last_contact_at: dt.datetime | None
    reconnect_due_at: dt.datetime | None
    overdue_days: int | None

    @property
    def next_question_texts(self) -> list[str]:
        return [question.question for question in self.next_questions]


def _said_by_person(person_ids: Iterable[int], since: dt.date) -> dict[int, list[Said]]:
    """Recent notes, conversation notes and learned text of these people, grouped by person."""
    ids = list(person_ids)
    said: dict[int, list[Said]] = defaultdict(list)
    if not ids:
        return said
    for person_id, text, date in Note.objects.filter(
        person_id__in=ids, date__gte=since
    ).values_list("person_id", "text", "date"):
        said[person_id].append(Said(text=text, date=date, source="note"))
    since_moment = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    conversations = Conversation.objects.filter(person_id__in=ids, started_at__gte=since_moment)
    for person_id, notes, learned, started_at in conversations.values_list(
        "person_id", "notes", "learned", "started_at"
    ):
        day = timezone.localtime(started_at).date()
        if notes:
            said[person_id].append(Said(text=notes, date=day, source="conversation"))
        for text in (learned or {}).values():
            if text:
                said[person_id].append(Said(text=str(text), date=day, source="learned"))
    return said


def _talked_about(conversation: Conversation) -> list[str]:
    """What the conversation was about, one line per facet learned, plus its notes."""
    about = [
        f"{FACET_LABELS.get(facet, facet)}: {text}"
        for facet, text in (conversation.learned or {}).items()
        if text
    ]
    if conversation.notes:
        about.append(conversation.notes)
    return about


def _reconnect_due(person: Person) -> dt.datetime | None:
    if not person.keep_in_touch_days:
        return None
    last_touch = person.last_contact_at or person.created_at
    return last_touch + dt.timedelta(days=person.keep_in_touch_days)


def person_briefing(*, person: Person, now: dt.datetime | None = None) -> PersonBriefing:
    """Everything to read before meeting the person again."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    conversations = person.conversations.select_related("event").order_by("-started_at", "-id")
    last_conversation = conversations.prefetch_related("followups").first()
    first_conversation = conversations.order_by("started_at", "id").first()
    said = _said_by_person([person.pk], today - dt.timedelta(days=RECENT_DAYS))[person.pk]
    due_at = _reconnect_due(person)
    overdue_days = (now - due_at).days if due_at is not None and due_at < now else None
    return PersonBriefing(
        person=person,
        met=Met(
            met_at=person.met_at,
            first_met_on=timezone.localtime(first_conversation.started_at).date()
            if first_conversation
            else None,
            first_met_event=first_conversation.event if first_conversation else None,
            introduced_by=person.introduced_by,
        ),
        last_conversation=last_conversation,
        last_talked_at=last_conversation.started_at if last_conversation else None,
        last_talked_about=_talked_about(last_conversation) if last_conversation else [],
        conversations_count=conversations.count(),
        open_followups=list(followups_open(user=person.owner).filter(person=person)),
        next_questions=next_questions(said=said, unknown_facets=person.unknown_facets, today=today),
        recent_notes=list(person.notes.all()[:3]),
        upcoming_events=list(person.wanted_at.filter(starts_at__gte=now).order_by("starts_at")[:5]),
        keep_in_touch_days=person.keep_in_touch_days,
        last_contact_at=person.last_contact_at,
        reconnect_due_at=due_at,
        overdue_days=overdue_days,
    )


# --- Event briefing ------------------------------------------------------------------------


@dataclass
class KnownPerson:
    person: Person
    reasons: list[str]
    short_story: str
    last_talked_at: dt.datetime | None
    next_question: str

    @property
    def reason_labels(self) -> list[str]:
        return [REASON_LABELS[reason] for reason in self.reasons]


@dataclass
class AttendeeMatch:
    attendee: Attendee
    person: Person | None
    matched_by: str  # "email", "name" or ""


@dataclass
class EventBriefing:
    event: Event
    known_people: list[KnownPerson]
    want_to_meet: list[KnownPerson]
    attendees: list[AttendeeMatch] = field(default_factory=list)
    previous_editions: list[Event] = field(default_factory=list)
    known_count: int = 0  # all linked people, also those beyond MAX_KNOWN_PEOPLE

    @property
    def hidden_count(self) -> int:
        return max(0, self.known_count - len(self.known_people))

    @property
    def unmatched_attendees(self) -> list[AttendeeMatch]:
        return [match for match in self.attendees if match.person is None]

    @property
    def others(self) -> list[KnownPerson]:
        """Known people who are not on the want-to-meet list."""
        return [item for item in self.known_people if "want_to_meet" not in item.reasons]

    @property
    def matched_count(self) -> int:
        return len(self.attendees) - len(self.unmatched_attendees)


def _edition_key(name: str) -> str:
    """'CIO Summit 2025' and 'CIO Summit 2026' are editions of the same event (years and '#3'
    style numbers are ignored; other numbers, as in 'Meetup 67', make a different event)."""
    return " ".join(re.sub(r"\b(?:19|20)\d{2}\b|#\s*\d+", " ", normalize_name(name)).split())


def previous_editions(*, event: Event) -> list[Event]:
    """The owner's earlier events with the same name apart from numbers (years, editions)."""
    key = _edition_key(event.name)
    if not key:
        return []
    earlier = owned(Event, event.owner).filter(starts_at__lt=event.starts_at).exclude(pk=event.pk)
    return [
        other
        for other in earlier.only("id", "name", "starts_at")
        if _edition_key(other.name) == key
    ]


def attendees_matched(*, event: Event) -> list[AttendeeMatch]:
    """The event's attendee list, each matched to one of the owner's people: e-mail first, then name."""
    attendees = sorted(
        Attendee.objects.filter(event=event, owner=event.owner),
        key=lambda item: (item.label.casefold(), item.pk),
    )
    if not attendees:
        return []
    people = owned(Person, event.owner)
    emails = {attendee.email for attendee in attendees if attendee.email}
    by_email: dict[str, Person] = {}
    for person in (
        people.annotate(email_lower=Lower("email")).filter(email_lower__in=emails).order_by("id")
    ):
        by_email.setdefault(person.email.lower(), person)
    names = {attendee.name_normalized for attendee in attendees if attendee.name_normalized}
    by_name: dict[str, Person] = {}
    for named in people.filter(name_normalized__in=names).order_by("id"):
        by_name.setdefault(named.name_normalized, named)
    matches = []
    for attendee in attendees:
        if attendee.email and attendee.email in by_email:
            matches.append(AttendeeMatch(attendee, by_email[attendee.email], "email"))
        elif attendee.name_normalized and attendee.name_normalized in by_name:
            matches.append(AttendeeMatch(attendee, by_name[attendee.name_normalized], "name"))
        else:
            matches.append(AttendeeMatch(attendee, None, ""))
    return matches


def event_briefing(*, event: Event, now: dt.datetime | None = None) -> EventBriefing:
    """The people you already know who are linked to the event, with their stories."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    reasons: dict[int, list[str]] = defaultdict(list)
    wanted_ids = list(event.want_to_meet.filter(owner=event.owner).values_list("pk", flat=True))
    for person_id in wanted_ids:
        reasons[person_id].append("want_to_meet")
    for person_id in (
        event.conversations.filter(owner=event.owner)
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    ):
        reasons[person_id].append("met_here")
    editions = previous_editions(event=event)
    if editions:
        earlier = Conversation.objects.filter(owner=event.owner, event__in=editions)
        for person_id in earlier.order_by().values_list("person_id", flat=True).distinct():
            if "met_here" not in reasons[person_id]:
                reasons[person_id].append("met_previous_edition")
    attendees = attendees_matched(event=event)
    for match in attendees:
        if match.person is not None and "attendee_list" not in reasons[match.person.pk]:
            reasons[match.person.pk].append("attendee_list")
    # A briefing is read in minutes: the most relevant people get their story, the rest a count.
    chosen = sorted(
        reasons, key=lambda person_id: (min(_REASON_RANK[r] for r in reasons[person_id]), person_id)
    )
    chosen = chosen[:MAX_KNOWN_PEOPLE]
    people = (
        owned(Person, event.owner)
        .filter(pk__in=chosen)
        .annotate(last_talked_at=Max("conversations__started_at"))
        .prefetch_related("tags")
    )
    said = _said_by_person(chosen, today - dt.timedelta(days=RECENT_DAYS))
    known = []
    for person in people:
        questions = next_questions(
            said=said.get(person.pk, []), unknown_facets=person.unknown_facets, today=today
        )
        known.append(
            KnownPerson(
                person=person,
                reasons=reasons[person.pk],
                short_story=short_story(person),
                last_talked_at=person.last_talked_at,  # type: ignore[attr-defined]
                next_question=questions[0].question if questions else "",
            )
        )
    known.sort(
        key=lambda item: (
            "want_to_meet" not in item.reasons,
            item.person.name.casefold(),
            item.person.pk,
        )
    )
    return EventBriefing(
        event=event,
        known_people=known,
        want_to_meet=[item for item in known if "want_to_meet" in item.reasons],
        attendees=attendees,
        previous_editions=editions,
        known_count=len(reasons),
    )


# --- Keeping in touch ----------------------------------------------------------------------


class _PlusDays(Func):
    """moment + N days, N from another column (databases disagree on integer × interval)."""

    output_field = DateTimeField()
    template = "(%(expressions)s)"
    arg_joiner = " + INTERVAL '1 day' * "

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # Django keeps UTC datetimes as ISO text on SQLite; datetime() shifts them and keeps the format.
        return self.as_sql(
            compiler,
            connection,
            template="datetime(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra_context,
        )


class _DueKey(Func):
    """last touch + N days as a sortable value: a timestamp on PostgreSQL, a Julian day number on
    SQLite (numbers compare much faster there than the ISO text datetime() builds)."""

    template = "(%(expressions)s)"
    arg_joiner = " + INTERVAL '1 day' * "

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") + (",
            **extra_context,
        )


class _MomentKey(Func):
    """A moment in the same scale as _DueKey."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="julianday(%(expressions)s)", **extra_context
        )


def people_to_reconnect(*, user: Any, now: dt.datetime | None = None) -> QuerySet[Person]:
    """People with a keep-in-touch cadence whose last contact (or, never contacted, their creation)
    is older than the cadence; most overdue first. Each has `last_touch_at` and `reconnect_due_at`."""
    now = now or timezone.now()
    return (
        owned(Person, user)
        .filter(keep_in_touch_days__isnull=False, keep_in_touch_days__gt=0)
        .annotate(last_touch_at=Coalesce("last_contact_at", "created_at"))
        .alias(
            due_key=_DueKey(F("last_touch_at"), F("keep_in_touch_days"), output_field=FloatField())
        )
        .filter(
            due_key__lt=_MomentKey(
                Value(now, output_field=DateTimeField()), output_field=FloatField()
            )
        )
        .annotate(reconnect_due_at=_PlusDays(F("last_touch_at"), F("keep_in_touch_days")))
        .order_by("due_key", "name", "id")
    )


def overdue_days(person: Any, now: dt.datetime | None = None) -> int:
    """Whole days since the person became due for a reconnect."""
    now = now or timezone.now()
    return max(0, (now - person.reconnect_due_at).days)


def followups_open(*, user: Any) -> QuerySet[FollowUp]:
    """Open follow-ups, dated ones first by due date, then undated ones."""
    return (
        owned(FollowUp, user)
        .filter(done=False)
        .select_related("person")
        .order_by(F("due").asc(nulls_last=True), "id")
    )


def followups_filter(
    *,
    user: Any,
    due_before: dt.date | None = None,
    done: bool | None = None,
    person_id: int | None = None,
) -> QuerySet[FollowUp]:
    """The user's follow-ups: due strictly before a date, done or not, for one person."""
    followups = owned(FollowUp, user).select_related("person")
    if due_before is not None:
        followups = followups.filter(due__lt=due_before)
    if done is not None:
        followups = followups.filter(done=done)
    if person_id is not None:
        followups = followups.filter(person_id=person_id)
    return followups.order_by("done", F("due").asc(nulls_last=True), "id")


@dataclass
class DueGroups:
    """Open follow-ups by group; each list holds at most the limit, `totals` count them all."""

    overdue: list[FollowUp]
    today: list[FollowUp]
    upcoming: list[FollowUp]
    undated: list[FollowUp]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.totals.values())

    def more(self, group: str) -> int:
        """How many of the group are not in its list."""
        return self.totals.get(group, 0) - len(getattr(self, group))


DUE_GROUP_LIMIT = 50


def followups_due(
    *, user: Any, today: dt.date | None = None, limit: int = DUE_GROUP_LIMIT
) -> DueGroups:
    """Open follow-ups grouped as overdue, due today, upcoming (soonest first) and undated."""
    today = today or timezone.localdate()
    open_ = followups_open(user=user)
    querysets = {
        "overdue": open_.filter(due__lt=today),
        "today": open_.filter(due=today),
        "upcoming": open_.filter(due__gt=today),
        "undated": open_.filter(due__isnull=True),
    }
    lists = {name: list(queryset[:limit]) for name, queryset in querysets.items()}
    totals = {
        name: len(lists[name]) if len(lists[name]) < limit else querysets[name].count()
        for name in querysets
    }
    return DueGroups(totals=totals, **lists)
