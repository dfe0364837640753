"""lorey/personal-crm, the peer app of issue 13's person-page clause, run beside Hallway.

Its code is not changed: a settings module in its data folder imports the peer's settings and
changes only the database path, DEBUG (off, as in production) and ALLOWED_HOSTS, and its URL
configuration adds the same floor as Hallway's (a logged-in hello) in front of the peer's own
URLs. Its database is a copy of Hallway's bench network (`seed_peer`). bench/peer_pages.py
measures it.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_pages import FLOOR  # noqa: E402

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

    def __init__(self, source: Path, venv: Path, data: Path | None = None) -> None:
        if data is None:  # beside Hallway's: HALLWAY_DATA_DIR with "-crm"
            from django.conf import settings

            data = Path(f"{str(settings.DATA_DIR).rstrip('/')}-crm")
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
    """Hallway's network copied into the peer's tables (skipped when already there): every
    person a contact with the same id, their details, story, tags and notes its description
    (the peer has neither tags nor notes), their email an email address, their conversations
    and notes interactions; so both apps show the same person."""
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
