"""Two `hallway serve` processes on one PostgreSQL database behave as one Hallway: they start at
the same time (migrations take turns), a log-in on one is valid on the other, and what a member
shares through one server, a teammate finds through the other."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="needs a PostgreSQL server (DATABASE_URL)"
)
PASSWORD = "two-servers-password-42"
HALLWAY = [sys.executable, "-m", "hallway.cli"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    import psycopg

    name = f"hallway_two_{uuid.uuid4().hex[:10]}"
    server = urlparse(DATABASE_URL)
    admin = urlunparse(server._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(server._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"the server stopped: {process.stdout.read().decode() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)  # polling a starting process, not waiting for a result
    raise AssertionError("the server did not start in time")


@pytest.fixture
def servers(database: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], list[str]]]:
    environment = {
        **os.environ,
        "DATABASE_URL": database,
        # What several servers must share: the secret key and the data folder.
        "HALLWAY_SECRET_KEY": "two-servers-" + uuid.uuid4().hex,
        "HALLWAY_DATA_DIR": str(tmp_path / "shared"),
        "HALLWAY_SEMANTIC": "off",
        "HALLWAY_WEB_WORKERS": "1",
    }
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [*HALLWAY, "serve", "--port", str(port), "--no-tasks"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait(url, process)
        yield environment, urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _cli(environment: dict[str, str], *arguments: str, stdin: str = "") -> str:
    result = subprocess.run(
        [*HALLWAY, *arguments],
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _api(url: str, token: str, method: str, path: str, body: Any = None) -> Any:
    request = urllib.request.Request(
        f"{url}/api/v1/{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _two_factor_on(environment: dict[str, str], username: str) -> None:
    """Give the user an authenticator app in the servers' database (a team's owner needs one to
    manage it, also over the API)."""
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth.models import User\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        f"TOTPDevice.objects.create(user=User.objects.get(username={username!r}), confirmed=True)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "DJANGO_SETTINGS_MODULE": "hallway.settings"},
        check=True,
    )


def test_two_servers_on_one_database_are_one_hallway(
    servers: tuple[dict[str, str], list[str]],
) -> None:
    environment, (first, second) = servers
    for name in ("olivia", "theo"):
        _cli(environment, "user", "create", name, "--password-stdin", stdin=PASSWORD + "\n")
    olivia = _cli(environment, "token", "create", "olivia").splitlines()[-1]
    _two_factor_on(environment, "olivia")
    theo = _cli(environment, "token", "create", "theo").splitlines()[-1]

    team = _api(first, olivia, "POST", "teams", {"name": "Hallway"})
    invitation = _api(first, olivia, "POST", f"teams/{team['id']}/invitations", {})
    _api(second, theo, "POST", "teams/join", {"token": invitation["token"]})
    person = _api(first, olivia, "POST", "people", {"name": "Jane Doe", "company": "Acme Corp"})
    _api(
        first,
        olivia,
        "PUT",
        f"people/{person['id']}/sharing",
        {"team_id": team["id"], "level": "know"},
    )
    found = _api(second, theo, "GET", "team-search?q=acme")
    assert [(item["name"], item["teammate"]) for item in found["items"]] == [("Jane Doe", "olivia")]

    # A browser session made on one server works on the other.
    jar = CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = browser.open(f"{first}/accounts/login/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
    assert csrf is not None
    form = f"csrfmiddlewaretoken={csrf.group(1)}&username=theo&password={PASSWORD}".encode()
    browser.open(
        urllib.request.Request(f"{first}/accounts/login/", data=form, headers={"Referer": first})
    )
    page = browser.open(f"{second}/teams/").read().decode()
    assert "Hallway" in page and "Your teams" in page
