"""Every /api/ error is JSON `{"detail": …}`: server failures and over-long URLs included."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import Client

PORT = 8911


def _failing_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise DatabaseError("disk I/O error")


def _full_disk_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise OSError(28, "No space left on device")


def test_a_database_failure_is_a_json_500_not_an_html_page(owner_api: Any, caplog: Any) -> None:
    with connection.execute_wrapper(_failing_query):
        response = owner_api.get("people")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Something went wrong on the server. Try again later."}
    assert "disk I/O error" in caplog.text  # logged for the operator, not shown to the client


def test_a_full_disk_is_a_json_507(owner_api: Any) -> None:
    with connection.execute_wrapper(_full_disk_query):
        response = owner_api.post("people", {"name": "Zoe"})
    assert response.status_code == 507
    assert "disk is full" in response.json()["detail"]


def test_web_pages_keep_djangos_own_error_handling(owner_client: Any) -> None:
    with connection.execute_wrapper(_failing_query), pytest.raises(DatabaseError):
        owner_client.get("/people/")


@pytest.mark.parametrize("path", ["/api/v1/people", "/api/v1/nothing-here"])
def test_a_url_over_the_limit_is_a_json_414(db: Any, path: str) -> None:
    limit = settings.MAX_REQUEST_LINE
    query = "?q=" + "a" * (limit - len(path) - 3)
    assert Client().get(path + query).status_code in (401, 404)  # exactly at the limit: served
    response = Client().get(path + query + "a")
    assert response.status_code == 414
    assert response.json() == {"detail": f"The URL is too long: the limit is {limit} characters."}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[int]:
    """`hallway serve` for real (gunicorn with our worker) on a port of its own."""
    env = {**os.environ, "HALLWAY_DATA_DIR": str(tmp_path), "HALLWAY_LOG_LEVEL": "INFO"}
    env.pop("DATABASE_URL", None)  # its own SQLite file: the test database is not committed
    process = subprocess.Popen(
        [sys.executable, "-m", "hallway.cli", "serve", "--no-tasks", "--workers", "1"]
        + ["--port", str(PORT)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:  # blocks until gunicorn says it listens (or the process ends)
        if "Booting worker" in line:
            break
    try:
        yield PORT
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)


def _raw_get(port: int, target: str) -> tuple[int, dict[str, Any]]:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = [
                line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
            ]
            if length and len(body) >= int(length[0].split(b":")[1]):
                break
    status = int(head.split(b" ")[1])
    assert b"content-type: application/json" in head.lower()
    return status, json.loads(body)


def test_hallway_serve_refuses_long_request_lines_with_json_at_both_limits(served: int) -> None:
    limit = settings.MAX_REQUEST_LINE
    over_app_limit = "/api/v1/people?q=" + "a" * limit  # past the app's limit, gunicorn reads it
    assert _raw_get(served, over_app_limit)[0] == 414
    over_server_limit = "/api/v1/people?q=" + "a" * settings.GUNICORN_REQUEST_LINE
    status, body = _raw_get(served, over_server_limit)
    assert status == 414
    assert body == {"detail": f"The URL is too long: the limit is {limit} characters."}
