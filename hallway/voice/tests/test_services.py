"""Uploads are checked before they are queued; the proposal is applied once, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from hallway.voice import services
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import tone_wav

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def av_installed():
    pytest.importorskip("av", reason="the voice extra is not installed")


def _upload(owner, data: bytes, **options):
    return services.voice_note_upload(owner=owner, audio=io.BytesIO(data), **options)


def test_a_recording_is_measured_and_queued(owner, av_installed):
    note, created = _upload(owner, tone_wav(2.0))
    assert created
    assert (note.status, note.audio_format, note.audio_seconds) == ("queued", "wav", 2.0)
    assert note.audio.storage.exists(note.audio.name)


def test_the_same_idempotency_key_keeps_one_note(owner, av_installed):
    first, created = _upload(owner, tone_wav(1.0), idempotency_key="abc-123")
    again, created_again = _upload(owner, tone_wav(1.0), idempotency_key="abc-123")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert VoiceNote.objects.count() == 1


def test_another_user_may_use_the_same_key(owner, outsider, av_installed):
    _upload(owner, tone_wav(1.0), idempotency_key="same")
    _, created = _upload(outsider, tone_wav(1.0), idempotency_key="same")
    assert created


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is not audio at all" * 10, "not an audio recording"),
        (tone_wav(0.2), "too short"),
    ],
)
def test_what_is_not_a_usable_recording_is_refused(owner, av_installed, data, message):
    with pytest.raises(ValidationError, match=message):
        _upload(owner, data)
    assert not VoiceNote.objects.exists()


def test_limits_come_from_settings(owner, av_installed, settings):
    settings.VOICE_MAX_SECONDS = 2
    with pytest.raises(ValidationError, match="limit is 2 seconds"):
        _upload(owner, tone_wav(3.0))
    settings.VOICE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="HALLWAY_VOICE_MAX_BYTES"):
        _upload(owner, tone_wav(1.0))
    settings.VOICE_MAX_BYTES = 10_000_000
    settings.VOICE_FORMATS = ["webm", "ogg"]
    with pytest.raises(ValidationError, match="“wav” format is not accepted"):
        _upload(owner, tone_wav(1.0))


def test_a_bad_key_is_refused(owner, av_installed):
    with pytest.raises(ValidationError, match="idempotency key"):
        _upload(owner, tone_wav(1.0), idempotency_key="no spaces please")


def test_someone_elses_person_or_conversation_is_refused(owner, outsider, person, av_installed):
    with pytest.raises(ValidationError, match="Unknown person"):
        _upload(outsider, tone_wav(1.0), person=person)


def test_a_missing_extra_is_said_clearly(owner, monkeypatch):
    from hallway.voice import transcription

    monkeypatch.setattr(transcription, "extra_installed", lambda: False)
    with pytest.raises(ValidationError, match="'voice' extra"):
        _upload(owner, tone_wav(1.0))


def test_a_model_folder_that_is_not_one_is_reported(settings, tmp_path, av_installed):
    from hallway.voice import transcription

    settings.VOICE_MODEL_PATH = str(tmp_path)
    assert "no model.bin" in transcription.unavailable_reason()


def test_typed_notes_are_proposed_at_once_and_applied_with_the_merge_rule(owner, person):
    note = services.voice_note_from_text(
        owner=owner,
        person=person,
        text="Jane grew up in Lyon. She loves climbing. Send her the deck on Friday. The keynote ran late.",
        today=TODAY,
    )
    assert note.status == "ready"
    assert note.proposal["facets"]["passions"] == "Loves climbing"
    services.voice_note_apply(note=note, today=TODAY)
    person.refresh_from_db()
    # Already known: not repeated. New: added.
    assert person.origin == "Grew up in Lyon"
    assert person.passions == "Loves climbing"
    followup = person.followups.get()
    assert (followup.text, followup.due) == ("Send her the deck on Friday", dt.date(2026, 12, 4))
    assert [n.text for n in person.notes.all()] == ["The keynote ran late."]
    note.refresh_from_db()
    assert note.status == "applied" and note.applied_person == person


def test_a_note_is_applied_once(owner, person):
    note = services.voice_note_from_text(owner=owner, person=person, text="Loves chess.")
    services.voice_note_apply(note=note)
    with pytest.raises(ValidationError, match="already"):
        services.voice_note_apply(note=note)
    person.refresh_from_db()
    assert person.passions == "Loves chess"


def test_edits_replace_the_proposal_and_a_bad_edit_changes_nothing(owner, person):
    note = services.voice_note_from_text(owner=owner, person=person, text="Loves chess.")
    with pytest.raises(ValidationError, match="not a date"):
        services.voice_note_apply(
            note=note,
            edited={
                "facets": {"passions": "Loves chess and Go"},
                "followups": [{"text": "Call her", "due": "next year"}],
            },
        )
    person.refresh_from_db()
    assert person.passions == ""
    services.voice_note_apply(note=note, edited={"facets": {"passions": "Loves chess and Go"}})
    person.refresh_from_db()
    assert person.passions == "Loves chess and Go"


def test_a_memo_about_someone_new_needs_a_name(owner):
    note = services.voice_note_from_text(owner=owner, text="Loves chess.")
    with pytest.raises(ValidationError, match="name"):
        services.voice_note_apply(note=note)
    person = services.voice_note_apply(note=note, edited={"name": "Ana Costa"})
    assert (person.name, person.passions) == ("Ana Costa", "Loves chess")


def test_a_known_name_is_proposed_as_that_person(owner, person):
    note = services.voice_note_from_text(owner=owner, text="Just met Jane Doe. Loves chess.")
    assert note.proposal["match_person_id"] == person.pk


def test_a_memo_from_a_conversation_is_learned_in_it(owner, person):
    from hallway.conversations.services import conversation_log

    conversation = conversation_log(owner=owner, person=person)
    note = services.voice_note_from_text(
        owner=owner, conversation=conversation, text="She studied at Purdue."
    )
    assert note.person == person
    services.voice_note_apply(note=note)
    conversation.refresh_from_db()
    assert conversation.learned == {"education": "Studied at Purdue"}
    person.refresh_from_db()
    assert person.education == "Studied at Purdue"


def test_deleting_a_note_removes_its_recording(
    owner, av_installed, django_capture_on_commit_callbacks
):
    note, _ = _upload(owner, tone_wav(1.0))
    storage, name = note.audio.storage, note.audio.name
    with django_capture_on_commit_callbacks(execute=True):
        services.voice_note_delete(note=note)
    assert not storage.exists(name)
