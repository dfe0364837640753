"""Under `hallway serve` the speech model lives in the shared engine process: the task worker
sends it the recording, never loads Whisper itself, and says so when the engine is away."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hallway import engines
from hallway.voice import services, tasks, transcription
from hallway.voice.models import VoiceNote
from hallway.voice.tests.conftest import tone_wav

pytestmark = pytest.mark.voice
pytest.importorskip("faster_whisper", reason="the voice extra is not installed")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def shared_engines(settings: Any, tmp_path: Path) -> Path:
    """This process asks the engine process at tmp_path (nothing listens there yet)."""
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    return tmp_path


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
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        HALLWAY_DATA_DIR=str(tmp_path),
        HALLWAY_SECRET_KEY=settings.SECRET_KEY,
        PYTHONPATH=str(ROOT),
        # Only the speech model: the sentence model and OCR have their own engine test.
        HALLWAY_SEMANTIC="off",
        HALLWAY_OCR="off",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "hallway.engines"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "engines.log").open("w"),
    )
    settings.ENGINES = "shared"
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(transcription, "_model", None)
    try:
        states: dict[str, str] = {}
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            try:
                states = engines.ask("ping")
            except engines.EngineUnavailable:
                states = {}
            if states and states.get("speech") != engines.STARTING:
                break
            time.sleep(0.5)
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
