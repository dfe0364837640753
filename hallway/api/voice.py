"""Voice notes: upload a memo (for a person, a conversation or someone new), read the
transcript and the proposed story, accept it; or send typed notes through the same extraction."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from hallway.api.pagination import PageParams, page_of
from hallway.api.schemas import (
    MAX_ID,
    NOT_BLANK,
    SPACE,
    Day,
    ErrorOut,
    FacetText,
    FollowUpText,
    InputSchema,
    LongText,
    NameText,
    ObjectId,
    Page,
    PersonOut,
    ShortText,
    required_upload,
)
from hallway.conversations.models import Conversation
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.web import signed_in_user
from hallway.people.models import Person
from hallway.voice import services
from hallway.voice.models import VoiceNote

router = Router(tags=["voice notes"])

Status_ = Literal["queued", "transcribing", "ready", "applied", "failed"]
NOT_FOUND = {404: ErrorOut}
VoiceNoteId = Path(..., ge=1, le=2**63 - 1, description="The voice note's id.")
PersonId = Path(..., ge=1, le=2**63 - 1, description="The person's id.")
ConversationId = Path(..., ge=1, le=2**63 - 1, description="The conversation's id.")
MAX_TEXT = services.MAX_TEXT_LENGTH


class FollowUpProposal(Schema):
    text: str
    due: dt.date | None = None


class PlacedOut(Schema):
    text: str
    kind: str = Field(..., description="A facet, followup, note or person.")
    how: str = Field(..., description="The rule that placed it, `meaning` or `left over`.")
    due: dt.date | None = None


class ProposalOut(Schema):
    name: str = ""
    company: str = ""
    role: str = ""
    facets: dict[str, str] = Field(default_factory=dict)
    followups: list[FollowUpProposal] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    sentences: list[PlacedOut] = Field(default_factory=list)
    match_person_id: int | None = Field(
        None, description="A person you know with the name the memo gives (new-person memos)."
    )


class VoiceNoteOut(Schema):
    id: int
    source: Literal["audio", "text"]
    status: Status_
    person_id: int | None
    conversation_id: int | None
    audio_seconds: float | None
    audio_kept: bool = Field(..., description="Whether the recording is still stored.")
    transcript: str
    proposal: ProposalOut | None
    error: str
    created_at: dt.datetime
    transcribed_at: dt.datetime | None
    applied_at: dt.datetime | None
    applied_person_id: int | None

    @staticmethod
    def resolve_audio_kept(note: VoiceNote) -> bool:
        return bool(note.audio)

    @staticmethod
    def resolve_proposal(note: VoiceNote) -> dict[str, Any] | None:
        return note.proposal or None


class TextIn(InputSchema):
    text: str = Field(
        ...,
        min_length=1,
        max_length=MAX_TEXT,
        description="What you remember (not blank, no NUL).",
        json_schema_extra={"pattern": NOT_BLANK},
    )
    person_id: ObjectId | None = Field(None, description="Who it is about, if you know already.")
    conversation_id: ObjectId | None = Field(None, description="The conversation it comes from.")


class FollowUpIn(InputSchema):
    text: FollowUpText = Field(..., min_length=1)
    due: Day | None = Field(None, description="YYYY-MM-DD; read from the text when null.")


class FacetsIn(InputSchema):
    work: FacetText = ""
    origin: FacetText = ""
    education: FacetText = ""
    passions: FacetText = ""
    drivers: FacetText = ""


class ApplyIn(InputSchema):
    """Your edits to the proposal; what you leave out is accepted as proposed."""

    person_id: ObjectId | None = Field(
        None, description="Whose story (one of your people); a new person when the note has none."
    )
    name: NameText | None = None
    company: ShortText | None = None
    role: ShortText | None = None
    facets: FacetsIn | None = None
    followups: list[FollowUpIn] | None = Field(None, max_length=services.MAX_FOLLOWUPS)
    notes: list[LongText] | None = Field(None, max_length=services.MAX_NOTES)


class ApplyOut(Schema):
    note: VoiceNoteOut
    person: PersonOut


class VoiceNoteFilters(PageParams):
    status: Status_ | None = None
    person_id: ObjectId | None = None


def _notes(request: HttpRequest) -> QuerySet[VoiceNote]:
    return owned(VoiceNote, request.user)


def _note(request: HttpRequest, note_id: int) -> VoiceNote:
    return get_owned_or_404(
        _notes(request).select_related("person", "conversation"), request.user, note_id
    )


def _referenced(model: Any, request: HttpRequest, object_id: int | None, label: str) -> Any:
    if object_id is None:
        return None
    found = (
        owned(model, request.user).filter(pk=object_id).first()
        if 1 <= object_id <= MAX_ID
        else None
    )
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {label: f"You have no {label.removesuffix('_id')} with id {object_id}."}
        )
    return found


def _upload(
    request: HttpRequest,
    audio: UploadedFile | None,
    idempotency_key: str,
    person: Person | None = None,
    conversation: Conversation | None = None,
) -> Status[VoiceNote]:
    if audio is None:
        raise HttpError(422, "Send the recording in the multipart form field `audio`.")
    try:
        note, created = services.voice_note_upload(
            owner=signed_in_user(request),
            audio=audio,
            filename=audio.name or "memo",
            size=audio.size,
            person=person,
            conversation=conversation,
            idempotency_key=idempotency_key,
        )
    except services.RecordingTooLarge as error:
        raise HttpError(413, " ".join(error.messages)) from error
    return Status(202 if created else 200, note)


# Spaces around it are ignored; empty means none (hallway.voice.services).
UploadKey = Form(
    "",
    description="Optional key: the same key again returns the first note.",
    pattern=rf"^[{SPACE}]*[A-Za-z0-9_-]{{0,64}}[{SPACE}]*$",
)
_UPLOAD_RESPONSES = {200: VoiceNoteOut, 202: VoiceNoteOut, 413: ErrorOut, 422: ErrorOut}
_UPLOAD_DOC = (
    "Multipart form: the recording in `audio` (WebM/Opus from a browser, Ogg, M4A, MP3, WAV, "
    "FLAC; limits HALLWAY_VOICE_MAX_BYTES and HALLWAY_VOICE_MAX_SECONDS) and an optional "
    "`idempotency_key`: the same key again returns the first note (200) instead of a second "
    "one. 202: queued; the background worker transcribes it and proposes the story — poll "
    "GET /voice-notes/{id} until `status` is `ready`."
)


@router.post(
    "/voice-notes",
    response=_UPLOAD_RESPONSES,
    summary="Upload a voice memo",
    description=_UPLOAD_DOC,
    openapi_extra=required_upload("audio"),
)
def upload_voice_note(
    request: HttpRequest,
    audio: File[UploadedFile | None] = None,
    person_id: int = Form(None, ge=1, le=MAX_ID, description="One of your people (optional)."),
    conversation_id: int = Form(
        None, ge=1, le=MAX_ID, description="One of your conversations (optional)."
    ),
    idempotency_key: str = UploadKey,
) -> Status[VoiceNote]:
    person = _referenced(Person, request, person_id, "person_id")
    conversation = _referenced(Conversation, request, conversation_id, "conversation_id")
    return _upload(request, audio, idempotency_key, person, conversation)


@router.post(
    "/people/{person_id}/voice-notes",
    response={**_UPLOAD_RESPONSES, **NOT_FOUND},
    summary="Upload a voice memo about a person",
    description=_UPLOAD_DOC,
    openapi_extra=required_upload("audio"),
)
def upload_person_voice_note(
    request: HttpRequest,
    person_id: int = PersonId,
    audio: File[UploadedFile | None] = None,
    idempotency_key: str = UploadKey,
) -> Status[VoiceNote]:
    person = get_owned_or_404(Person, request.user, person_id)
    return _upload(request, audio, idempotency_key, person=person)


@router.post(
    "/conversations/{conversation_id}/voice-notes",
    response={**_UPLOAD_RESPONSES, **NOT_FOUND},
    summary="Upload a voice memo about a conversation",
    description=_UPLOAD_DOC,
    openapi_extra=required_upload("audio"),
)
def upload_conversation_voice_note(
    request: HttpRequest,
    conversation_id: int = ConversationId,
    audio: File[UploadedFile | None] = None,
    idempotency_key: str = UploadKey,
) -> Status[VoiceNote]:
    conversation = get_owned_or_404(Conversation, request.user, conversation_id)
    return _upload(request, audio, idempotency_key, conversation=conversation)


@router.post(
    "/voice-notes/text",
    response={201: VoiceNoteOut, 422: ErrorOut},
    summary="Turn what you remember (typed) into a proposal",
)
def create_text_note(request: HttpRequest, payload: TextIn) -> Status[VoiceNote]:
    """The same extraction as a memo, at once: the note comes back `ready` with its proposal."""
    note = services.voice_note_from_text(
        owner=signed_in_user(request),
        text=payload.text,
        person=_referenced(Person, request, payload.person_id, "person_id"),
        conversation=_referenced(Conversation, request, payload.conversation_id, "conversation_id"),
    )
    return Status(201, note)


@router.get("/voice-notes", response=Page[VoiceNoteOut], summary="List voice notes")
def list_voice_notes(request: HttpRequest, filters: Query[VoiceNoteFilters]) -> dict[str, Any]:
    """Your voice and typed notes, the latest first; filter by `status` and `person_id`."""
    notes = _notes(request)
    if filters.status:
        notes = notes.filter(status=filters.status)
    if filters.person_id is not None:
        notes = notes.filter(person_id=filters.person_id)
    return page_of(notes, filters)


@router.get(
    "/voice-notes/{voice_note_id}",
    response={200: VoiceNoteOut, **NOT_FOUND},
    summary="Show a voice note, its transcript and proposal",
)
def get_voice_note(request: HttpRequest, voice_note_id: int = VoiceNoteId) -> VoiceNote:
    return _note(request, voice_note_id)


@router.post(
    "/voice-notes/{voice_note_id}/apply",
    response={200: ApplyOut, 422: ErrorOut, **NOT_FOUND},
    summary="Accept the proposal into the story",
)
def apply_voice_note(
    request: HttpRequest, payload: ApplyIn | None = None, voice_note_id: int = VoiceNoteId
) -> dict[str, Any]:
    """Facets merge into the story (nothing that was there is lost), follow-ups and notes are
    added; a memo about someone new creates the person. Only a `ready` note can be applied,
    once."""
    note = _note(request, voice_note_id)
    edited: dict[str, Any] = {}
    person = None
    if payload is not None:
        person = _referenced(Person, request, payload.person_id, "person_id")
        for field in ("name", "company", "role"):
            value = getattr(payload, field)
            if value is not None:
                edited[field] = value
        if payload.facets is not None:
            edited["facets"] = payload.facets.dict()
        if payload.followups is not None:
            edited["followups"] = [
                {"text": item.text, "due": item.due.isoformat() if item.due else None}
                for item in payload.followups
            ]
        if payload.notes is not None:
            edited["notes"] = list(payload.notes)
    target = services.voice_note_apply(note=note, edited=edited, person=person)
    note.refresh_from_db()
    return {"note": note, "person": target}


@router.delete(
    "/voice-notes/{voice_note_id}", response={204: None, **NOT_FOUND}, summary="Delete a voice note"
)
def delete_voice_note(request: HttpRequest, voice_note_id: int = VoiceNoteId) -> Status[None]:
    """The recording, transcript and proposal go; what was added to the story stays."""
    services.voice_note_delete(note=_note(request, voice_note_id))
    return Status(204, None)
