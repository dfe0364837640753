"""Writes for voice notes: upload, transcribe (in the worker), propose, accept, discard.

The web view, the API endpoint and the CLI command all call these. Nothing reaches the story
until `voice_note_apply`, which the user triggers with one tap after checking the proposal.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.conversations.services import (
    MAX_FOLLOWUP_LENGTH,
    conversation_update,
    followup_add,
)
from hallway.lib.story import FACETS, MAX_FACET_LENGTH, merge_facet, normalize_name
from hallway.people.models import Person
from hallway.people.services import MAX_NOTE_LENGTH, note_add, person_create, person_update
from hallway.voice import extraction, meaning, transcription
from hallway.voice.models import VoiceNote, VoiceSettings

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 20_000
MAX_FOLLOWUPS = 20
MAX_NOTES = 20


class RecordingTooLarge(ValidationError):
    """Over HALLWAY_VOICE_MAX_BYTES: the API answers 413 for it, everything else as any 4xx."""


def voice_settings_get(*, user: User) -> VoiceSettings:
    found, _ = VoiceSettings.objects.get_or_create(owner=user)
    return found


def voice_settings_update(*, user: User, keep_recordings: bool) -> VoiceSettings:
    found = voice_settings_get(user=user)
    found.keep_recordings = bool(keep_recordings)
    found.save(update_fields=["keep_recordings", "updated_at"])
    return found


def _clean_key(key: str | None) -> str:
    key = (key or "").strip()
    if len(key) > 64 or (key and not all(ch.isalnum() or ch in "-_" for ch in key)):
        raise ValidationError(
            {"idempotency_key": "The idempotency key is 1 to 64 letters, digits, - or _."}
        )
    return key


def _check_subject(
    owner: User, person: Person | None, conversation: Conversation | None
) -> Person | None:
    if person is not None and person.owner_id != owner.pk:
        raise ValidationError({"person": "Unknown person."})
    if conversation is not None:
        if conversation.owner_id != owner.pk:
            raise ValidationError({"conversation": "Unknown conversation."})
        if person is not None and conversation.person_id != person.pk:
            raise ValidationError({"person": "That conversation was with someone else."})
        person = conversation.person
    return person


def _existing(owner: User, key: str) -> VoiceNote | None:
    return VoiceNote.objects.filter(owner=owner, idempotency_key=key).first() if key else None


def voice_note_upload(
    *,
    owner: User,
    audio: IO[bytes],
    filename: str = "memo",
    size: int | None = None,
    person: Person | None = None,
    conversation: Conversation | None = None,
    idempotency_key: str | None = None,
) -> tuple[VoiceNote, bool]:
    """Keep an uploaded memo and queue it for transcription; (note, created).

    The same idempotency key a second time returns the first note: a phone that re-sends a
    memo after losing the network gets it transcribed once."""
    key = _clean_key(idempotency_key)
    existing = _existing(owner, key)
    if existing is not None:
        return existing, False
    person = _check_subject(owner, person, conversation)
    reason = transcription.unavailable_reason()
    if reason:
        raise ValidationError({"audio": reason})
    limit = int(settings.VOICE_MAX_BYTES)
    if size is None:
        audio.seek(0, 2)
        size = audio.tell()
    if size > limit:
        raise RecordingTooLarge(
            {
                "audio": f"The recording is {size / 1_048_576:.1f} MB; the limit is "
                f"{limit / 1_048_576:.0f} MB (HALLWAY_VOICE_MAX_BYTES)."
            }
        )
    if size == 0:
        raise ValidationError({"audio": "The recording is empty."})
    audio.seek(0)
    try:
        info = transcription.probe(audio)
    except transcription.AudioError as error:
        raise ValidationError({"audio": str(error)}) from error
    audio.seek(0)
    note = VoiceNote(
        owner=owner,
        person=person,
        conversation=conversation,
        source=VoiceNote.Source.AUDIO,
        audio_format=info.format,
        audio_seconds=info.seconds,
        audio_bytes=size,
        idempotency_key=key,
    )
    extension = info.format if info.format.isalnum() else "audio"
    try:
        with transaction.atomic():
            note.audio.save(f"memo.{extension}", File(audio, name=filename), save=False)
            note.save()
            transaction.on_commit(lambda: _enqueue(note.pk))
    except IntegrityError:
        # The same memo arrived twice at once: the other request kept it.
        note.audio.delete(save=False)
        found = _existing(owner, key)
        if found is None:
            raise
        return found, False
    return note, True


def _enqueue(note_id: int) -> None:
    from django_q.tasks import async_task

    async_task("hallway.voice.tasks.transcribe_note", note_id, task_name=f"voice note {note_id}")


def voice_note_transcribe(*, note: VoiceNote, today: dt.date | None = None) -> VoiceNote:
    """Transcribe the memo and propose its story; run by the background worker, once."""
    claimed = VoiceNote.objects.filter(
        pk=note.pk, status__in=[VoiceNote.Status.QUEUED, VoiceNote.Status.FAILED]
    ).update(status=VoiceNote.Status.TRANSCRIBING, error="")
    if not claimed:
        note.refresh_from_db()
        return note
    note.refresh_from_db()
    try:
        with note.audio.open("rb") as audio:
            result = transcription.transcribe(audio)
    except (transcription.AudioError, OSError, ValueError) as error:
        message = str(error) if isinstance(error, transcription.AudioError) else ""
        return _failed(note, message or "The recording could not be read.", error)
    except Exception as error:
        # Never leave the note "transcribing" for ever: the page would wait in vain.
        _failed(note, "Something went wrong while transcribing. Try again.", error)
        raise
    note.transcript = result.text
    note.transcribe_seconds = round(result.compute_seconds, 3)
    note.transcribed_at = timezone.now()
    note.proposal = propose(owner=note.owner, text=result.text, person=note.person, today=today)
    note.status = VoiceNote.Status.READY
    fields = ["transcript", "transcribe_seconds", "transcribed_at", "proposal", "status"]
    note.save(update_fields=fields)
    if not voice_settings_get(user=note.owner).keep_recordings:
        _delete_audio(note)
    return note


def _failed(note: VoiceNote, message: str, error: BaseException) -> VoiceNote:
    note.status = VoiceNote.Status.FAILED
    note.error = message
    note.save(update_fields=["status", "error"])
    logger.warning("voice note %s failed: %s", note.pk, error)
    return note


def voice_note_retry(*, note: VoiceNote) -> VoiceNote:
    """Queue a failed memo again (its recording is kept until a transcript is)."""
    if note.status != VoiceNote.Status.FAILED:
        raise ValidationError("Only a voice note that could not be transcribed can be retried.")
    if not note.audio:
        raise ValidationError("The recording is gone; record the memo again.")
    with transaction.atomic():
        VoiceNote.objects.filter(pk=note.pk).update(status=VoiceNote.Status.QUEUED, error="")
        transaction.on_commit(lambda: _enqueue(note.pk))
    note.refresh_from_db()
    return note


def _delete_audio(note: VoiceNote) -> None:
    if note.audio:
        note.audio.delete(save=False)
        VoiceNote.objects.filter(pk=note.pk).update(audio="")


def propose(
    *, owner: User, text: str, person: Person | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The extraction for this text, plus which known person it seems to be about."""
    proposal = extraction.extract(
        text,
        today=today or timezone.localdate(),
        person_name=person.name if person else "",
        classifier=meaning.classifier(),
    ).as_dict()
    if person is None and proposal["name"]:
        match = (
            Person.objects.filter(owner=owner, name_normalized=normalize_name(proposal["name"]))
            .order_by("id")
            .first()
        )
        proposal["match_person_id"] = match.pk if match else None
    return proposal


