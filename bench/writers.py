"""Concurrent API writers against `hallway serve` (bench/perf_serve.py's writers rows).

Two kinds of load, each beside one writer in the same run (phases interleaved round by round):

- **closed loop** (saturation): each of 20 clients sends its next POST /api/v1/people as soon
  as the previous one answers. The server is kept busy all the time, so by Little's law each
  write waits behind about 20 / cores others and the p95 is about 10x a single writer's on 2
  cores, whatever a write costs. A throughput test, not a latency one.
- **paced** (open loop, the latency 20 people see): each of 20 writers sends at a human pace,
  Poisson arrivals with a mean of PACED_INTERVAL_S between its writes, whether or not the server
  has answered the others. Each write's latency runs from its *scheduled* send time, not from
  when the writer got round to sending it: a writer whose previous write is still out sends the
  next one late and that wait is counted (no coordinated omission), and no scheduled write is
  skipped, even those that go out after the phase's end.

One writer is the closed loop with a single client (one write at a time, never queued).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import select
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# 20 people at an event each saving a contact every 2 s on average (10 writes/s in all): faster
# than anyone types a name and a few tags (10 s or more), so a pessimistic burst of a room
# where everybody writes at once, yet well below what the server can absorb (the closed loop
# measures that capacity in the same run and the report states the fraction).
PACED_INTERVAL_S = 2.0
_DROPPED = ("BrokenPipeError", "ConnectionResetError", "RemoteDisconnected")
WRITERS = 20


class _Phase:
    """What one phase measured: each write's latency (ms) and each error."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lags: list[float] = []  # paced: how late each write went out (ms)
        self.lock = threading.Lock()
        self.wall = 0.0
        self.retried = 0  # sent again after the server closed an idle connection

    def add(self, latency_ms: float, error: str | None, lag_ms: float = 0.0) -> None:
        with self.lock:
            self.latencies.append(latency_ms)
            self.lags.append(lag_ms)
            if error is not None:
                self.errors.append(error)


class _Writer:
    """One client with its keep-alive connection, adding people through the API."""

    def __init__(self, port: int, token: str, name: str) -> None:
        self.port, self.token, self.name = port, token, name
        self.number = 0
        self.retried = 0
        self.last_answer = time.perf_counter()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def _drop_if_closed(self) -> None:
        """Forget a kept-alive connection the server has closed (gunicorn's keepalive is 2 s),
        as urllib3 and browsers check before reusing one: an idle connection has nothing to
        read unless the server hung up."""
        sock = self.connection.sock
        if sock is not None and select.select([sock], [], [], 0)[0]:
            self.connection.close()  # the next request opens a new one

    def post(self) -> str | None:
        """Add one person; None when it answered 201, else what went wrong."""
        self.number += 1
        self._drop_if_closed()
        reused = self.connection.sock is not None
        idle = time.perf_counter() - self.last_answer
        error = self._send()
        # The server may close an idle kept-alive connection just as the request goes out
        # (HTTP/1.1 cannot prevent it): it never read the request, and browsers send it again
        # on a new connection. Done once, and counted apart.
        if error in _DROPPED and reused and idle >= 1.0:
            self.retried += 1
            error = self._send()
        self.last_answer = time.perf_counter()
        return error

    def _send(self) -> str | None:
        body = json.dumps(
            {"name": f"Writer {self.name}-{self.number}-{time.time_ns()}", "tags": ["load"]}
        )
        try:
            self.connection.request(
                "POST",
                "/api/v1/people",
                body=body,
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                },
            )
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return type(error).__name__
        return None if response.status == 201 else f"HTTP {response.status}"


def _run(threads: list[threading.Thread], phase: _Phase) -> _Phase:
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.wall = time.perf_counter() - started
    return phase


def closed_loop(port: int, token: str, count: int, seconds: float) -> _Phase:
    """`count` clients, each sending its next write as soon as the previous one answered."""
    phase = _Phase()
    stop_at = time.perf_counter() + seconds

    def write(worker: int) -> None:
        writer = _Writer(port, token, f"c{worker}")
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            error = writer.post()
            phase.add((time.perf_counter() - started) * 1000, error)
        with phase.lock:
            phase.retried += writer.retried

    return _run([threading.Thread(target=write, args=(n,)) for n in range(count)], phase)


