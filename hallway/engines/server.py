"""The engine process: loads the models once, then answers the web and task workers.

The sentence model (search by meaning) and the OCR engine (business cards) load at start; the
speech model (voice notes, transcribed for the task worker) at the first voice note, and it is
let go after SPEECH_IDLE_SECONDS without one.

Started by `hallway serve` as `python -m hallway.engines`. It listens at once (so a ping can say
"still loading"), then loads and warms each engine in turn; an operation on an engine that is
not ready yet is answered "unavailable" straight away rather than queued.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from multiprocessing.connection import Connection, Listener
from typing import Any

from django.db import DatabaseError, connections

from hallway import engines

logger = logging.getLogger(__name__)

EMBEDDING = "embedding"
OCR = "ocr"
SPEECH = "speech"
_state: dict[str, str] = {
    EMBEDDING: engines.STARTING,
    OCR: engines.STARTING,
    SPEECH: engines.STARTING,
}
# The ONNX encoder when it could be loaded, else sentence-transformers in this process.
_encode: Callable[[list[str]], Any] | None = None


def _require(engine: str) -> None:
    if _state[engine]:
        raise _Unavailable(_state[engine])


class _Unavailable(Exception):
    pass


@lru_cache(maxsize=1024)
def _query_vector(query: str) -> Any:
    """The same words searched again (paging, the API and the page) reuse their embedding."""
    assert _encode is not None
    return _encode([query])[0]


def _ping() -> dict[str, str]:
    return dict(_state)


def _embed(texts: list[str]) -> Any:
    _require(EMBEDDING)
    assert _encode is not None
    return _encode(texts)


def _nearest(owner_id: int, query: str, limit: int) -> list[tuple[int, float]]:
    from hallway.search import semantic

    _require(EMBEDDING)
    return semantic.nearest_here(owner_id=owner_id, query_vector=_query_vector(query), limit=limit)


def _ocr(mode: str, size: tuple[int, int], pixels: bytes) -> list[tuple[list[list[float]], str]]:
    from hallway.interop import cards

    _require(OCR)
    return cards.ocr_here(mode, size, pixels)


# Whisper loads at the first voice note (in this process, for the task that transcribes it:
# never in a request) and goes again after this long without one.
SPEECH_IDLE_SECONDS = 600.0
_speech_lock = threading.Lock()
_speech_busy = 0
_speech_used_at = 0.0
_speech_watch: threading.Thread | None = None


def _transcribe(data: bytes) -> dict[str, Any]:
    from hallway.voice import transcription

    global _speech_busy, _speech_used_at, _speech_watch
    _require(SPEECH)
    with _speech_lock:
        _speech_busy += 1
        if _speech_watch is None:
            _speech_watch = threading.Thread(target=_release_idle_speech, daemon=True)
            _speech_watch.start()
    try:
        return transcription.transcribe_answer(data)
    finally:
        with _speech_lock:
            _speech_busy -= 1
            _speech_used_at = time.monotonic()
        _give_back_memory()  # decoding's buffers (measured: ~90 MB after a 5 s memo)


def _release_idle_speech(every: float = 30.0) -> None:
    while True:
        time.sleep(every)
        release_speech_if_idle()


def release_speech_if_idle() -> bool:
    """Let Whisper go when no voice note was transcribed for SPEECH_IDLE_SECONDS."""
    from hallway.voice import transcription

    with _speech_lock:
        idle = time.monotonic() - _speech_used_at
        if _speech_busy or idle < SPEECH_IDLE_SECONDS or not transcription.model_loaded():
            return False
        transcription.model_release()
    _give_back_memory()
    return True


# Asked by background tasks only (the web workers ask "nearest" and "ocr"): run at a background
# thread's priority, so a burst of embeddings never slows the requests of the same moment.
BACKGROUND_OPERATIONS = frozenset({"embed", "transcribe"})
OPERATIONS: dict[str, Callable[..., Any]] = {
    "ping": _ping,
    "embed": _embed,
    "nearest": _nearest,
    "ocr": _ocr,
    "transcribe": _transcribe,
}


def _answer(connection: Connection) -> None:
    try:
        operation, arguments = connection.recv()
        if operation in BACKGROUND_OPERATIONS:
            engines.lower_thread_priority()  # this thread answers this one call, then ends
        try:
            connection.send(("ok", OPERATIONS[operation](*arguments)))
        except _Unavailable as error:
            connection.send(("unavailable", str(error)))
        except Exception as error:  # the caller gets the reason; this process keeps serving
            logger.exception("engine operation %s failed", operation)
            connection.send(("error", f"{type(error).__name__}: {error}"))
    except (OSError, EOFError):
        pass  # the caller went away (a timeout); nothing to tell it
    finally:
        connection.close()
        connections.close_all()


def _accept_forever(listener: Listener) -> None:
    while True:
        try:
            connection = listener.accept()
        except OSError:
            continue  # a client that failed the handshake or hung up
        threading.Thread(target=_answer, args=(connection,), daemon=True).start()


def _load_embedding() -> None:
    global _encode
    from django.conf import settings

    from hallway.engines import embedding
    from hallway.search import semantic

    reason = semantic.unavailable_reason()
    if reason:
        _state[EMBEDDING] = reason
        return
    if embedding.onnx_available():
        _encode = embedding.load(settings.SEMANTIC_THREADS).encode
    else:
        _encode = semantic.encode_here  # torch: the same vectors, three times the memory
    _encode(["warm up"])
    try:
        semantic.preload_matrices()
    except DatabaseError:
        # Only a head start: a matrix that is not loaded now loads on its owner's first search.
        logger.warning("could not preload the search vectors", exc_info=True)
    _state[EMBEDDING] = ""


def _give_back_memory() -> None:
    """Return the heap freed after loading (model files read, warm-up activations) to the
    system: glibc keeps it otherwise, about 200 MB of the OCR warm-up alone."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _load_ocr() -> None:
    from hallway.interop import cards

    if not cards.ocr_available():
        _state[OCR] = "is not installed"
        return
    cards.ocr_here("RGB", (320, 200), b"\xff" * (320 * 200 * 3))
    _state[OCR] = ""


