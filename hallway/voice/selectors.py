"""Reads for voice notes: the user's notes, the proposal beside the current story."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.lib.jsonable import iso_moment
from hallway.lib.ownership import owned
from hallway.lib.prepared import Prepared
from hallway.lib.story import FACET_LABELS, FACETS
from hallway.people.models import Person
from hallway.voice.models import VoiceNote

# The record button stays offered on the event screen this long after a conversation ends.
JUST_ENDED_MINUTES = 30


def voice_notes_for(*, user: User, person: Person | None = None) -> QuerySet[VoiceNote]:
    notes = owned(VoiceNote, user).select_related("person", "applied_person")
    if person is not None:
        notes = notes.filter(person=person)
    return notes


def voice_notes_waiting(*, user: User) -> QuerySet[VoiceNote]:
    """Notes still being transcribed or waiting for the user's tap."""
    return voice_notes_for(user=user).filter(
        status__in=[VoiceNote.Status.QUEUED, VoiceNote.Status.TRANSCRIBING, VoiceNote.Status.READY]
    )


_WAITING = Prepared(
    lambda owner_id: VoiceNote.objects.filter(
        owner_id=owner_id,
        status__in=[VoiceNote.Status.QUEUED, VoiceNote.Status.TRANSCRIBING, VoiceNote.Status.READY],
    )
)


def voice_notes_waiting_count(*, user: User | AnonymousUser) -> int:
    """How many notes `voice_notes_waiting` holds (the record button's badge, on every page
    that has one): its count compiled once (hallway.lib.prepared)."""
    return _WAITING.count(owner_id=user.pk) if user.is_authenticated else 0


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
    *, user: User, event: Any, now: dt.datetime | None = None
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


def voice_note_as_dict(note: VoiceNote) -> dict[str, Any]:
    """The note as plain JSON-able data in the API's shape (VoiceNoteOut), for `--json`."""
    proposal = note.proposal or None
    if proposal is not None:
        proposal = {
            "name": proposal.get("name", ""),
            "company": proposal.get("company", ""),
            "role": proposal.get("role", ""),
            "facets": dict(proposal.get("facets") or {}),
            "followups": [
                {"text": item.get("text", ""), "due": item.get("due")}
                for item in proposal.get("followups") or []
            ],
            "notes": list(proposal.get("notes") or []),
            "sentences": [
                {
                    "text": item.get("text", ""),
                    "kind": item.get("kind", ""),
                    "how": item.get("how", ""),
                    "due": item.get("due"),
                }
                for item in proposal.get("sentences") or []
            ],
            "match_person_id": proposal.get("match_person_id"),
        }
    return {
        "id": note.pk,
        "source": note.source,
        "status": note.status,
        "person_id": note.person_id,
        "conversation_id": note.conversation_id,
        "audio_seconds": note.audio_seconds,
        "audio_kept": bool(note.audio),
        "transcript": note.transcript,
        "proposal": proposal,
        "error": note.error,
        "created_at": iso_moment(note.created_at),
        "transcribed_at": iso_moment(note.transcribed_at),
        "applied_at": iso_moment(note.applied_at),
        "applied_person_id": note.applied_person_id,
    }