def paced(port: int, token: str, count: int, seconds: float, interval: float, seed: int) -> _Phase:
    """`count` writers with Poisson arrivals (mean `interval` s each) for `seconds`; latency
    from each write's scheduled time, every scheduled write sent."""
    phase = _Phase()
    start = time.perf_counter() + 0.05

    def schedule(worker: int) -> list[float]:
        rng = random.Random(seed * 1000 + worker)
        due, times = start, []
        while True:
            due += rng.expovariate(1 / interval)
            if due >= start + seconds:
                return times
            times.append(due)

    def write(worker: int, times: list[float]) -> None:
        writer = _Writer(port, token, f"p{worker}")
        for due in times:
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            lag = time.perf_counter() - due
            error = writer.post()
            phase.add((time.perf_counter() - due) * 1000, error, max(lag, 0.0) * 1000)
        with phase.lock:
            phase.retried += writer.retried

    threads = [threading.Thread(target=write, args=(n, schedule(n))) for n in range(count)]
    return _run(threads, phase)


def _cpu_seconds(pid: int) -> dict[str, float]:
    """User + system CPU so far of the server's web processes (the gunicorn master and its
    workers) and of the engine process (embeddings, the task worker, checkpoints)."""
    from bench.run import _process_tree

    ticks = os.sysconf("SC_CLK_TCK")
    total = {"web": 0.0, "engine": 0.0}
    for process_id in _process_tree(pid):
        try:
            fields = Path(f"/proc/{process_id}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{process_id}/cmdline").read_bytes()
        except OSError:
            continue
        kind = "engine" if b"hallway.engines" in command else "web"
        total[kind] += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _quiet_queue(limit_s: float = 30.0) -> None:
    """Wait (up to `limit_s`) for the background tasks the last phase queued to be done, so
    the next phase does not share the cores with the previous one's embeddings."""
    from django_q.models import OrmQ

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and OrmQ.objects.exists():
        time.sleep(0.5)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0


def _summary(phases: list[_Phase], cpu_s: dict[str, float]) -> dict[str, Any]:
    latencies = [value for phase in phases for value in phase.latencies]
    lags = [value for phase in phases for value in phase.lags]
    wall = sum(phase.wall for phase in phases)
    return {
        "writes": len(latencies),
        "errors": sum(len(phase.errors) for phase in phases),
        "error_kinds": sorted({error for phase in phases for error in phase.errors}),
        "p50": sorted(latencies)[len(latencies) // 2] if latencies else 0.0,
        "p95": _p95(latencies),
        "rate": len(latencies) / wall if wall else 0.0,
        **{
            f"{kind}_cpu_ms": seconds * 1000 / len(latencies) if latencies else 0.0
            for kind, seconds in cpu_s.items()
        },
        "retried": sum(phase.retried for phase in phases),
        "late_writes": sum(1 for lag in lags if lag > 10),
        "max_lag_ms": max(lags, default=0.0),
    }


def measure(
    port: int, token: str, server_pid: int, seconds: float, rounds: int = 4
) -> dict[str, Any]:
    """One writer, 20 paced and 20 closed-loop writers, in turn for `rounds` rounds: the
    paced writers get `seconds` in all (the target's 60 s), the other two half as much."""
    kinds: dict[str, Callable[[int], _Phase]] = {
        "single": lambda n: closed_loop(port, token, 1, seconds / rounds / 2),
        "paced": lambda n: paced(port, token, WRITERS, seconds / rounds, PACED_INTERVAL_S, n),
        "closed": lambda n: closed_loop(port, token, WRITERS, seconds / rounds / 2),
    }
    phases: dict[str, list[_Phase]] = {kind: [] for kind in kinds}
    cpu = {kind: {"web": 0.0, "engine": 0.0} for kind in kinds}
    load = [os.getloadavg()[0]]
    _quiet_queue()
    for number in range(rounds):
        for kind, run in kinds.items():
            # The server's CPU until the tasks this phase queued are done: a write's whole cost.
            before = _cpu_seconds(server_pid)
            phases[kind].append(run(number))
            _quiet_queue()
            for part, used in _cpu_seconds(server_pid).items():
                cpu[kind][part] += used - before[part]
            load.append(os.getloadavg()[0])
    result = {kind: _summary(phases[kind], cpu[kind]) for kind in kinds}
    result["load"] = (min(load), max(load))
    result["paced_interval_s"] = PACED_INTERVAL_S
    return result
