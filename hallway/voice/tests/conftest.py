"""Voice fixtures: memos spoken by Debian's espeak-ng at test time, and small WAV files."""

from __future__ import annotations

import io
import math
import shutil
import struct
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from hallway.engines.tests.process import shared_engines  # noqa: F401 - a fixture for these tests

# Phrased so that espeak's voice and Whisper tiny.en agree on the words that matter.
MEMO = (
    "Dana Whitfield, CIO at Acme Freight. She grew up in Ohio and studied at Purdue. "
    "She loves sailing on Lake Erie. Email her the report on Tuesday."
)


@pytest.fixture(scope="session")
def speak(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Text → a WAV file spoken by espeak-ng (installed by scripts/system-packages.sh)."""
    pytest.importorskip("faster_whisper", reason="the voice extra is not installed")
    binary = shutil.which("espeak-ng")
    if binary is None:
        pytest.fail("espeak-ng is missing: run scripts/system-packages.sh")
    folder = tmp_path_factory.mktemp("spoken")
    made: dict[tuple[str, float], Path] = {}

    def say(text: str, silence_after: float = 0.0) -> Path:
        """`silence_after` seconds of quiet at the end, so a looping fake microphone pauses."""
        if (text, silence_after) not in made:
            path = folder / f"memo-{len(made)}.wav"
            subprocess.run(
                [binary, "-v", "en-us", "-s", "150", "-w", str(path), text],
                check=True,
                capture_output=True,
            )
            if silence_after:
                with wave.open(str(path), "rb") as spoken:
                    params, frames = spoken.getparams(), spoken.readframes(spoken.getnframes())
                with wave.open(str(path), "wb") as padded:
                    padded.setparams(params)
                    quiet = int(silence_after * params.framerate) * params.sampwidth
                    padded.writeframes(frames + b"\x00" * quiet * params.nchannels)
            made[(text, silence_after)] = path
        return made[(text, silence_after)]

    return say


def tone_wav(seconds: float, rate: int = 16_000) -> bytes:
    """A quiet 440 Hz tone: valid audio of an exact length, with no words in it."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = int(seconds * rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * n / rate)))
                for n in range(frames)
            )
        )
    return buffer.getvalue()
