"""`hallway serve`, `hallway user create` and `hallway demo`, as a user runs them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from hallway.cli import app
from hallway.conversations.models import Conversation
from hallway.events.models import Event
from hallway.people.models import Person

runner = CliRunner()


def test_user_create_reads_the_password_from_stdin(db):
    result = runner.invoke(
        app,
        ["user", "create", "ada", "--email", "ada@example.com", "--password-stdin"],
        input="a-long-passphrase-77\n",
    )
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="ada").check_password("a-long-passphrase-77")


def test_user_create_refuses_a_weak_password_in_one_line(db):
    result = runner.invoke(app, ["user", "create", "ada", "--password-stdin"], input="123\n")
    assert result.exit_code == 1
    assert "too short" in result.output and "Traceback" not in result.output
    assert not User.objects.filter(username="ada").exists()


def test_user_create_refuses_a_taken_name(owner):
    result = runner.invoke(
        app, ["user", "create", "OLIVIA", "--password-stdin"], input="a-long-passphrase-77\n"
    )
    assert result.exit_code == 1 and "taken" in result.output


def test_user_create_needs_password_stdin(db):
    result = runner.invoke(app, ["user", "create", "ada"])
    assert result.exit_code == 1 and "--password-stdin" in result.output


def test_demo_loads_a_living_network(owner):
    result = runner.invoke(app, ["demo", "--user", "olivia"])
    assert result.exit_code == 0, result.output
    people = Person.objects.filter(owner=owner)
    assert people.count() >= 40
    assert Event.objects.filter(owner=owner).count() >= 4
    conversations = Conversation.objects.filter(owner=owner)
    assert conversations.count() >= 30
    assert {"connected", "cards_only"} <= set(conversations.values_list("outcome", flat=True))
    assert conversations.exclude(warning_signs=[]).exists()
    statuses = {person.status for person in people}
    assert statuses == {"card", "connection"}
    assert len({person.origin for person in people if person.origin}) >= 5


def test_demo_for_an_unknown_user_creates_it(db):
    result = runner.invoke(app, ["demo", "--user", "newbie"])
    assert result.exit_code == 0, result.output
    assert Person.objects.filter(owner__username="newbie").count() >= 40


def test_demo_creates_its_user_by_the_account_rules(owner):
    result = runner.invoke(app, ["demo", "--user", "OLIVIA"])
    assert result.exit_code == 1 and "taken" in result.output and "Traceback" not in result.output
    assert not User.objects.filter(username="OLIVIA").exists()
    assert not Person.objects.exists()


def test_every_command_has_help():
    for args in (["--help"], ["serve", "--help"], ["user", "create", "--help"], ["demo", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="serve on a fresh SQLite folder",
)
def test_serve_migrates_a_fresh_data_folder_and_answers(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "HALLWAY_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hallway.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-tasks",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # A hung start fails the test instead of hanging CI. A fresh folder migrates, collects and
    # compresses the static files and prepares the sentence engine first: on a busy 2-core
    # machine that alone took more than 90 s.
    watchdog = threading.Timer(300, server.kill)
    watchdog.start()
    try:
        # Wait for gunicorn to say it listens: read its log lines (EOF means it died).
        log = []
        assert server.stdout is not None
        for raw_line in server.stdout:
            log.append(raw_line.decode(errors="replace"))
            if "Listening at" in log[-1]:
                break
        else:
            raise AssertionError("server exited:\n" + "".join(log))
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/accounts/login/", timeout=10
        ) as response:
            body = response.read().decode()
            assert response.status == 200
        assert "Log in" in body
        assert (tmp_path / "data" / "hallway.sqlite3").exists()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/htmx-2.0.11.min.js", timeout=5
        ) as response:
            assert response.status == 200
    finally:
        watchdog.cancel()
        server.terminate()
        server.wait(timeout=20)
