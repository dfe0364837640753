"""`hallway voice FILE` and `hallway remember TEXT`, run as a user types them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from hallway.cli import app
from hallway.voice.models import VoiceNote

runner = CliRunner()


def _run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def _error_line(result: Any) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_remember_prints_the_proposal_and_saves_nothing(owner, person):
    result = _run("remember", "She loves chess. Call her on Friday.", "--person", "Jane")
    assert result.exit_code == 0, result.output
    assert "Proposal for Jane Doe" in result.stdout
    assert "Passions: Loves chess" in result.stdout
    assert "Follow-up: Call her on Friday (due " in result.stdout
    person.refresh_from_db()
    assert person.passions == ""


def test_remember_apply_json_reads_standard_input(owner, person):
    result = _run(
        "remember", "-", "--person", str(person.pk), "--apply", "--json", input="Studied at Yale."
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["status"] == "applied" and body["applied_person_id"] == person.pk
    person.refresh_from_db()
    assert person.education == "Studied at Yale"


def test_remember_refuses_empty_text_in_one_line(owner):
    result = _run("remember", "   ")
    assert result.exit_code == 1
    assert "Write down what you remember" in _error_line(result)


def test_voice_refuses_a_missing_or_bad_file_in_one_line(owner, tmp_path):
    pytest.importorskip("faster_whisper")
    result = _run("voice", str(tmp_path / "nope.wav"))
    assert result.exit_code == 1 and "No such file" in _error_line(result)
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"RIFF not really a wave file" * 10)
    result = _run("voice", str(junk))
    assert result.exit_code == 1 and "not an audio recording" in _error_line(result)
    assert not VoiceNote.objects.exists()


@pytest.mark.voice
def test_voice_transcribes_and_applies_a_spoken_memo(owner, person, speak):
    memo = speak("She studied at Purdue. She loves sailing.")
    result = _run("voice", str(memo), "--person", "Jane Doe", "--apply", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert "purdue" in body["transcript"].lower()
    assert body["audio_kept"] is False
    person.refresh_from_db()
    assert "Purdue" in person.education
    assert "sailing" in person.passions.lower()
