"""The commands in a fresh interpreter on a fresh data folder, exactly as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


@pytest.fixture
def hallway(tmp_path: Path) -> Any:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(HALLWAY_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hallway.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            check=False,
        )

    return run


def test_user_token_people_log_and_events_from_a_fresh_data_folder(hallway: Any) -> None:
    created = hallway("user", "create", "ada", "--password-stdin", stdin="a-long-passphrase-77\n")
    assert created.returncode == 0, created.stderr
    token = hallway("token", "create", "ada")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip().startswith("hw_") and token.stdout.count("\n") == 1
    tokens = json.loads(hallway("token", "list", "--json").stdout)
    assert tokens["count"] == 1
    assert hallway("people", "add", "Zoë Martin", "--company", "Globex").returncode == 0
    logged = hallway("log", "zoe", "--learned", "passions=sailing", "--at", "2025-05-01T18:30")
    assert logged.returncode == 0, logged.stderr
    person = json.loads(hallway("people", "show", "Zoe Martin", "--json").stdout)
    assert person["status"] == "connection" and person["last_contact_at"].startswith("2025-05-01")
    events = hallway("events", "list", "--json")
    assert events.returncode == 0 and json.loads(events.stdout)["count"] == 0
    missing = hallway("people", "show", "Nobody")
    assert (
        missing.returncode == 1
        and missing.stderr.count("\n") == 1
        and "Traceback" not in missing.stderr
    )
