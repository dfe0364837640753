"""Pages and API reads over HTTP from `hallway serve`'s gunicorn, each beside the framework's floor.

    HALLWAY_DATA_DIR=/tmp/hw-perf10k .venv/bin/python bench/http_pages.py --people 10000

This is how issue 13 states its page target: "a minimal Django view under the same gunicorn,
same machine, same run". The server is `hallway serve`'s own (`run_server`: the same gunicorn
options, worker class, preloaded app and engine process) with one web worker and the floor's
URL configuration added (bench/floor_settings.py); a client on one keep-alive connection asks
for the floor and a page in turn, so each ratio is taken in the same moments of a noisy
machine. bench/performance.py's `pages` section measures the same pages in process (no HTTP,
no gunicorn): read both.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rows import ROOT, row  # noqa: E402

FLOOR = "/bench/floor/"
READY_LIMIT_SECONDS = 600
SERVER = (
    "import django, sys; django.setup(); from hallway.cli.server import run_server; "
    "run_server(host='127.0.0.1', port=int(sys.argv[1]), workers=1, with_tasks=False)"
)


def _start(port: int, source: Path = ROOT) -> subprocess.Popen[str]:
    """`hallway serve`'s server of the checkout in `source` (this one, or --baseline-src)."""
    if source != ROOT:  # the floor's two modules, beside that checkout's own URLs
        for name in ("floor_settings.py", "floor_urls.py", "sql_timing.py"):
            (source / "bench" / name).write_text((ROOT / "bench" / name).read_text())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.floor_settings",
        "PYTHONPATH": str(source),
    }
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port)],
        cwd=source,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + READY_LIMIT_SECONDS
    assert server.stdout is not None
    for line in server.stdout:
        if "is ready at" in line:
            return server
        if time.monotonic() > deadline:
            break
    server.kill()
    sys.exit(f"`hallway serve` did not say it was ready on port {port}")


def _credentials(user: Any, portable: bool = False) -> tuple[str, str]:
    """A session cookie (as a browser holds after signing in) and an API token. `portable`: the
    session names Django's own backend, which trees from before hallway.accounts.backends
    read too (this one maps it to its own), so one cookie signs in to both sides of an A/B."""
    from django.conf import settings
    from django.test import Client

    from hallway.accounts.services import token_create

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    browser = Client()
    if portable:
        from hallway.accounts.backends import DJANGOS_BACKEND

        browser.force_login(user, backend=DJANGOS_BACKEND)
    else:
        browser.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    return cookie, token_create(user=user, name="http-pages")[1]


Samples = tuple[list[float], dict[str, list[float]], dict[str, list[float]]]


def measure(
    ports: list[int], cookie: str, token: str, pages: list[tuple[str, str, str]], rounds: int
) -> list[tuple[float, dict[str, float], dict[str, float]]]:
    """Per server: the floor's p50, each page's, and the p50 of each page's SQL time (its
    Server-Timing header, bench/sql_timing.py); all servers asked in turn, request by request,
    so that each ratio and each A/B comparison is taken in the same moments."""
    return [
        (
            statistics.median(floors),
            {label: statistics.median(got) for label, got in pages_.items()},
            {label: statistics.median(got) for label, got in sql.items()},
        )
        for floors, pages_, sql in _samples(ports, cookie, token, pages, rounds)
    ]


def _samples(
    ports: list[int], cookie: str, token: str, pages: list[tuple[str, str, str]], rounds: int
) -> list[Samples]:
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for port in ports]

    def get(connection: http.client.HTTPConnection, url: str, kind: str) -> tuple[float, float]:
        headers = {"Cookie": cookie} if kind == "page" else {"Authorization": f"Bearer {token}"}
        started = time.perf_counter()
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 200, (url, response.status)
        timing = response.getheader("Server-Timing", "sql;dur=0")
        return elapsed, float(timing.partition("dur=")[2])

    for connection in connections:  # warm each page once (the worker's first connection)
        for _label, url, kind in pages:
            get(connection, url, kind)
    results: list[Samples] = [
        ([], {label: [] for label, _url, _kind in pages}, {label: [] for label, _, _ in pages})
        for _ in connections
    ]
    for _ in range(rounds):
        for label, url, kind in pages:
            for connection, (floors, samples, sql) in zip(connections, results, strict=True):
                floors.append(get(connection, FLOOR, "page")[0])
                elapsed, spent = get(connection, url, kind)
                samples[label].append(elapsed)
                sql[label].append(spent)
    for connection in connections:
        connection.close()
    return results


def bench_http_pages(
    user: Any,
    port: int,
    rounds: int,
    baseline: Path | None = None,
    only: list[str] | None = None,
) -> None:
    from bench.performance import JUDGED_ELSEWHERE, PAGES, TARGETS_MS
    from hallway.people.models import Person

    person = Person.objects.filter(owner=user).order_by("pk").values_list("pk", flat=True)[10]
    people = Person.objects.filter(owner=user).count()
    pages = [
        (label, url.format(person=person), kind)
        for label, url, kind in PAGES
        if not only or label in only
    ]
    cookie, token = _credentials(user, portable=baseline is not None)
    sources = [ROOT] if baseline is None else [ROOT, baseline.resolve()]
    servers = []
    try:
        for index, source in enumerate(sources):
            servers.append(_start(port + index, source))
        results = measure([port + i for i in range(len(sources))], cookie, token, pages, rounds)
    finally:
        for server in servers:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    (floor_ms, p50, sql), *others = results
    print(
        f"\npages and API reads over HTTP (`hallway serve`, one web worker), {people:,} people, "
        f"{rounds} rounds interleaved with the floor (a logged-in hello: p50 {floor_ms:.1f} ms)"
    )
    if others:
        print(f"  beside {baseline}: its ratio to its own floor, asked in the same rounds")
    for label, _url, _kind in pages:
        ratio = p50[label] / floor_ms
        if label in JUDGED_ELSEWHERE:
            target, verdict = JUDGED_ELSEWHERE[label], None
        elif label in TARGETS_MS:
            target = f"<= {TARGETS_MS[label]} ms (100k)"
            verdict = p50[label] <= TARGETS_MS[label] if people >= 100_000 else None
        elif people >= 100_000:  # 4x the floor plus the engine's own query time
            allowed = 4 * floor_ms + sql[label]
            target = f"<= {allowed:.1f} ms (4x floor + SQL {sql[label]:.1f})"
            verdict = p50[label] <= allowed
        else:
            target = "<= 3x floor (10k)"
            verdict = ratio <= 3 if people >= 10_000 else None
        before = "".join(
            f"  (baseline {base[label]:.1f} ms, {base[label] / base_floor:.1f}x)"
            for base_floor, base, _sql in others
        )
        row(label, f"{p50[label]:7.1f} ({ratio:4.1f}x)", target, before, verdict=verdict)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8766, help="and the next for a baseline")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="another checkout (git archive … | tar -x -C DIR) served beside this one, same data",
    )
    parser.add_argument(
        "--pages", nargs="*", help='labels of bench/performance.py\'s PAGES, e.g. "person page"'
    )
    args = parser.parse_args()
    from bench.performance import _ensure_network, _setup

    _setup()
    user = _ensure_network(args.people)
    bench_http_pages(user, args.port, args.rounds, args.baseline_src, args.pages)


if __name__ == "__main__":
    main()