def _load_speech() -> None:
    from hallway.voice import transcription

    if not transcription.extra_installed():
        _state[SPEECH] = "is not installed"
        return
    reason = transcription.unavailable_reason()
    if reason:
        _state[SPEECH] = reason
        return
    # Checked, not loaded: a voice note is transcribed by a background task, which can wait
    # the second Whisper tiny.en takes to load; until then it is 77 MB this process does not
    # hold (its libraries 20 MB, the model 57 MB, measured).
    _state[SPEECH] = ""


CHECKPOINT_EVERY_SECONDS = 1.0


def _checkpoint_forever() -> None:
    """SQLite's log copied into the database here, not in the writers' commits (see
    hallway.lib.sqlite), at a background thread's priority."""
    from django.db import connection

    engines.lower_thread_priority()
    while True:
        time.sleep(CHECKPOINT_EVERY_SECONDS)
        try:
            connection.checkpoint()  # type: ignore[attr-defined]  # hallway.lib.sqlite's
        except DatabaseError:
            logger.warning("the SQLite checkpoint failed", exc_info=True)


def serve(*, with_tasks: bool = False) -> None:
    path = engines.socket_path()
    path.unlink(missing_ok=True)

    def stop(_signal: int, _frame: Any) -> None:
        # Nothing to flush or save: leave at once, quietly, whatever is loading.
        path.unlink(missing_ok=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    previous_umask = os.umask(0o077)  # the socket file: this user only
    try:
        listener = Listener(str(path), family="AF_UNIX", authkey=engines.authkey())
    finally:
        os.umask(previous_umask)
    threading.Thread(target=_accept_forever, args=(listener,), daemon=True).start()
    from hallway.lib.sqlite.base import background_checkpoints

    if connections["default"].vendor == "sqlite" and background_checkpoints():
        threading.Thread(target=_checkpoint_forever, name="checkpoints", daemon=True).start()
    if with_tasks:
        from django_q.conf import Conf

        from hallway.engines import tasks

        # Tasks that need a model wait for it (as they would in another process).
        tasks.start(workers=int(Conf.WORKERS or 1))
    for engine, load in ((EMBEDDING, _load_embedding), (OCR, _load_ocr), (SPEECH, _load_speech)):
        try:
            load()
        except Exception as error:
            logger.exception("the %s engine failed to load", engine)
            _state[engine] = f"failed to load ({type(error).__name__})"
    connections.close_all()
    _give_back_memory()
    # The work happens in the threads; this one only waits for a signal. Not signal.pause():
    # the kernel may hand SIGTERM to any thread, and pause() only wakes for its own.
    while True:
        time.sleep(0.2)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    try:
        serve(with_tasks="--tasks" in sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(0)
