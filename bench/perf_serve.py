"""bench/performance.py's serve section: `hallway serve` measured from outside.

Ready, the first search after ready against warm ones, the memory of all its processes (RSS
and PSS, idle and after a voice note), 20 concurrent API writers against one (alternating, same
run), stop on SIGTERM.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from bench.rows import ROOT, row


def _writers(port: int, token: str, count: int, seconds: float) -> dict[str, Any]:
    """`count` clients adding people through the API as fast as they can for `seconds`."""
    import http.client
    import json

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def write(worker: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        number = 0
        while time.monotonic() < stop_at:
            number += 1
            body = json.dumps(
                {"name": f"Writer {worker}-{number}-{time.time_ns()}", "tags": ["load"]}
            )
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    "/api/v1/people",
                    body=body,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                errors.append(type(error).__name__)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status and status != 201:
                    errors.append(str(status))

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0
    return {"writes": len(latencies), "errors": len(errors), "p95": p95}


def bench_serve(user: Any, port: int, writer_seconds: float) -> None:
    from bench import serve_bench
    from hallway.accounts.services import token_create

    token = token_create(user=user, name="perf serve")[1]
    load: dict[str, Any] = {}

    def during(running_port: int) -> None:
        # One writer, then twenty, alternating halves so both see the same machine.
        half = writer_seconds / 2
        single = [_writers(running_port, token, 1, half / 2) for _ in range(2)]
        many = [_writers(running_port, token, 20, half / 2) for _ in range(2)]
        load["single"] = {
            "writes": sum(r["writes"] for r in single),
            "errors": sum(r["errors"] for r in single),
            "p95": max(r["p95"] for r in single),
        }
        load["many"] = {
            "writes": sum(r["writes"] for r in many),
            "errors": sum(r["errors"] for r in many),
            "p95": max(r["p95"] for r in many),
        }

    try:
        measured = serve_bench.measure(
            src=ROOT,
            port=port,
            headers={"Authorization": f"Bearer {token}"},
            searches=20,
            label="this tree",
            during=during,
        )
    finally:
        # The writers' people go again, so the network keeps its size for the next run.
        from hallway.people.models import Person

        Person.objects.filter(owner=user, name__startswith="Writer ").delete()
    print("\nhallway serve (two web workers, task worker, engines), measured from outside")
    row("ready after start", f"{measured['ready_s']:.1f} s", "(engines loaded)")
    ratio = measured["first_ms"] / measured["warm_ms"]
    row(
        "first hybrid search after ready",
        f"{measured['first_ms']:.0f} ms ({ratio:.1f}x)",
        "<= 2x a warm search",
        f"warm p50 {measured['warm_ms']:.0f} ms; answered as {measured['first_mode']}",
        ratio <= 2 and measured["first_mode"] == "hybrid",
    )
    row(
        "memory of all processes",
        f"{measured['rss_mb']:.0f} MB RSS",
        "<= 600 MB",
        f"RSS summed over {measured['processes']} processes; PSS {measured['pss_mb']:.0f} MB",
        measured["rss_mb"] <= 600,
    )
    if "voice_rss_mb" in measured:
        row(
            "memory after a voice note",
            f"{measured['voice_rss_mb']:.0f} MB RSS",
            "(Whisper loaded)",
            f"PSS {measured['voice_pss_mb']:.0f} MB; Whisper goes again after 10 idle minutes",
        )
    single, many = load["single"], load["many"]
    write_ratio = many["p95"] / single["p95"] if single["p95"] else 0.0
    row(
        "20 concurrent writers",
        f"p95 {many['p95']:.0f} ms ({write_ratio:.1f}x)",
        "0 errors, p95 <= 5x one",
        f"{many['writes']} writes, {many['errors']} errors; one writer p95 {single['p95']:.0f} ms",
        many["errors"] == 0 and write_ratio <= 5,
    )
    row(
        "stop on SIGTERM",
        f"{measured['stop_s']:.1f} s",
        "a few seconds, nothing left",
        f"{measured['left_running']} processes left",
        measured["left_running"] == 0 and not measured["traceback"],
    )
