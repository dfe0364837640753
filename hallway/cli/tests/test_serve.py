"""`hallway serve` as a user runs it: it says when it is ready and stops everything it started."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    found = set()
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, children.read_text().split()):
            found |= {child, *_descendants(child)}
    return found


def _a_queued_task_is_run(data: Path, env: dict[str, str]) -> None:
    """Queue a task in the server's database as the web app does; the engine process runs it."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django_q.tasks import async_task; "
            "async_task('math.floor', 2.5, task_name='probe')",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hallway.settings"},
        check=True,
    )
    deadline = time.monotonic() + 60
    done: list[tuple[Any, ...]] = []
    while time.monotonic() < deadline and not done:
        with sqlite3.connect(data / "hallway.sqlite3") as database:
            done = database.execute(
                "SELECT success, result FROM django_q_task WHERE name = 'probe'"
            ).fetchall()
        time.sleep(0.2)
    assert len(done) == 1 and done[0][0] == 1, done


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl+C"])
def test_stopping_serve_stops_the_web_engine_and_task_workers_together(
    tmp_path: Path, stop: str
) -> None:
    data = tmp_path / "data"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    # Search by meaning off: this is about processes, the OCR engine is enough of an engine.
    env.update(HALLWAY_DATA_DIR=str(data), HALLWAY_SEMANTIC="off", PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hallway.cli",
            "serve",
            "--port",
            str(_free_port()),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    output: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            output.append(line)
            if "is ready at" in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(timeout=300), "".join(output)
        started = _descendants(server.pid)
        commands = " ".join(Path(f"/proc/{pid}/cmdline").read_text() for pid in started)
        # The background tasks run in the engine process, not in a cluster of their own.
        assert "hallway.engines\x00--tasks" in commands and "qcluster" not in commands
        _a_queued_task_is_run(data, env)
        # gunicorn's control socket is this server's own, in its data folder.
        assert (data / "gunicorn.ctl").exists()
        if stop == "SIGTERM":
            server.send_signal(signal.SIGTERM)
        else:
            os.killpg(server.pid, signal.SIGINT)  # what the terminal does on Ctrl+C
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    reader.join(timeout=10)
    deadline = time.monotonic() + 10  # only the kernel's reaping is waited for
    while time.monotonic() < deadline and any(_alive(pid) for pid in started):
        time.sleep(0.1)
    assert [pid for pid in started if _alive(pid)] == []
    assert "Traceback" not in "".join(output)
    assert not (data / "engines.sock").exists(), "".join(output)
