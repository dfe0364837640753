"""The event briefing: the people you already know who are linked to an event, with their stories."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.story import normalize_name
from hallway.people.models import Person
from hallway.recall.models import Attendee
from hallway.recall.questions import RECENT_DAYS, next_questions
from hallway.recall.selectors.person_briefings import said_by_person

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
    said = said_by_person(chosen, today - dt.timedelta(days=RECENT_DAYS))
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
