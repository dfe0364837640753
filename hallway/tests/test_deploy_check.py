"""`manage.py check --deploy` is clean with production settings (HALLWAY_HTTPS=true and a real key)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _deploy_check(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HALLWAY_DATA_DIR": str(tmp_path),
        "HALLWAY_SECRET_KEY": secrets.token_urlsafe(50),
        "HALLWAY_ALLOWED_HOSTS": "hallway.example",
        "HALLWAY_DEBUG": "false",
        **variables,
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test conftest, never in production
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_behind_https_the_deploy_check_is_clean(tmp_path: Path) -> None:
    result = _deploy_check(tmp_path, HALLWAY_HTTPS="true")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_https_the_check_names_what_is_missing(tmp_path: Path) -> None:
    result = _deploy_check(tmp_path)
    assert result.returncode == 1
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr
