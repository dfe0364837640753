"""Under `hallway serve` the speech model lives in the shared engine process: the task worker
sends it the recording, never loads Whisper itself, and says so when the engine is away."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from hallway import engines
from hallway.engines.tests.process import loaded_states, start_engine_process
from hallway.voice import services, tasks, transcription
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import tone_wav

pytestmark = pytest.mark.voice
pytest.importorskip("faster_whisper", reason="the voice extra is not installed")


def test_while_the_speech_engine_is_away_the_memo_fails_with_a_reason_and_nothing_loads(
    owner: Any, owner_client: Any, shared_engines: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(transcription, "ENGINE_WAIT_SECONDS", 0.0)
    monkeypatch.setattr(transcription, "_model", None)
    note, _ = services.voice_note_upload(owner=owner, audio=io.BytesIO(tone_wav(1.0)))
    assert tasks.transcribe_note(note.pk) == VoiceNote.Status.FAILED
    note.refresh_from_db()
    assert note.error == (
        "Speech recognition is not running on this server; try this memo again in a moment."
    )
    assert transcription._model is None  # the worker did not load Whisper instead
    assert note.audio  # kept for the retry
    page = owner_client.get(note.get_absolute_url()).content.decode()
    assert "Speech recognition is not running" in page


def test_the_engine_process_transcribes_for_the_worker(
    owner: Any, speak: Any, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    # Only the speech model: the sentence model and OCR have their own engine test.
    process = start_engine_process(settings, tmp_path, HALLWAY_SEMANTIC="off", HALLWAY_OCR="off")
    monkeypatch.setattr(transcription, "_model", None)
    try:
        states = loaded_states(process, 300)
        assert states.get("speech") == "", (tmp_path / "engines.log").read_text()
        note, _ = services.voice_note_upload(
            owner=owner, audio=io.BytesIO(speak("She grew up in Ohio.").read_bytes())
        )
        assert tasks.transcribe_note(note.pk) == VoiceNote.Status.READY
        note.refresh_from_db()
        assert "ohio" in note.transcript.lower() and note.transcribe_seconds > 0
        assert transcription._model is None  # heard by the engine process, not loaded here
        damaged = engines.ask("transcribe", b"RIFF" + b"\x00" * 64, timeout=60)
        assert damaged == {"error": "The recording is damaged and cannot be read."}
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0


def test_the_engine_process_lets_whisper_go_after_a_while_without_voice_notes(
    monkeypatch: Any,
) -> None:
    import time

    from hallway.engines import server

    if not transcription.is_available():
        pytest.skip(transcription.unavailable_reason())
    monkeypatch.setattr(transcription, "_model", None)
    transcription.model()  # loaded, as by a first voice note
    monkeypatch.setattr(server, "_speech_used_at", time.monotonic())
    assert not server.release_speech_if_idle() and transcription.model_loaded()  # just used
    long_ago = time.monotonic() - server.SPEECH_IDLE_SECONDS - 1
    monkeypatch.setattr(server, "_speech_used_at", long_ago)
    monkeypatch.setattr(server, "_speech_busy", 1)
    assert not server.release_speech_if_idle() and transcription.model_loaded()  # one running
    monkeypatch.setattr(server, "_speech_busy", 0)
    assert server.release_speech_if_idle() and not transcription.model_loaded()
