"""`hallway serve` from the outside: time to ready, first search after ready, memory, stop.

    HALLWAY_DATA_DIR=/tmp/hw-bench .venv/bin/python bench/serve_bench.py [--baseline-src DIR]

Run bench/generate.py first (same environment). Starts `hallway serve` with every feature on
(two web workers, the task worker, the engines), waits until it says it is ready (or, for a
tree that does not say so, until it answers), then sends one hybrid search, then warm ones, and
reads the memory of every process of the server; then has the engine process transcribe a
5-second recording (what the task worker asks for a voice note: Whisper loads at the first one)
and reads the memory again. With --baseline-src (a checkout of another
revision) the same is measured for that tree in the same run, the two alternating.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import SEMANTIC_QUERIES, Client, _process_tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _memory_mb(pid: int) -> dict[str, float]:
    """Resident (RSS, pages shared by forked workers counted in each) and proportional (PSS,
    each shared page split between its users: what the server really costs) memory, summed."""
    rss = pss = 0.0
    count = 0
    for process_id in _process_tree(pid):
        try:
            for line in Path(f"/proc/{process_id}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
            count += 1
        except OSError:
            continue
    return {"rss_mb": rss, "pss_mb": pss, "processes": count}


def _recording(seconds: float, rate: int = 16_000) -> bytes:
    """A quiet 440 Hz tone as WAV: a voice note with no words, of an exact length."""
    import io
    import math
    import wave
    from array import array

    samples = array(
        "h",
        (int(3000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(int(seconds * rate))),
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _voice_note_memory(pid: int) -> dict[str, float]:
    """Memory after the engine process transcribed a voice note ({} when it has no speech
    engine, or for a tree without the shared engine process)."""
    from hallway import engines

    try:
        engines.ask("transcribe", _recording(5.0), timeout=170.0)
    except (engines.EngineUnavailable, RuntimeError):
        return {}
    return {f"voice_{key}": value for key, value in _memory_mb(pid).items()}


def _still_running(group: int) -> list[int]:
    """Processes of the server's group still alive (not zombies) a few seconds after it left."""
    deadline = time.monotonic() + 3
    alive: list[int] = []
    while time.monotonic() < deadline:
        listed = subprocess.run(["pgrep", "-g", str(group)], capture_output=True, text=True)
        alive = []
        for pid in map(int, listed.stdout.split()):
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            break
        time.sleep(0.2)
    return alive


def measure(
    *,
    src: Path,
    port: int,
    headers: dict[str, str],
    searches: int,
    label: str,
    during: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "hallway.cli", "serve", "--port", str(port), "--workers", "2"]
    started = time.perf_counter()
    server = subprocess.Popen(
        command,
        cwd=src,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    said_ready = threading.Event()
    output: list[str] = []

    def read() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            output.append(line)
            if "ready" in line.lower():
                said_ready.set()

    threading.Thread(target=read, daemon=True).start()
    client = Client(port, headers)
    answered_at = None
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and server.poll() is None:
        try:
            status, _body, _ms = client.get("/accounts/login/")
            if status == 200:
                answered_at = time.perf_counter()
                break
        except OSError:
            time.sleep(0.2)
    if answered_at is None:
        sys.exit(f"{label}: the server did not answer:\n{''.join(output)[-2000:]}")
    # A tree that announces readiness is measured from that line; one that does not, from its
    # first answer (which is what its users see).
    said_ready.wait(timeout=600 if any("starting" in line for line in output) else 3)
    ready_at = time.perf_counter() if said_ready.is_set() else answered_at
    status, body, first_ms = client.get(
        "/api/v1/search", q="someone who races sailboats", mode="hybrid"
    )
    first_mode = json.loads(body).get("mode", "?") if status == 200 else f"HTTP {status}"
    warm = []
    for index in range(searches):
        status, body, elapsed = client.get(
            "/api/v1/search", q=SEMANTIC_QUERIES[index % len(SEMANTIC_QUERIES)], mode="hybrid"
        )
        assert status == 200, body[:200]
        warm.append(elapsed)
    memory = _memory_mb(server.pid)
    memory.update(_voice_note_memory(server.pid))
    if during is not None:
        during(port, server.pid)
    stop_started = time.perf_counter()
    os.kill(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    stopped_s = time.perf_counter() - stop_started
    leftover = _still_running(server.pid)
    if leftover:
        print(f"{label}: left running: {leftover}")
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    return {
        "label": label,
        "ready_s": ready_at - started,
        "first_ms": first_ms,
        "first_mode": first_mode,
        "warm_ms": statistics.median(warm),
        **memory,
        "stop_s": stopped_s,
        "left_running": len(leftover),
        "traceback": any("Traceback" in line for line in output),
    }


def _headers(user_name: str) -> dict[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User

    from hallway.accounts.services import token_create

    user = User.objects.filter(username=user_name).first()
    if user is None:
        sys.exit(f"No user {user_name}: run bench/generate.py first with the same environment.")
    return {"Authorization": f"Bearer {token_create(user=user, name='serve bench')[1]}"}


def report(rows: list[dict[str, Any]]) -> None:
    print(
        f"{'hallway serve':<28}{'ready s':>9}{'first ms':>10}{'warm ms':>9}{'first/warm':>11}"
        f"{'RSS MB':>8}{'PSS MB':>8}{'+memo RSS':>10}{'stop s':>8}{'left':>6}"
    )
    for row in rows:
        print(
            f"{row['label']:<28}{row['ready_s']:>9.1f}{row['first_ms']:>10.0f}{row['warm_ms']:>9.0f}"
            f"{row['first_ms'] / row['warm_ms']:>10.1f}x{row['rss_mb']:>8.0f}{row['pss_mb']:>8.0f}"
            f"{row.get('voice_rss_mb', 0):>10.0f}{row['stop_s']:>8.1f}{row['left_running']:>6}"
            + ("  (first search: keyword fallback)" if row["first_mode"] == "keyword" else "")
            + ("  (traceback printed)" if row["traceback"] else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--user", default="bench")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--searches", type=int, default=20)
    parser.add_argument("--baseline-src", type=Path, help="a checkout of the baseline revision")
    args = parser.parse_args()
    headers = _headers(args.user)
    rows = []
    for _round in range(args.rounds):
        rows.append(
            measure(
                src=ROOT, port=args.port, headers=headers, searches=args.searches, label="this tree"
            )
        )
        if args.baseline_src:
            rows.append(
                measure(
                    src=args.baseline_src,
                    port=args.port,
                    headers=headers,
                    searches=args.searches,
                    label=f"baseline ({args.baseline_src.name})",
                )
            )
    report(rows)


if __name__ == "__main__":
    main()