@transaction.atomic
def voice_note_from_text(
    *,
    owner: User,
    text: str,
    person: Person | None = None,
    conversation: Conversation | None = None,
    today: dt.date | None = None,
) -> VoiceNote:
    """ "What I remember": typed or pasted notes run through the same extraction at once."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write down what you remember first."})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({"text": f"At most {MAX_TEXT_LENGTH:,} characters at a time."})
    if "\x00" in text:
        raise ValidationError({"text": "The text contains a NUL character."})
    person = _check_subject(owner, person, conversation)
    return VoiceNote.objects.create(
        owner=owner,
        person=person,
        conversation=conversation,
        source=VoiceNote.Source.TEXT,
        status=VoiceNote.Status.READY,
        transcript=text,
        proposal=propose(owner=owner, text=text, person=person, today=today),
    )


def _clean_lines(values: Any, limit: int, length: int, label: str) -> list[str]:
    lines = [" ".join(str(value or "").split()) for value in (values or [])]
    lines = [line for line in lines if line]
    if len(lines) > limit:
        raise ValidationError({label: f"At most {limit} {label} at a time."})
    for line in lines:
        if len(line) > length:
            raise ValidationError({label: f"Each of the {label} is at most {length} characters."})
    return lines


def _clean_followups(items: Any, today: dt.date) -> list[tuple[str, dt.date | None]]:
    from hallway.eventmode.due_dates import parse_due

    cleaned: list[tuple[str, dt.date | None]] = []
    for item in items or []:
        text = " ".join(str((item or {}).get("text") or "").split())
        if not text:
            continue
        if len(text) > MAX_FOLLOWUP_LENGTH:
            raise ValidationError(
                {"followups": f"A follow-up is at most {MAX_FOLLOWUP_LENGTH} characters."}
            )
        due_value = (item or {}).get("due")
        if isinstance(due_value, dt.date):
            due: dt.date | None = due_value
        elif due_value:
            try:
                due = dt.date.fromisoformat(str(due_value))
            except ValueError as error:
                raise ValidationError(
                    {"followups": f"“{due_value}” is not a date (YYYY-MM-DD)."}
                ) from error
        else:
            due = parse_due(text, today=today)
        cleaned.append((text, due))
    if len(cleaned) > MAX_FOLLOWUPS:
        raise ValidationError({"followups": f"At most {MAX_FOLLOWUPS} follow-ups at a time."})
    return cleaned


@transaction.atomic
def voice_note_apply(
    *,
    note: VoiceNote,
    edited: dict[str, Any] | None = None,
    person: Person | None = None,
    today: dt.date | None = None,
) -> Person:
    """Accept the (edited) proposal: facets merge into the story, follow-ups and notes are
    added; a memo about someone new creates that person. All or nothing."""
    note = VoiceNote.objects.select_for_update().get(pk=note.pk)
    if note.status == VoiceNote.Status.APPLIED:
        raise ValidationError("This voice note is already in the story.")
    if note.status != VoiceNote.Status.READY:
        raise ValidationError("This voice note has no proposal yet.")
    proposal = {**note.proposal, **(edited or {})}
    today = today or timezone.localdate()
    facets_in = proposal.get("facets") or {}
    if not isinstance(facets_in, dict) or set(facets_in) - set(FACETS):
        raise ValidationError({"facets": f"Facets are {', '.join(FACETS)}."})
    facets = {facet: " ".join(str(facets_in.get(facet) or "").split()) for facet in FACETS}
    for facet, text in facets.items():
        if len(text) > MAX_FACET_LENGTH:
            raise ValidationError({facet: f"{facet} is longer than {MAX_FACET_LENGTH} characters."})
    followups = _clean_followups(proposal.get("followups"), today)
    notes = _clean_lines(proposal.get("notes"), MAX_NOTES, MAX_NOTE_LENGTH, "notes")

    target = person or note.person
    if target is not None and target.owner_id != note.owner_id:
        raise ValidationError({"person": "Unknown person."})
    if target is None:
        name = " ".join(str(proposal.get("name") or "").split())
        if not name:
            raise ValidationError({"name": "Who is this about? Give the person a name."})
        target = person_create(
            owner=note.owner,
            name=name,
            company=str(proposal.get("company") or "")[:200],
            role=str(proposal.get("role") or "")[:200],
            story={facet: text for facet, text in facets.items() if text},
        )
    else:
        learned = {facet: text for facet, text in facets.items() if text}
        if note.conversation_id and note.conversation and note.conversation.person_id == target.pk:
            # Through the conversation: it remembers what was learned, the story merges it.
            conversation_update(conversation=note.conversation, learned=learned)
        elif learned:
            merged = {
                facet: merge_facet(getattr(target, facet), text) for facet, text in learned.items()
            }
            person_update(person=target, story=merged)
        target.refresh_from_db()
    conversation = (
        note.conversation
        if note.conversation and note.conversation.person_id == target.pk
        else None
    )
    for text, due in followups:
        followup_add(person=target, conversation=conversation, text=text, due=due)
    for text in notes:
        note_add(person=target, text=text, date=today)
    note.status = VoiceNote.Status.APPLIED
    note.applied_at = timezone.now()
    note.applied_person = target
    if note.person_id is None:
        note.person = target
    note.proposal = {**note.proposal, **(edited or {})}
    note.save(update_fields=["status", "applied_at", "applied_person", "person", "proposal"])
    return target


@transaction.atomic
def voice_note_delete(*, note: VoiceNote) -> None:
    """Forget the memo: the recording, the transcript and the proposal (the story stays)."""
    audio = note.audio
    note.delete()
    if audio:
        transaction.on_commit(lambda: audio.storage.delete(audio.name))
