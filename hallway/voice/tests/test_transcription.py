"""The real model on a spoken memo: espeak-ng says it, Whisper tiny.en hears it, the worker
proposes the story, one tap puts it there."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hallway.voice import services, tasks
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import MEMO

pytestmark = pytest.mark.voice
NOW = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)  # a Tuesday evening


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_spoken_memo_is_transcribed_by_the_worker_and_lands_in_a_new_story(
    owner, speak, frozen, django_capture_on_commit_callbacks, monkeypatch
):
    from django_q.conf import Conf

    # django-q2's own sync mode: async_task runs the task inline, through the worker's code.
    monkeypatch.setattr(Conf, "SYNC", True)
    audio = speak(MEMO).read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        note, created = services.voice_note_upload(
            owner=owner, audio=io.BytesIO(audio), filename="memo.wav", idempotency_key="k1"
        )
    assert created
    note.refresh_from_db()
    assert note.status == VoiceNote.Status.READY, note.error
    words = note.transcript.lower()
    for word in ("whitfield", "ohio", "purdue", "sailing", "tuesday"):
        assert word in words, note.transcript
    # The recording went once the transcript was kept.
    assert not note.audio
    proposal = note.proposal
    assert proposal["name"] == "Dana Whitfield"
    assert "Ohio" in proposal["facets"]["origin"]
    assert "Purdue" in proposal["facets"]["education"]
    assert "sailing" in proposal["facets"]["passions"].lower()
    assert proposal["followups"][0]["due"] == "2026-12-08"
    # Nothing reaches anyone's story before the tap.
    assert not owner.people.exists()

    person = services.voice_note_apply(note=note)
    assert person.name == "Dana Whitfield"
    assert person.company == "Acme Freight"
    assert "Ohio" in person.origin and "Purdue" in person.education
    assert person.status == "connection"
    followup = person.followups.get()
    assert followup.due == dt.date(2026, 12, 8)


def test_a_memo_about_a_known_person_keeps_the_recording_when_asked(owner, person, speak):
    services.voice_settings_update(user=owner, keep_recordings=True)
    audio = speak("She grew up in Ohio.").read_bytes()
    note, _ = services.voice_note_upload(
        owner=owner,
        audio=SimpleUploadedFile("memo.wav", audio),
        person=person,
    )
    tasks.transcribe_note(note.pk)
    note.refresh_from_db()
    assert "ohio" in note.transcript.lower()
    assert note.audio and note.audio.storage.exists(note.audio.name)
    assert note.proposal["facets"]["origin"].startswith("Grew up in Ohio")
    transcribed_at = note.transcribed_at
    # A second run (a retried task) does not transcribe again.
    assert tasks.transcribe_note(note.pk) == VoiceNote.Status.READY
    note.refresh_from_db()
    assert note.transcribed_at == transcribed_at

    services.voice_note_apply(note=note)
    person.refresh_from_db()
    # The merge rule: what was known stays, what was learned is added.
    assert person.origin.startswith("Grew up in Lyon")
    assert "Ohio" in person.origin


def test_the_model_is_loaded_once_per_process_from_the_package_folder(settings):
    from hallway.voice import transcription

    first = transcription.model()
    assert transcription.model() is first
    assert transcription.model_path() == transcription.bundled_model_path()
    assert (transcription.model_path() / "model.bin").is_file()


def test_a_recording_that_cannot_be_decoded_fails_with_a_reason(owner, owner_client):
    from hallway.voice.tests.conftest import tone_wav

    note, _ = services.voice_note_upload(owner=owner, audio=io.BytesIO(tone_wav(1.0)))
    with note.audio.storage.open(note.audio.name, "wb") as damaged:
        damaged.write(b"RIFF" + b"\x00" * 64)
    assert tasks.transcribe_note(note.pk) == VoiceNote.Status.FAILED
    note.refresh_from_db()
    assert "damaged" in note.error
    html = owner_client.get(note.get_absolute_url()).content.decode()
    assert "It could not be transcribed" in html and "damaged" in html
    # The recording is kept, so the user can try again.
    response = owner_client.post(reverse("voice:retry", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.status, note.error) == ("queued", "")
    again = owner_client.post(reverse("voice:retry", args=[note.pk]), follow=True)
    assert "Only a voice note that could not be transcribed" in again.content.decode()
