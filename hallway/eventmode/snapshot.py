"""The offline snapshot: what the phone keeps so the hallway loop works with no signal.

The checked-in event (and today's), its want-to-meet list, the stories and briefings of the
people linked to it and of the people met recently, the conversations so far, and what the
live screens need to draw themselves (questions, warning signs, outcomes, exit lines).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.eventmode.selectors import events_for_check_in
from hallway.eventmode.services import live_settings_get
from hallway.events.models import Event
from hallway.lib.ownership import owned
from hallway.lib.story import FACET_ASK_ALOUD, FACET_LABELS, FACETS, OUTCOMES, WARNING_SIGNS
from hallway.people.models import Person

RECENT_DAYS = 30
MAX_PEOPLE = 60  # each carries a briefing; a phone needs the ones it may meet today
MAX_CONVERSATIONS = 60


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _event(event: Event, *, today_ids: set[int]) -> dict[str, Any]:
    return {
        "id": event.pk,
        "name": event.name,
        "starts_at": _iso(event.starts_at),
        "ends_at": _iso(event.ends_at),
        "location": event.location,
        "goal_new_connections": event.goal_new_connections,
        "want_to_meet": [person.pk for person in event.want_to_meet.all()],
        "today": event.pk in today_ids,
    }


def _conversation(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.pk,
        "person_id": conversation.person_id,
        "event_id": conversation.event_id,
        "started_at": _iso(conversation.started_at),
        "ended_at": _iso(conversation.ended_at),
        "learned": conversation.learned,
        "warning_signs": conversation.warning_signs,
        "outcome": conversation.outcome or None,
        "with_new_person": conversation.with_new_person,
        "followups": [
            {"text": followup.text, "due": followup.due.isoformat() if followup.due else None}
            for followup in conversation.followups.all()
        ],
    }


def _person(person: Person, *, now: dt.datetime) -> dict[str, Any]:
    from hallway.recall.selectors import person_briefing

    briefing = person_briefing(person=person, now=now)
    last = briefing.last_conversation
    return {
        "id": person.pk,
        "name": person.name,
        "company": person.company,
        "role": person.role,
        "email": person.email,
        "phone": person.phone,
        "met_at": person.met_at,
        "status": person.status,
        "story": person.story,
        "url": person.get_absolute_url(),
        "briefing": {
            "met": briefing.met.summary,
            "last_talked_at": _iso(briefing.last_talked_at),
            "last_event": last.event.name if last is not None and last.event else None,
            "last_talked_about": briefing.last_talked_about,
            "open_followups": [
                {"text": followup.text, "due": followup.due.isoformat() if followup.due else None}
                for followup in briefing.open_followups
            ],
            "next_questions": briefing.next_question_texts,
        },
    }


def live_snapshot(*, user: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the live screens need offline, for this user only, as of now."""
    now = now or timezone.now()
    live_settings = live_settings_get(user=user)
    check_in = events_for_check_in(user=user, now=now)
    events: dict[int, Event] = {}
    current = live_settings.current_event
    for event in [*([current] if current else []), *check_in["today"], *check_in["upcoming"]]:
        events.setdefault(event.pk, event)
    today_ids = {event.pk for event in check_in["today"]}
    conversations = list(
        owned(Conversation, user)
        .filter(event_id__in=list(events))
        .select_related("person")
        .prefetch_related("followups")
        .order_by("-started_at", "-id")[:MAX_CONVERSATIONS]
    )
    # Who the phone may need: on the lists, met at these events, linked to them, met lately.
    wanted_ids = [
        pk for event in events.values() for pk in event.want_to_meet.values_list("pk", flat=True)
    ]
    met_ids = [conversation.person_id for conversation in conversations]
    recent_ids = list(
        owned(Conversation, user)
        .filter(started_at__gte=now - dt.timedelta(days=RECENT_DAYS))
        .order_by("-started_at")
        .values_list("person_id", flat=True)[:MAX_PEOPLE]
    )
    linked_ids: list[int] = []
    if current is not None:
        from hallway.recall.selectors import event_briefing

        linked_ids = [
            known.person.pk for known in event_briefing(event=current, now=now).known_people
        ]
    ordered: list[int] = []
    for pk in [*wanted_ids, *met_ids, *linked_ids, *recent_ids]:
        if pk not in ordered:
            ordered.append(pk)
    people = {
        person.pk: person
        for person in owned(Person, user)
        .filter(pk__in=ordered[:MAX_PEOPLE])
        .select_related("introduced_by")
    }
    return {
        "user": {"id": user.pk, "username": user.get_username()},
        "as_of": now.isoformat(),
        "current_event_id": current.pk if current else None,
        "settings": {
            "long_conversation_minutes": live_settings.long_conversation_minutes,
            "exit_lines": list(live_settings.exit_lines),
        },
        "questions": [
            {"facet": facet, "label": FACET_LABELS[facet], "question": FACET_ASK_ALOUD[facet]}
            for facet in FACETS
        ],
        "signs": [{"name": name, "label": label} for name, label in WARNING_SIGNS.items()],
        "outcomes": [{"value": value, "label": label} for value, label in OUTCOMES.items()],
        "events": [_event(event, today_ids=today_ids) for event in events.values()],
        "conversations": [_conversation(conversation) for conversation in conversations],
        "people": [_person(people[pk], now=now) for pk in ordered if pk in people],
    }
