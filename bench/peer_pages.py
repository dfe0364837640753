"""Hallway's person page against the peer's contact page, both over HTTP, in the same run.

    git --git-dir=/work/.mirror/lorey+personal-crm/repo archive HEAD | tar -x -C /tmp/peer-src
    HALLWAY_DATA_DIR=/tmp/hw-peer .venv/bin/python bench/peer_pages.py \\
        --peer-src /tmp/peer-src --peer-venv /tmp/peer-venv --people 10000 --rounds 30

Issue 13, target 3: "Person page at least 2x faster than the peer's detail page in the same
run". The peer is lorey/personal-crm (Django 3.2, django-allauth); --peer-venv is created with
pip when missing (the versions pinned below). Its code is not changed: a settings module
beside it (in --peer-data) imports the peer's settings and changes only the database path,
DEBUG (off, as in production) and ALLOWED_HOSTS, and its URL configuration adds the same floor
as Hallway's (a logged-in hello) in front of the peer's own URLs.

The peer's database is a copy of Hallway's bench network (bench/performance.py's
`_ensure_network`): every person becomes a contact with the same id, their story, details,
tags and notes in its description (the peer has no tags or notes), their email an email
address, their conversations and notes interactions. Both sides then show the same person.

Hallway is served as bench/http_pages.py serves it (`hallway serve`'s server, one web worker,
the floor's URL added); the peer by gunicorn with its own WSGI app, one worker of the same
kind (gthread, 4 threads: gunicorn's sync worker closes every connection; --peer-worker sync
to measure that instead). A client on one keep-alive connection per server asks, request by
request: Hallway's floor, its person page, the peer's floor, its contact page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_pages import FLOOR, _credentials, _start  # noqa: E402
from bench.rows import row  # noqa: E402

PEER_PACKAGES = [
    "Django==3.2.25",  # the last 3.2 patch; the peer pins 3.2.6, which predates Python 3.11
    "django-allauth==0.45.0",
    "django-crispy-forms==1.12.0",
    "gunicorn==27.0.1",  # the version Hallway is served with
]
PEER_SETTINGS = """\
import os

from networking.settings import *  # noqa: F403 - the peer's settings, three values changed

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PEER_DB"]}}
ROOT_URLCONF = "peer_bench_urls"
"""
PEER_URLS = """\
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from networking.urls import urlpatterns as peer_urlpatterns


@login_required
def floor(request):
    return HttpResponse(f"hello {request.user.get_username()}")


urlpatterns = [path("bench/floor/", floor), *peer_urlpatterns]
"""
# Run by the peer's Python: "migrate" prints the bench user's id; "login URL" prints a session
# cookie's value and the SQL queries of one request for URL.
PEER_SCRIPT = """\
import sys

import django

django.setup()
from django.contrib.auth.models import User

if sys.argv[1] == "migrate":
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(User.objects.get_or_create(username="bench")[0].pk)
else:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    browser = Client()
    browser.force_login(User.objects.get(username="bench"))
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(sys.argv[2]).status_code == 200
    print(browser.cookies[settings.SESSION_COOKIE_NAME].value, len(queries))
