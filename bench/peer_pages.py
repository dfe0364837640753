"""Hallway's person page against the peer's detail page, both over HTTP, in the same run.

    git --git-dir=/work/.mirror/lorey+personal-crm/repo archive HEAD | tar -x -C /tmp/peer-src
    HALLWAY_DATA_DIR=/tmp/hw-peer .venv/bin/python bench/peer_pages.py \\
        --peer-src /tmp/peer-src --peer-venv /tmp/peer-venv --people 10000 --rounds 30

Issue 13, target 3: "Person page at least 2x faster than the peer's detail page in the same
run". The peer is lorey/personal-crm (Django 3.2, django-allauth), run by bench/peer_crm.py:
--peer-venv is created with pip when missing (the versions pinned there), its database (in
--peer-data) is a copy of Hallway's bench network (bench/performance.py's `_ensure_network`),
so both apps show the same person: the same story, notes, conversations, tags and email.

Hallway is served as bench/http_pages.py serves it (`hallway serve`'s server, one web worker,
the floor's URL added); the peer by gunicorn with its own WSGI app, one worker of the same
kind (gthread, 4 threads: gunicorn's sync worker closes every connection; --peer-worker sync
to measure that instead). A client on one keep-alive connection per server asks, request by
request: Hallway's floor, its person page, the peer's floor, its detail page (a contact).
Each is timed twice: wall time at the client, and the CPU time the server's worker spent on
it (its threads' run time from /proc, read between requests), which a busy machine disturbs
less. --contact-list also times the peer's contact list (all contacts on one page) alone.
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

from bench.http_pages import FLOOR, _credentials, _start  # noqa: E402
from bench.peer_crm import Peer, seed_peer  # noqa: E402
from bench.rows import row  # noqa: E402


def _worker(master: int) -> int:
    """The web worker gunicorn forked from `master`: a child with the master's command line
    (Hallway's engine process, another child, is a program of its own)."""
    command = Path(f"/proc/{master}/cmdline").read_bytes()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == master and (stat.parent / "cmdline").read_bytes() == command:
                return int(stat.parent.name)
        except (OSError, ValueError, IndexError):
            continue  # a process that has just ended
    sys.exit(f"no web worker under process {master}")


def _cpu_ms(pid: int) -> float:
    """CPU time so far of all the threads of process `pid` (schedstat: nanoseconds on a CPU)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError):
            continue  # a thread that has just ended
    return total / 1e6


def _samples(
    asks: list[tuple[str, int, str, str]], workers: dict[int, int], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each (label, port, url, cookie) asked in turn, request by request, `rounds` times, on
    one keep-alive connection per port: per label, wall times and the worker's CPU times."""
    connections = {
        port: http.client.HTTPConnection("127.0.0.1", port, timeout=120) for port in workers
    }
    wall: dict[str, list[float]] = {label: [] for label, *_rest in asks}
    cpu: dict[str, list[float]] = {label: [] for label, *_rest in asks}
    # A request's CPU time runs from just before it to just before the next request to the
    # same worker: what the worker does after answering (closing, signals) counts too.
    last: dict[int, tuple[str, float]] = {}

    def get(label: str, port: int, url: str, cookie: str, timed: bool = True) -> float:
        now = _cpu_ms(workers[port])
        if port in last:
            previous, since = last.pop(port)
            cpu[previous].append(now - since)
        started = time.perf_counter()
        connections[port].request("GET", url, headers={"Cookie": cookie})
        response = connections[port].getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 200, (url, response.status)
        if timed:
            wall[label].append(elapsed)
            last[port] = (label, now)
        return elapsed

    for ask in asks * 3:  # warm each page (templates, first queries)
        get(*ask, timed=False)
    for _ in range(rounds):
        for ask in asks:
            get(*ask)
    for ask in asks:  # one more request to each worker closes its last CPU span
        get(*ask, timed=False)
    for connection in connections.values():
        connection.close()
    return wall, cpu


def _alone(port: int, url: str, cookie: str, times: int) -> list[float]:
    """Wall times of `url` asked `times` times in a row (a page too slow to interleave)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    elapsed = []
    for _ in range(times):
        started = time.perf_counter()
        connection.request("GET", url, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        assert response.status == 200, (url, response.status)
        elapsed.append((time.perf_counter() - started) * 1000)
    connection.close()
    return elapsed


def _queries(user: Any, url: str) -> int:
    """SQL queries of one request for Hallway's `url`, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hallway.pocket.staticfiles import collect_if_changed

    collect_if_changed()  # hashed static names, as `hallway serve` renders pages
    browser = Client()
    browser.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def bench_peer_pages(
    user: Any,
    port: int,
    rounds: int,
    peer: Peer,
    worker: str = "gthread",
    contact_list: bool = False,
    index: int = 10,
) -> None:
    from hallway.people.models import Person

    person = Person.objects.filter(owner=user).order_by("pk").values_list("pk", flat=True)[index]
    peer.prepare()
    (peer_user,) = peer.run("migrate")
    people = seed_peer(peer, int(peer_user), user)
    detail = f"/app/contacts/{person}"
    peer_cookie, peer_queries = peer.run("login", detail)
    hallway_url = f"/people/{person}/"
    hallway_queries = _queries(user, hallway_url)
    cookie, _token = _credentials(user)
    servers: list[subprocess.Popen[Any]] = []
    peer_cookie = f"sessionid={peer_cookie}"
    asks = [
        ("Hallway floor", port, FLOOR, cookie),
        ("Hallway person page", port, hallway_url, cookie),
        ("peer floor", port + 1, FLOOR, peer_cookie),
        ("peer detail page", port + 1, detail, peer_cookie),
    ]
    try:
        servers.append(_start(port))
        servers.append(peer.start(port + 1, worker))
        workers = {port + index: _worker(server.pid) for index, server in enumerate(servers)}
        wall, cpu = _samples(asks, workers, rounds)
        alone = _alone(port + 1, "/app/contacts", peer_cookie, 3) if contact_list else []
    finally:
        for server in servers:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    p50 = {label: statistics.median(got) for label, got in wall.items()}
    cpu50 = {label: statistics.median(got) for label, got in cpu.items()}
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"\nperson page against the peer's detail page over HTTP, {people:,} people on each "
        f"side, person {person}, {rounds} rounds interleaved; load average {load}"
    )
    print(f"  {'':<34}{'wall p50 ms (x)':>16}   {'':<29}worker CPU p50 ms (x floor)")
    for label, floor, queries, target in (
        ("Hallway person page", "Hallway floor", hallway_queries, 3.0),
        ("peer detail page", "peer floor", int(peer_queries), None),
    ):
        row(floor, f"{p50[floor]:7.1f}", "-", f"{cpu50[floor]:7.1f}")
        ratio, cpu_ratio = p50[label] / p50[floor], cpu50[label] / cpu50[floor]
        row(
            label,
            f"{p50[label]:7.1f} ({ratio:4.1f}x)",
            f"<= {target:.0f}x floor (10k)" if target else "-",
            f"{cpu50[label]:7.1f} ({cpu_ratio:4.1f}x), {queries} SQL queries",
            verdict=ratio <= target if target and people >= 10_000 else None,
        )
    for kind, of in (("wall", p50), ("CPU", cpu50)):
        ratio = of["peer detail page"] / of["Hallway person page"]
        row(f"peer detail / person page, {kind}", f"{ratio:.2f}x", ">= 2x", verdict=ratio >= 2)
    if alone:
        print(f"  the peer's contact list (/app/contacts: all {people:,}, unpaged), alone:")
        row("peer contact list", f"{statistics.median(alone):7.0f}", "-", "3 requests, p50")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--peer-src", type=Path, required=True, help="lorey/personal-crm, exported")
    parser.add_argument("--peer-venv", type=Path, required=True, help="created when missing")
    parser.add_argument("--peer-data", type=Path, help="default: $HALLWAY_DATA_DIR-crm")
    parser.add_argument("--peer-worker", choices=["gthread", "sync"], default="gthread")
    parser.add_argument("--contact-list", action="store_true", help="also the peer's list")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--person", type=int, default=10, help="which one, by id order (from 0)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8766, help="Hallway; the peer the next")
    args = parser.parse_args()
    from bench.performance import _ensure_network, _setup

    _setup()
    user = _ensure_network(args.people)
    peer = Peer(args.peer_src, args.peer_venv, args.peer_data)
    bench_peer_pages(
        user, args.port, args.rounds, peer, args.peer_worker, args.contact_list, args.person
    )


if __name__ == "__main__":
    main()
