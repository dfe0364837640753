"""`hallway doctor` and the Settings page say what is installed and working."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from hallway.cli import app


def _doctor(*args: str) -> Any:
    return CliRunner().invoke(app, ["doctor", *args])


@pytest.fixture
def engines_off(settings: Any, tmp_path: Any) -> None:
    settings.SEMANTIC_SEARCH = "off"
    settings.CARD_SCAN = "off"
    settings.VOICE_MODEL_PATH = str(tmp_path)  # no speech model in this folder


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.semantic
@pytest.mark.ocr
@pytest.mark.voice
def test_doctor_json_reports_every_engine_ready_on_the_test_install(db: None) -> None:
    result = _doctor("--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    statuses = {check["name"]: check["status"] for check in report["checks"]}
    assert report["ok"] is True
    assert statuses["database"] == "on" and statuses["semantic"] == "on" and statuses["ocr"] == "on"
    assert statuses["speech"] == "on"
    assert {check["name"]: check["detail"] for check in report["checks"]}["semantic"].endswith(
        "loaded"
    )
    assert {"version", "worker", "mail", "site_url", "data_folder"} <= set(statuses)


def test_doctor_says_how_to_turn_an_engine_on_and_still_passes(db: None, engines_off: None) -> None:
    result = _doctor()
    assert result.exit_code == 0, result.output
    assert "HALLWAY_SEMANTIC=off; set it to auto" in result.output
    assert "HALLWAY_OCR=off; set it to auto" in result.output
    assert "is not a CTranslate2 Whisper model folder" in result.output


def test_doctor_exits_non_zero_when_mail_is_needed_but_unreachable(
    owner: Any, engines_off: None, settings: Any, closed_port: int
) -> None:
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    result = _doctor("--json")
    assert result.exit_code == 1
    mail = next(check for check in json.loads(result.stdout)["checks"] if check["name"] == "mail")
    assert (
        mail["status"] == "broken" and f"127.0.0.1:{closed_port} does not answer" in mail["detail"]
    )


def test_the_summary_line_names_each_feature(db: None, engines_off: None) -> None:
    result = _doctor("--summary")
    assert result.exit_code == 0
    assert (
        result.output.splitlines()[0] == "search by meaning: off, card scan: off, voice notes: off"
    )


def test_with_features_off_the_screens_say_so_and_how_to_turn_them_on(
    owner_client: Client, engines_off: None
) -> None:
    search = owner_client.get(reverse("search:search"), {"q": "sailing"}).content.decode()
    assert "Searching by words only: semantic search is turned off" in search
    assert "set it to auto to turn it on" in search
    scan = owner_client.get(reverse("interop:scan")).content.decode()
    assert "Card scan is off: Business-card scanning is turned off (HALLWAY_OCR=off" in scan
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "What is installed and working" in page
    assert 'id="doctor-semantic"' in page and "HALLWAY_SEMANTIC=off" in page


def test_the_settings_block_is_for_logged_in_users_only(client: Client, db: None) -> None:
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def silent_mail_server(settings: Any) -> Any:
    """A mail server that takes connections into its queue and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
    yield server
    server.close()


def _connections_waiting(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_the_settings_page_and_the_summary_never_call_the_mail_server(
    owner_client: Client, silent_mail_server: socket.socket, engines_off: None
) -> None:
    page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert (
        'id="doctor-mail"' in page and "unchecked" in page and "`hallway doctor` tests it" in page
    )
    assert _doctor("--summary").exit_code == 0
    assert _connections_waiting(silent_mail_server) == 0
    # The full doctor does test it (and says the server does not answer).
    _doctor("--json")
    assert _connections_waiting(silent_mail_server) == 1