"""
READY_LIMIT_SECONDS = 60


class Peer:
    """The exported peer, its venv and its data folder (database, settings, log)."""

    def __init__(self, source: Path, venv: Path, data: Path) -> None:
        self.source, self.venv, self.data = source.resolve(), venv.resolve(), data.resolve()
        self.database = self.data / "db.sqlite3"

    def prepare(self) -> None:
        if not (self.source / "networking" / "wsgi.py").exists():
            sys.exit(f"{self.source} is not an export of lorey/personal-crm")
        if not (self.venv / "bin" / "gunicorn").exists():
            print(f"Creating {self.venv} (pip: {', '.join(PEER_PACKAGES)})…", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
            pip = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q"]
            # allauth 0.45 is an sdist whose setup.py needs setuptools.convert_path (gone in
            # recent setuptools): build it with an older one, without build isolation.
            subprocess.run([*pip, "setuptools<70", "wheel"], check=True)
            subprocess.run([*pip, "--no-build-isolation", *PEER_PACKAGES], check=True)
        self.data.mkdir(parents=True, exist_ok=True)
        (self.data / "peer_bench_settings.py").write_text(PEER_SETTINGS)
        (self.data / "peer_bench_urls.py").write_text(PEER_URLS)

    def env(self) -> dict[str, str]:
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))},
            "DJANGO_SETTINGS_MODULE": "peer_bench_settings",
            "PYTHONPATH": f"{self.data}{os.pathsep}{self.source}",
            "PEER_DB": str(self.database),
        }

    def run(self, *arguments: str) -> list[str]:
        """PEER_SCRIPT in the peer's Python; its printed words."""
        done = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", PEER_SCRIPT, *arguments],
            cwd=self.source,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.split()

    def start(self, port: int, worker: str) -> subprocess.Popen[bytes]:
        log = (self.data / "gunicorn.log").open("wb")
        server = subprocess.Popen(
            [
                *(str(self.venv / "bin" / "gunicorn"), "networking.wsgi:application"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--worker-class", worker),
                *("--threads", "4", "--timeout", "60", "--preload"),
            ],
            cwd=self.source,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_LIMIT_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", FLOOR)
                connection.getresponse().read()
                connection.close()
                return server
            except OSError:
                time.sleep(0.2)
        server.kill()
        sys.exit(f"the peer did not answer on port {port}: see {self.data / 'gunicorn.log'}")


def _utc(moment: dt.datetime) -> str:
    """As Django 3.2 stores an aware datetime in SQLite: naive UTC, a space before the time."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def seed_peer(peer: Peer, peer_user: int, user: Any) -> int:
    """Hallway's network copied into the peer's tables (skipped when already there)."""
    from hallway.conversations.models import Conversation
    from hallway.people.models import Note, Person

    people = Person.objects.filter(owner=user)
    with sqlite3.connect(peer.database) as database:
        (there,) = database.execute("SELECT count(*) FROM networking_base_contact").fetchone()
        if there:
            if there != people.count():
                sys.exit(f"{peer.database} holds {there:,} contacts: remove it and run again")
            return int(there)
        lines: dict[int, list[str]] = {}
        contacts, emails, phones = [], [], []
        facets = ("company", "role", "location", "met_at", "work", "origin", "education")
        for person in people.order_by("pk").values(
            "pk", "name", "email", "phone", "keep_in_touch_days", "passions", "drivers", *facets
        ):
            lines[person["pk"]] = [
                person[facet] for facet in (*facets, "passions", "drivers") if person[facet]
            ]
            contacts.append((person["pk"], person["name"][:50], person["keep_in_touch_days"]))
            if person["email"]:
                emails.append((person["pk"], person["email"]))
            if person["phone"]:
                phones.append((person["pk"], person["phone"]))
        for person_id, tag in Person.tags.through.objects.filter(person__owner=user).values_list(
            "person_id", "tag__name"
        ):
            lines[person_id].append(f"#{tag}")
        entries = []  # (contact, title, description, when): conversations and notes
        for person_id, text, created in Note.objects.filter(owner=user).values_list(
            "person_id", "text", "created_at"
        ):
            lines[person_id].append(text)
            entries.append((person_id, "Note", text, created))
        for person_id, started, outcome, notes, event in Conversation.objects.filter(
            owner=user
        ).values_list("person_id", "started_at", "outcome", "notes", "event__name"):
            title = f"Conversation at {event}" if event else "Conversation"
            entries.append((person_id, f"{title} ({outcome})"[:100], notes, started))
        database.executemany(
            "INSERT INTO networking_base_contact (id, name, frequency_in_days, description, "
            "user_id) VALUES (?, ?, ?, ?, ?)",
            [(pk, name, days, "\n".join(lines[pk]), peer_user) for pk, name, days in contacts],
        )
        database.executemany(
            "INSERT INTO networking_base_emailaddress (contact_id, email) VALUES (?, ?)", emails
        )
        database.executemany(
            "INSERT INTO networking_base_phonenumber (contact_id, phone_number) VALUES (?, ?)",
            phones,
        )
        database.executemany(
            "INSERT INTO networking_base_interaction (id, title, description, was_at, user_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (index, title, text, _utc(when), peer_user)
                for index, (_person, title, text, when) in enumerate(entries, start=1)
            ],
        )
        database.executemany(
            "INSERT INTO networking_base_interaction_contacts (interaction_id, contact_id) "
            "VALUES (?, ?)",
            [(index, person) for index, (person, *_rest) in enumerate(entries, start=1)],
        )
    return len(contacts)


def _samples(
    asks: list[tuple[str, int, str, str]], rounds: int, extra: tuple[int, str, str] | None
) -> tuple[dict[str, list[float]], list[float]]:
    """Each (label, port, url, cookie) asked in turn, request by request, `rounds` times, on
    one keep-alive connection per port; then `extra` (port, url, cookie) a few times alone."""
    connections: dict[int, http.client.HTTPConnection] = {}

    def get(port: int, url: str, cookie: str) -> float:
        connection = connections.setdefault(
            port, http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        )
        started = time.perf_counter()
        connection.request("GET", url, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 200, (url, response.status)
        return elapsed

    for _label, port, url, cookie in asks * 3:  # warm each page (templates, first queries)
        get(port, url, cookie)
    samples: dict[str, list[float]] = {label: [] for label, *_rest in asks}
    for _ in range(rounds):
        for label, port, url, cookie in asks:
            samples[label].append(get(port, url, cookie))
    alone = [get(*extra) for _ in range(3)] if extra else []
    for connection in connections.values():
        connection.close()
    return samples, alone


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
    user: Any, port: int, rounds: int, peer: Peer, worker: str = "gthread", contacts: bool = False
) -> None:
    from hallway.people.models import Person

    person = Person.objects.filter(owner=user).order_by("pk").values_list("pk", flat=True)[10]
    peer.prepare()
    (peer_user,) = peer.run("migrate")
    people = seed_peer(peer, int(peer_user), user)
    detail = f"/app/contacts/{person}"
    peer_cookie, peer_queries = peer.run("login", detail)
    hallway_url = f"/people/{person}/"
    hallway_queries = _queries(user, hallway_url)
    cookie, _token = _credentials(user)
    servers: list[subprocess.Popen[Any]] = []
    try:
        servers.append(_start(port))
        servers.append(peer.start(port + 1, worker))
        peer_cookie = f"sessionid={peer_cookie}"
        asks = [
            ("Hallway floor", port, FLOOR, cookie),
            ("Hallway person page", port, hallway_url, cookie),
            ("peer floor", port + 1, FLOOR, peer_cookie),
            ("peer contact page", port + 1, detail, peer_cookie),
        ]
        extra = (port + 1, "/app/contacts", peer_cookie) if contacts else None
        samples, alone = _samples(asks, rounds, extra)
    finally:
        for server in servers:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    p50 = {label: statistics.median(got) for label, got in samples.items()}
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"\nperson page against the peer's contact page over HTTP, {people:,} people on each "
        f"side, person {person}, {rounds} rounds interleaved; load average {load}"
    )
    print(f"  {'':<34}{'p50 ms (x floor)':>16}   {'':<29}SQL queries")
    for label, floor, queries, target in (
        ("Hallway person page", "Hallway floor", hallway_queries, 3.0),
        ("peer contact page", "peer floor", int(peer_queries), None),
    ):
        row(floor, f"{p50[floor]:7.1f}", "-")
        ratio = p50[label] / p50[floor]
        row(
            label,
            f"{p50[label]:7.1f} ({ratio:4.1f}x)",
            f"<= {target:.0f}x floor (10k)" if target else "-",
            f"{queries:>3} queries",
            verdict=ratio <= target if target and people >= 10_000 else None,
        )
    ratio = p50["peer contact page"] / p50["Hallway person page"]
    row("peer contact / person page", f"{ratio:.2f}x", ">= 2x", "", verdict=ratio >= 2)
    if alone:
        print(f"  the peer's contact list (/app/contacts, all {people:,}, unpaged), asked alone:")
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
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8766, help="Hallway; the peer the next")
    args = parser.parse_args()
    from bench.performance import _ensure_network, _setup

    _setup()
    from django.conf import settings

    user = _ensure_network(args.people)
    data = args.peer_data or Path(f"{str(settings.DATA_DIR).rstrip('/')}-crm")
    peer = Peer(args.peer_src, args.peer_venv, data)
    bench_peer_pages(user, args.port, args.rounds, peer, args.peer_worker, args.contact_list)


if __name__ == "__main__":
    main()
