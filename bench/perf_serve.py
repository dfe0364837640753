"""bench/performance.py's serve section: `hallway serve` measured from outside.

Ready, the first search after ready against warm ones, the memory of all its processes (RSS
and PSS, idle and after a voice note), 20 concurrent API writers against one (paced at a human
pace and in a closed loop, alternating with one in the same run: bench/writers.py), stop on
SIGTERM.
"""

from __future__ import annotations

from typing import Any

from bench.rows import ROOT, row


def bench_serve(user: Any, port: int, writer_seconds: float) -> None:
    from bench import serve_bench, writers
    from hallway.accounts.services import token_create

    token = token_create(user=user, name="perf serve")[1]
    load: dict[str, Any] = {}

    def during(running_port: int, server_pid: int) -> None:
        load.update(writers.measure(running_port, token, server_pid, writer_seconds))

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
    _writer_rows(load)
    row(
        "stop on SIGTERM",
        f"{measured['stop_s']:.1f} s",
        "a few seconds, nothing left",
        f"{measured['left_running']} processes left",
        measured["left_running"] == 0 and not measured["traceback"],
    )


def _writer_rows(load: dict[str, Any]) -> None:
    """One writer, 20 paced (the target) and 20 in a closed loop (saturation), same run."""
    single, paced, closed = load["single"], load["paced"], load["closed"]

    def ratio(many: dict[str, Any]) -> float:
        return many["p95"] / single["p95"] if single["p95"] else 0.0

    def errors(phase: dict[str, Any]) -> str:
        kinds = f" ({', '.join(phase['error_kinds'])})" if phase["error_kinds"] else ""
        again = f", {phase['retried']} sent again (idle connection closed)" * bool(phase["retried"])
        return f"{phase['writes']} writes, {phase['errors']} errors{kinds}{again}"

    def cpu(phase: dict[str, Any]) -> str:
        return f"web {phase['web_cpu_ms']:.0f} ms + engine {phase['engine_cpu_ms']:.0f} ms"

    low, high = load["load"]
    print(f"  writers: load average {low:.1f}-{high:.1f} during the phases")
    row(
        "one writer (closed loop)",
        f"p95 {single['p95']:.0f} ms",
        "(the baseline)",
        f"{errors(single)}; p50 {single['p50']:.0f} ms, {single['rate']:.0f} writes/s, "
        f"CPU per write {cpu(single)}",
    )
    row(
        "20 writers, paced",
        f"p95 {paced['p95']:.0f} ms ({ratio(paced):.1f}x)",
        "0 errors, p95 <= 5x one",
        f"{errors(paced)}; Poisson, one write per {load['paced_interval_s']:g} s each: "
        f"{paced['rate']:.1f} writes/s = {paced['rate'] / closed['rate']:.0%} of the closed "
        f"loop's; p50 {paced['p50']:.0f} ms; {paced['late_writes']} sent >10 ms late "
        f"(max {paced['max_lag_ms']:.0f} ms, counted in their latency); CPU per write {cpu(paced)}",
        paced["errors"] == 0 and single["errors"] == 0 and ratio(paced) <= 5,
    )
    row(
        "20 writers, closed loop",
        f"p95 {closed['p95']:.0f} ms ({ratio(closed):.1f}x)",
        "0 errors (saturation)",
        f"{errors(closed)}; {closed['rate']:.0f} writes/s; CPU per write {cpu(closed)}; "
        "p95 ~ 20 / cores writes queued (Little)",
        closed["errors"] == 0,
    )
