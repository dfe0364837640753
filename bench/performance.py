"""Every speed and memory figure of issue 13 in one run, each beside its target and its floor.

    HALLWAY_DATA_DIR=/tmp/hw-perf .venv/bin/python bench/performance.py --quick
    DATABASE_URL=postgresql://…/hallway_perf .venv/bin/python bench/performance.py --quick

--quick: 2,000 people, short runs (a laptop, a few minutes). Without it: 10,000 people (the
issue's page targets); --people 100000 for the 100,000-people targets (duplicates, due,
reconnect). The network is generated once (bench/generate.py) into the configured database.

Sections (--only to pick some):
  http     the same pages over HTTP from `hallway serve`'s own gunicorn (one web worker), each
           beside the floor served by it: how the issue states the target (bench/http_pages.py)
  pages    every main page and API list in this process through Django's full stack, each
           request interleaved with the framework's floor (a logged-in "hello" view) so the
           ratio is taken in the same moment of a noisy machine; plus SQL queries per request
  serve    `hallway serve` from outside: ready, first search after ready vs warm, memory of all
           its processes (RSS and PSS), 20 concurrent API writers vs one, stop on SIGTERM
  import   LinkedIn CSV rows/s through the real import, beside two floors on SQLite: a
           plain csv + sqlite3 insert into one table (bare), and csv + sqlite3 executemany of
           every row the import wrote, same schema (same rows; bench/import_floor.py)
  practice the practice page for a heavy year (bench/practice_bench.py, 5,000 conversations)
  peer     the person page against lorey/personal-crm's detail page, both over HTTP, with
           --peer-src (an export of it) and --peer-venv (created when missing); run only
           when --peer-src is given (bench/peer_pages.py)

The machine this is run on is usually shared: quote the ratios (taken in one interleaved run),
not the absolute milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.rows import row  # noqa: E402  (the repository is on the path from here)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")

USER = "bench"


def _setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _ensure_network(people: int) -> Any:
    from django.contrib.auth.models import User

    from hallway.people.models import Person

    user = User.objects.filter(username=USER).first()
    if user is None or Person.objects.filter(owner=user).count() < people:
        if user is not None:
            sys.exit(f"User {USER} has another network size: use a fresh HALLWAY_DATA_DIR.")
        print(f"Generating {people:,} people (bench/generate.py)…", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "--people", str(people)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        user = User.objects.get(username=USER)
    return user


# --- pages ------------------------------------------------------------------------------------

PAGES = [
    ("home", "/", "page"),
    ("people list", "/people/", "page"),
    ("people list, words", "/people/?q=sailing", "page"),
    ("person page", "/people/{person}/", "page"),
    ("briefing", "/recall/people/{person}/", "page"),
    ("search page, keyword", "/search/?q=sailing&mode=keyword", "page"),
    ("due", "/recall/due/", "page"),
    ("reconnect", "/recall/reconnect/", "page"),
    ("practice", "/practice/", "page"),
    ("duplicates", "/interop/duplicates/", "page"),
    ("events", "/events/", "page"),
    ("API people", "/api/v1/people", "api"),
    ("API person", "/api/v1/people/{person}", "api"),
    ("API briefing", "/api/v1/people/{person}/briefing", "api"),
    ("API keyword search", "/api/v1/search?q=sailing&mode=keyword&limit=20", "api"),
    ("API reconnect", "/api/v1/reconnect", "api"),
    ("API follow-ups", "/api/v1/followups", "api"),
    ("API duplicates", "/api/v1/duplicates", "api"),
]
TARGETS_MS = {
    "duplicates": 300,
    "API duplicates": 300,
    "due": 100,
    "reconnect": 100,
}
# Judged by their own section, at the size the issue gives (here the page is shown at the
# network's size, without a verdict): 100,000 generated people have ~73,000 conversations in
# the last year, fifteen times the heavy year.
JUDGED_ELSEWHERE = {"practice": "<= 300 ms, a 5,000-talk year: see practice"}


def bench_pages(user: Any, rounds: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches

    from hallway.accounts.services import token_create
    from hallway.people.models import Person
    from hallway.pocket.staticfiles import collect_if_changed

    # Hashed static names from the manifest, as `hallway serve` serves pages.
    collect_if_changed()
    settings.ROOT_URLCONF = "bench.floor_urls"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clear_url_caches()
    browser = Client()
    browser.force_login(user)
    api_headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='perf')[1]}"}
    person_ids = list(
        Person.objects.filter(owner=user).order_by("?").values_list("pk", flat=True)[:rounds]
    )

    def get(url: str, kind: str) -> float:
        started = time.perf_counter()
        response = browser.get(url) if kind == "page" else browser.get(url, **api_headers)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    floor_url = "/bench/floor/"
    for _label, url, kind in PAGES:  # warm every page once (per-process caches, templates)
        get(url.format(person=person_ids[0]), kind)
    get(floor_url, "page")
    samples: dict[str, list[float]] = {label: [] for label, _url, _kind in PAGES}
    floors: list[float] = []
    for index in range(rounds):
        person = person_ids[index % len(person_ids)]
        for label, url, kind in PAGES:
            floors.append(get(floor_url, "page"))
            samples[label].append(get(url.format(person=person), kind))
    floor_ms = statistics.median(floors)
    people = Person.objects.filter(owner=user).count()
    print(
        f"\npages and API reads, in process, {people:,} people, {rounds} rounds interleaved with the "
        f"floor (a logged-in hello view: p50 {floor_ms:.1f} ms)"
    )
    print(f"  {'':<34}{'p50 ms (x floor)':>16}   {'':<29}{'SQL queries'}")
    for label, url, kind in PAGES:
        with CaptureQueriesContext(connection) as queries:
            get(url.format(person=person_ids[0]), kind)
        p50 = statistics.median(samples[label])
        ratio = p50 / floor_ms
        target = "<= 3x floor (10k)"
        verdict = ratio <= 3
        if label in JUDGED_ELSEWHERE:
            target, verdict = JUDGED_ELSEWHERE[label], None
        elif label in TARGETS_MS:
            target = f"<= {TARGETS_MS[label]} ms (100k)"
            # Judged only at the size the target is for: at 2,000 people it says nothing.
            verdict = p50 <= TARGETS_MS[label] if people >= 100_000 else None
        row(label, f"{p50:7.1f} ({ratio:4.1f}x)", target, f"{len(queries):>3} queries", verdict)
    settings.ROOT_URLCONF = "hallway.urls"
    clear_url_caches()


# --- import -----------------------------------------------------------------------------------


def bench_import(rows: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection

    from bench.import_bench import linkedin_csv
    from bench.import_floor import floor_rows_per_second, row_marks, rows_since, same_rows_floor
    from hallway.interop.importing import import_file

    data = linkedin_csv(rows)
    owner = User.objects.create_user(username=f"perf-import-{os.getpid()}-{time.time_ns()}")
    sqlite = connection.vendor == "sqlite"
    try:
        floor = floor_rows_per_second(data, rows)
        marks = row_marks() if sqlite else {}
        started = time.perf_counter()
        plan = import_file(owner=owner, data=data)
        first = time.perf_counter() - started
        same_rows = same_rows_floor(data, rows, rows_since(marks)) if sqlite else 0.0
        started = time.perf_counter()
        again = import_file(owner=owner, data=data)
        second = time.perf_counter() - started
        assert plan.created == rows and again.created == 0
    finally:
        owner.delete()
    print(f"\nimport, {rows:,} LinkedIn rows, {connection.vendor}, search indexing included")
    target = 10_000 if connection.vendor == "sqlite" else 5_000
    row(
        "import",
        f"{rows / first:,.0f} rows/s",
        f">= {target:,} rows/s",
        f"bare floor (csv + sqlite3, one table) {floor:,.0f} rows/s = {rows / first / floor:.2f}x",
        rows / first >= target,
    )
    if same_rows:
        row(
            "import against the same rows",
            f"{rows / first / same_rows:.2f}x",
            ">= 0.8x the floor",
            f"floor (csv + sqlite3 executemany of what it wrote) {same_rows:,.0f} rows/s",
            rows / first / same_rows >= 0.8,
        )
    row("re-import, nothing changes", f"{second:.1f} s", "well inside 60 s", "", second < 30)


# --- practice ---------------------------------------------------------------------------------


def bench_practice(conversations: int, runs: int) -> None:
    print(f"\npractice, a heavy year ({conversations:,} conversations): target <= 300 ms")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "practice_bench.py"),
            "--conversations",
            str(conversations),
            "--runs",
            str(runs),
        ],
        check=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="2,000 people, short runs")
    parser.add_argument("--people", type=int, help="network size (default 10,000; quick 2,000)")
    parser.add_argument("--port", type=int, default=8765, help="for `hallway serve`")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["pages", "http", "serve", "import", "practice", "peer"],
        help="sections",
    )
    parser.add_argument("--peer-src", type=Path, help="lorey/personal-crm, exported")
    parser.add_argument("--peer-venv", type=Path, default=Path("/tmp/peer-venv"))
    args = parser.parse_args()
    people = args.people or (2_000 if args.quick else 10_000)
    sections = args.only or ["pages", "http", "serve", "import", "practice", "peer"]
    _setup()
    from django.db import connection

    print(
        f"{connection.vendor}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} (a shared machine: read the ratios, not the milliseconds)"
    )
    user = _ensure_network(people)
    if "pages" in sections:
        bench_pages(user, rounds=15 if args.quick else 50)
    if "http" in sections:
        from bench.http_pages import bench_http_pages

        bench_http_pages(user, args.port + 1, rounds=15 if args.quick else 30)
    if "serve" in sections:
        from bench.perf_serve import bench_serve

        bench_serve(user, args.port, writer_seconds=12 if args.quick else 60)
    if "import" in sections:
        bench_import(10_000 if args.quick else 50_000)
    if "practice" in sections:
        bench_practice(5_000, 3 if args.quick else 5)
    if "peer" in sections and args.peer_src:
        from bench.peer_crm import Peer
        from bench.peer_pages import bench_peer_pages

        peer = Peer(args.peer_src, args.peer_venv)
        bench_peer_pages(user, args.port + 3, rounds=15 if args.quick else 30, peer=peer)


if __name__ == "__main__":
    main()
