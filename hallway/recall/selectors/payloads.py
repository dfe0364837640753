"""Briefings, reconnect items and follow-ups as response payloads: the API's schemas serialize
them, and `records_as_json` turns them into the same JSON for the command line's `--json`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hallway.conversations.models import FollowUp
from hallway.conversations.selectors import followup_fields
from hallway.people.models import Person
from hallway.recall.selectors.event_briefings import EventBriefing, KnownPerson
from hallway.recall.selectors.keeping_in_touch import overdue_days
from hallway.recall.selectors.person_briefings import PersonBriefing


def person_briefing_payload(briefing: PersonBriefing) -> dict[str, Any]:
    met = briefing.met
    return {
        "person": briefing.person,
        "last_conversation": briefing.last_conversation,
        "last_talked_at": briefing.last_talked_at,
        "last_talked_about": briefing.last_talked_about,
        "met": {
            "met_at": met.met_at,
            "first_met_on": met.first_met_on,
            "first_met_event_id": met.first_met_event.pk if met.first_met_event else None,
            "first_met_event_name": met.first_met_event.name if met.first_met_event else "",
            "introduced_by_id": met.introduced_by.pk if met.introduced_by else None,
            "summary": met.summary,
        },
        "conversations_count": briefing.conversations_count,
        "open_followups": briefing.open_followups,
        "next_questions": briefing.next_question_texts,
        "next_question_reasons": [question.as_dict() for question in briefing.next_questions],
        "recent_notes": [
            {"id": note.pk, "text": note.text, "date": note.date} for note in briefing.recent_notes
        ],
        "upcoming_events": [
            {"id": event.pk, "name": event.name, "starts_at": event.starts_at}
            for event in briefing.upcoming_events
        ],
        "keep_in_touch_days": briefing.keep_in_touch_days,
        "last_contact_at": briefing.last_contact_at,
        "reconnect_due_at": briefing.reconnect_due_at,
        "overdue_days": briefing.overdue_days,
        "celebrations": [
            {"kind": item.kind, "date": item.date, "years": item.years, "text": item.text}
            for item in briefing.celebrations
        ],
    }


def _known_payload(item: KnownPerson) -> dict[str, Any]:
    return {
        "person": item.person,
        "reasons": item.reasons,
        "short_story": item.short_story,
        "last_talked_at": item.last_talked_at,
        "next_question": item.next_question,
    }


def event_briefing_payload(briefing: EventBriefing) -> dict[str, Any]:
    return {
        "event": briefing.event,
        "known_people": [_known_payload(item) for item in briefing.known_people],
        "known_count": briefing.known_count,
        "want_to_meet": [_known_payload(item) for item in briefing.want_to_meet],
        "attendees": [
            {
                "id": match.attendee.pk,
                "name": match.attendee.name,
                "email": match.attendee.email,
                "company": match.attendee.company,
                "person_id": match.person.pk if match.person else None,
                "matched_by": match.matched_by,
            }
            for match in briefing.attendees
        ],
        "previous_edition_ids": [event.pk for event in briefing.previous_editions],
    }


def reconnect_payload(person: Person, now: dt.datetime) -> dict[str, Any]:
    """One person of people_to_reconnect (it annotates `reconnect_due_at`)."""
    return {
        "person": person,
        "keep_in_touch_days": person.keep_in_touch_days,
        "last_contact_at": person.last_contact_at,
        "due_at": person.reconnect_due_at,  # type: ignore[attr-defined]
        "overdue_days": overdue_days(person, now),
    }


def followup_payload(followup: FollowUp) -> dict[str, Any]:
    """A follow-up with its person's name and times (FollowUpItemOut)."""
    return {
        **followup_fields(followup),
        "person_name": followup.person.name,
        "done_at": followup.done_at,
        "created_at": followup.created_at,
    }
