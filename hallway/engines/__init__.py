"""The heavy engines (the sentence model, the OCR engine, the speech model) in one process per
server.

`hallway serve` starts `python -m hallway.engines` before gunicorn and sets
HALLWAY_ENGINES=shared for the web workers and the task worker: they ask that one process over
a Unix socket in the data folder instead of each loading torch and the models (about 300 MB and
half a minute apiece on a small machine). A request never waits for a model to load: while the
engine process is still starting (or is gone) `ask` raises EngineUnavailable at once, and
search answers with keywords and says so. Background tasks pass `wait` to queue behind the load.

Anywhere else (the CLI, tests, `runserver`) HALLWAY_ENGINES is `local` and the models load in
the process that needs them, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import threading
import time
from multiprocessing.connection import Client
from pathlib import Path
from typing import Any

from django.conf import settings

STARTING = "is still starting (a moment after the server starts)"
GONE = "is not running"
# A query embedding takes 20-50 ms; anything near this is a sick engine, not a slow one.
REQUEST_TIMEOUT_SECONDS = 10.0
# The niceness of background work in the engine process (the tasks, a batch of embeddings, a
# transcription): when the cores are busy with requests, they wait; when idle, they run.
BACKGROUND_NICENESS = 10


class EngineUnavailable(Exception):
    """The engine process can't answer now; the message says why, for the user."""


def shared() -> bool:
    """Whether this process asks the shared engine process instead of loading models itself."""
    return str(getattr(settings, "ENGINES", "local")).lower() == "shared"


def lower_thread_priority() -> None:
    """Make the calling thread background work: on Linux a thread has its own niceness (a
    thread started from it inherits it). Never raised again: only the thread's end undoes it."""
    with contextlib.suppress(OSError, AttributeError):
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(
            os.PRIO_PROCESS, threading.get_native_id(), max(current, BACKGROUND_NICENESS)
        )


def socket_path() -> Path:
    return Path(settings.DATA_DIR) / "engines.sock"


def authkey() -> bytes:
    """The key both sides prove they hold (the socket file is also private to its user)."""
    return hashlib.sha256(b"hallway-engines:" + settings.SECRET_KEY.encode()).digest()


def ask(
    operation: str, *arguments: Any, wait: float = 0.0, timeout: float = REQUEST_TIMEOUT_SECONDS
) -> Any:
    """Run an operation in the engine process and return its answer.

    Raises EngineUnavailable when the process is not there or its engine is still loading;
    with `wait` (seconds), keeps asking until then (for background tasks, never requests).
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return _ask_once(operation, arguments, timeout)
        except EngineUnavailable:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def _ask_once(operation: str, arguments: tuple[Any, ...], timeout: float) -> Any:
    try:
        connection = Client(str(socket_path()), family="AF_UNIX", authkey=authkey())
    except (OSError, EOFError) as error:
        raise EngineUnavailable(GONE) from error
    try:
        connection.send((operation, arguments))
        if not connection.poll(timeout):
            raise EngineUnavailable(f"did not answer within {timeout:.0f} s")
        status, answer = connection.recv()
    except (OSError, EOFError) as error:
        raise EngineUnavailable(GONE) from error
    finally:
        connection.close()
    if status == "unavailable":
        raise EngineUnavailable(str(answer))
    if status == "error":
        raise RuntimeError(f"the engine process failed: {answer}")
    return answer


def loaded_states(
    process: subprocess.Popen[bytes], deadline: float, every: float = 0.2
) -> dict[str, str] | None:
    """Ask the engine process until no engine is still starting (or `deadline`, a monotonic
    time, passes): their states, each "" or why it is off; None when the process stopped."""
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        try:
            states = ask("ping")
        except EngineUnavailable:
            states = {}
        if states and STARTING not in states.values():
            break
        time.sleep(every)
    return states
