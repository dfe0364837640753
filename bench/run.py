"""Benchmark search, briefings and the people list against a real server.

    HALLWAY_DATA_DIR=/tmp/hw-bench .venv/bin/python bench/run.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:54329/hallway_bench .venv/bin/python bench/run.py

Run bench/generate.py first (same environment). This starts `hallway serve` (gunicorn) on
--port, sends requests one at a time over a kept-alive connection, and prints p50/p95 per
kind of request, the raw engine query for the same keyword searches (timed in this process,
on the same database) with the ratio, and the peak memory of the server processes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEYWORD_QUERIES = [
    "sail",
    "sailing",
    "marathon",
    "Boston marathon",
    "sourdough",
    "jazz piano",
    "CTO Ohio",
    "Columbus",
    "carbon capture",
    "zero trust",
    "payments",
    "mainframe",
    "Kilimanjaro",
    "beekeeping",
    "data platform",
    "CISO",
    "Head of IT",
    "Northwind",
    "Globex Energy",
    "Stark",
    "Okonkwo",
    "Nakamura",
    "Priya Sharma",
    "Margaret",
    "Jonhson",
    "Gonzales",
    "Okonkow",
    "INSEAD",
    "Lyon",
    "ransomware",
    "FinOps",
    "Delft",
    "climb",
    "vinyl",
    "judo",
    "Formula",
    "vendor lock-in",
    "hiring",
    "puppy",
    "knee surgery",
]
SEMANTIC_QUERIES = [
    "works on climate tech",
    "the CTO who loves boats",
    "someone into endurance running",
    "security person",
    "builds AI products",
    "cares about healthcare",
    "musician",
    "outdoorsy mountain person",
    "cloud migration expert",
    "likes cooking",
    "mentors women in engineering",
    "electric cars",
    "good with numbers and statistics",
    "works in banking software",
    "studied in France",
]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()


class Client:
    """One kept-alive HTTP connection; reconnects when the server closes it."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = headers
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str, **query: Any) -> tuple[int, bytes, float]:
        url = path + ("?" + urllib.parse.urlencode(query) if query else "")
        for attempt in range(2):
            try:
                started = time.perf_counter()
                self.connection.request("GET", url, headers=self.headers)
                response = self.connection.getresponse()
                body = response.read()
                return response.status, body, (time.perf_counter() - started) * 1000
            except (http.client.HTTPException, ConnectionError, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        raise RuntimeError("unreachable")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return p50, p95


def _process_tree(pid: int) -> list[int]:
    pids = [pid]
    for child_pid in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in child_pid.read_text().split():
            pids.extend(_process_tree(int(child)))
    return pids


def _peak_memory_mb(pid: int) -> tuple[float, float]:
    """(sum, largest) of the peak resident memory (VmHWM) of the server's processes."""
    peaks = []
    for process_id in _process_tree(pid):
        try:
            for line in Path(f"/proc/{process_id}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sum(peaks), max(peaks, default=0.0)


def _wait_for_server(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server stopped (exit {process.returncode}); see its output above.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/accounts/login/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("The server did not answer within 120 s.")


def _session_cookie(user: Any) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _measure(label: str, count: int, call: Callable[[int], float | None]) -> dict[str, Any] | None:
    samples = []
    for index in range(count):
        elapsed = call(index)
        if elapsed is None:
            return None
        samples.append(elapsed)
    p50, p95 = _percentiles(samples)
    return {"label": label, "count": count, "p50": p50, "p95": p95}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--user", default="bench")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    parser.add_argument("--json", dest="json_path", help="also write the numbers to this file")
    args = parser.parse_args()
    _setup()
    from django.contrib.auth.models import User
    from django.db import connection

    from hallway.accounts.services import token_create
    from hallway.people.models import Person
    from hallway.search import keyword, semantic

    user = User.objects.filter(username=args.user).first()
    if user is None:
        sys.exit(f"No user {args.user}: run bench/generate.py first with the same environment.")
    people_count = Person.objects.filter(owner=user).count()
    token = token_create(user=user, name="benchmark")[1]
    api_headers = {"Authorization": f"Bearer {token}"}
    page_headers = {"Cookie": _session_cookie(user)}
    person_ids = list(
        Person.objects.filter(owner=user)
        .order_by("?")
        .values_list("pk", flat=True)[: args.requests]
    )

    hallway = Path(sys.executable).with_name("hallway")
    command = [
        str(hallway),
        "serve",
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        "--no-tasks",
    ]
    print(
        f"{connection.vendor}: {people_count:,} people. Starting: {' '.join(command)}", flush=True
    )
    server = subprocess.Popen(command, env={**os.environ}, stdout=subprocess.DEVNULL)
    results: list[dict[str, Any]] = []
    notes: list[str] = []
    try:
        _wait_for_server(args.port, server)
        api = Client(args.port, api_headers)
        browser = Client(args.port, page_headers)

        # Warm-up: every worker process loads its caches (and the model) on first use.
        for _ in range(args.workers * 4):
            warm = Client(args.port, api_headers)
            warm.get("/api/v1/search", q="warm up", mode="keyword")
            if semantic.is_available():
                warm.get("/api/v1/search", q="warm up", mode="semantic")
        for query in KEYWORD_QUERIES:
            api.get("/api/v1/search", q=query, mode="keyword")

        def search_call(queries: list[str], mode: str) -> Callable[[int], float]:
            def call(index: int) -> float:
                status, body, elapsed = api.get(
                    "/api/v1/search", q=queries[index % len(queries)], mode=mode, limit=20
                )
                assert status == 200, body[:200]
                return elapsed

            return call

        keyword_api = _measure(
            "keyword search (API)", args.requests, search_call(KEYWORD_QUERIES, "keyword")
        )

        # The same searches, only the engine statement, timed here on the same database.
        prepared = []
        for query in KEYWORD_QUERIES:
            _matches, parsed = keyword.search(user.pk, query, 20)
            prepared.append(keyword.engine_sql(user.pk, parsed, 20))

        def raw_call(index: int) -> float:
            sql, params = prepared[index % len(prepared)]
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()
            return (time.perf_counter() - started) * 1000

        raw_call(0)
        keyword_raw = _measure("keyword engine query (raw)", args.requests, raw_call)
        results += [keyword_api, keyword_raw]  # type: ignore[list-item]

        if semantic.is_available():
            semantic_call = search_call(SEMANTIC_QUERIES, "semantic")
            hybrid_call = search_call(SEMANTIC_QUERIES + KEYWORD_QUERIES, "hybrid")
            results.append(_measure("semantic search (API)", args.requests, semantic_call))  # type: ignore[arg-type]
            results.append(_measure("hybrid search (API)", args.requests, hybrid_call))  # type: ignore[arg-type]
        else:
            notes.append(f"semantic: skipped ({semantic.unavailable_reason()})")

        def briefing_call(index: int) -> float | None:
            status, _body, elapsed = api.get(
                f"/api/v1/people/{person_ids[index % len(person_ids)]}/briefing"
            )
            if status == 404:
                return None
            assert status == 200, _body[:200]
            return elapsed

        briefing = _measure("person briefing (API)", args.requests, briefing_call)
        if briefing is None:
            notes.append("briefing: skipped (GET /api/v1/people/{id}/briefing answered 404)")
        else:
            results.append(briefing)

        def list_page_call(index: int) -> float:
            status, body, elapsed = browser.get("/people/")
            assert status == 200, f"/people/ answered {status}"
            return elapsed

        def list_api_call(index: int) -> float | None:
            status, _body, elapsed = api.get("/api/v1/people")
            return None if status == 404 else elapsed

        results.append(_measure("people list page (HTML)", args.requests, list_page_call))  # type: ignore[arg-type]
        people_api = _measure("people list (API)", args.requests, list_api_call)
        if people_api is None:
            notes.append("people list API: skipped (404)")
        else:
            results.append(people_api)
        total_mb, largest_mb = _peak_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\n{connection.vendor} · {people_count:,} people · {args.requests} requests each · {os.cpu_count()} CPUs"
    )
    print(f"{'measurement':<30}{'p50 ms':>10}{'p95 ms':>10}")
    for row in results:
        print(f"{row['label']:<30}{row['p50']:>10.1f}{row['p95']:>10.1f}")
    ratio50 = keyword_api["p50"] / keyword_raw["p50"] if keyword_api and keyword_raw else 0  # type: ignore[index]
    ratio95 = keyword_api["p95"] / keyword_raw["p95"] if keyword_api and keyword_raw else 0  # type: ignore[index]
    print(f"{'keyword API / raw engine':<30}{ratio50:>9.2f}x{ratio95:>9.2f}x")
    print(
        f"server peak memory: {total_mb:.0f} MB over all processes (largest process {largest_mb:.0f} MB)"
    )
    for note in notes:
        print(note)
    if args.json_path:
        Path(args.json_path).write_text(
            json.dumps(
                {
                    "vendor": connection.vendor,
                    "people": people_count,
                    "results": results,
                    "ratio_p50": ratio50,
                    "ratio_p95": ratio95,
                    "peak_memory_mb": total_mb,
                    "largest_process_mb": largest_mb,
                    "notes": notes,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
