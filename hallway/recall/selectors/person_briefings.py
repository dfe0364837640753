"""The person briefing: everything to read before meeting someone again."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, prefetch_related_objects
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.events.models import Event
from hallway.lib.partial_dates import Celebration, celebrations_soon
from hallway.lib.prepared import Prepared
from hallway.lib.story import FACET_LABELS
from hallway.people.models import Note, Person
from hallway.recall.questions import RECENT_DAYS, NextQuestion, Said, next_questions


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
    # birthday / anniversary within the next two weeks ("Birthday next week, on Tuesday …")
    celebrations: list[Celebration] = field(default_factory=list)

    @property
    def next_question_texts(self) -> list[str]:
        return [question.question for question in self.next_questions]


# A briefing's reads of one person, compiled once (hallway.lib.prepared): the page and the API
# answer each briefing with these, and building and compiling each was ~0.3 ms. The page shows
# no tags; the API reads them with with_tag_names (a prefetch here cost ~0.5 ms of each page).
PERSON_FOR_BRIEFING: Prepared[Person] = Prepared(
    lambda owner_id, pk: (
        Person.objects.filter(owner_id=owner_id, pk=pk)
        .select_related("introduced_by")
        .order_by("pk")[:1]
    )
)
_SAID_NOTES = Prepared(
    lambda person_id, since: Note.objects.filter(person_id=person_id, date__gte=since).values_list(
        "person_id", "text", "date"
    ),
    since=dt.date,
)
_SAID_CONVERSATIONS = Prepared(
    lambda person_id, since: Conversation.objects.filter(
        person_id=person_id, started_at__gte=since
    ).values_list("person_id", "notes", "learned", "started_at"),
    since=dt.datetime,
)
_CONVERSATIONS = Prepared(
    lambda person_id: (
        Conversation.objects.filter(person_id=person_id)
        .select_related("event")
        .order_by("-started_at", "-id")
    )
)
_OPEN_FOLLOWUPS = Prepared(
    lambda owner_id, person_id: (
        FollowUp.objects.filter(owner_id=owner_id, done=False, person_id=person_id)
        .select_related("person")
        .order_by(F("due").asc(nulls_last=True), "id")
    )
)
_RECENT_NOTES = Prepared(lambda person_id: Note.objects.filter(person_id=person_id)[:3])
_UPCOMING = Prepared(
    lambda person_id, since: Event.objects.filter(
        want_to_meet=person_id, starts_at__gte=since
    ).order_by("starts_at")[:5],
    since=dt.datetime,
)


def said_by_person(person_ids: Iterable[int], since: dt.date) -> dict[int, list[Said]]:
    """Recent notes, conversation notes and learned text of these people, grouped by person."""
    ids = list(person_ids)
    said: dict[int, list[Said]] = defaultdict(list)
    if not ids:
        return said
    since_moment = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    notes_said: Iterable[Any]
    conversations_said: Iterable[Any]
    if len(ids) == 1:  # one person's briefing: the compiled statements
        notes_said = _SAID_NOTES.list(person_id=ids[0], since=since)
        conversations_said = _SAID_CONVERSATIONS.list(person_id=ids[0], since=since_moment)
    else:
        notes_said = Note.objects.filter(person_id__in=ids, date__gte=since).values_list(
            "person_id", "text", "date"
        )
        conversations_said = Conversation.objects.filter(
            person_id__in=ids, started_at__gte=since_moment
        ).values_list("person_id", "notes", "learned", "started_at")
    for person_id, text, date in notes_said:
        said[person_id].append(Said(text=text, date=date, source="note"))
    for person_id, notes, learned, started_at in conversations_said:
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
    # One read of the person's conversations, newest first, gives the last, the first and the
    # count (three queries before; a person has tens of conversations, not thousands).
    conversations = _CONVERSATIONS.list(person_id=person.pk)
    for conversation in conversations:
        Conversation.person.field.set_cached_value(conversation, person)  # type: ignore[attr-defined]
    last_conversation = conversations[0] if conversations else None
    first_conversation = conversations[-1] if conversations else None
    if last_conversation is not None:
        prefetch_related_objects([last_conversation], "followups")
    said = said_by_person([person.pk], today - dt.timedelta(days=RECENT_DAYS))[person.pk]
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
        conversations_count=len(conversations),
        open_followups=_OPEN_FOLLOWUPS.list(owner_id=person.owner_id, person_id=person.pk),
        next_questions=next_questions(said=said, unknown_facets=person.unknown_facets, today=today),
        recent_notes=_RECENT_NOTES.list(person_id=person.pk),
        upcoming_events=_UPCOMING.list(person_id=person.pk, since=now),
        keep_in_touch_days=person.keep_in_touch_days,
        last_contact_at=person.last_contact_at,
        reconnect_due_at=due_at,
        overdue_days=overdue_days,
        celebrations=celebrations_soon(
            birthday=person.birthday, anniversary=person.anniversary, today=today
        ),
    )
