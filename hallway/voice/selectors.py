"""Reads for voice notes: the user's notes, the proposal beside the current story."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.lib.ownership import owned
from hallway.lib.story import FACET_LABELS, FACETS
from hallway.people.models import Person
from hallway.voice.models import VoiceNote

# The record button stays offered on the event screen this long after a conversation ends.
JUST_ENDED_MINUTES = 30


def voice_notes_for(*, user: Any, person: Person | None = None) -> QuerySet[VoiceNote]:
    notes = owned(VoiceNote, user).select_related("person", "applied_person")
    if person is not None:
        notes = notes.filter(person=person)
    return notes


def voice_notes_waiting(*, user: Any) -> QuerySet[VoiceNote]:
    """Notes still being transcribed or waiting for the user's tap."""
    return voice_notes_for(user=user).filter(
        status__in=[VoiceNote.Status.QUEUED, VoiceNote.Status.TRANSCRIBING, VoiceNote.Status.READY]
    )


def proposal_target(*, note: VoiceNote) -> Person | None:
    """Whose story the proposal goes into: the note's person, else a known person of that name."""
    if note.person_id:
        return note.person
    match_id = (note.proposal or {}).get("match_person_id")
    if match_id:
        return owned(Person, note.owner).filter(pk=match_id).first()
    return None


def proposal_rows(*, note: VoiceNote, person: Person | None) -> list[dict[str, Any]]:
    """One row per facet: what the story says now and what the memo adds."""
    facets = (note.proposal or {}).get("facets") or {}
    story = person.story if person is not None else dict.fromkeys(FACETS, "")
    return [
        {
            "facet": facet,
            "label": FACET_LABELS[facet],
            "current": story[facet],
            "proposed": facets.get(facet, ""),
        }
        for facet in FACETS
    ]


def conversation_just_ended(
    *, user: Any, event: Any, now: dt.datetime | None = None
) -> Conversation | None:
    """The user's conversation at this event that ended in the last half hour and has no memo
    yet: the event screen offers to record one."""
    now = now or timezone.now()
    return (
        owned(Conversation, user)
        .filter(
            event=event,
            ended_at__isnull=False,
            ended_at__gte=now - dt.timedelta(minutes=JUST_ENDED_MINUTES),
            voice_notes__isnull=True,
        )
        .select_related("person")
        .order_by("-ended_at")
        .first()
    )
