"""Settings are read once, at start, from the environment: check them in a fresh process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
    "'engine': s.DATABASES['default']['ENGINE'], 'semantic': s.SEMANTIC_SEARCH, "
    "'access_log': s.ACCESS_LOG, 'import_rows': s.IMPORT_MAX_ROWS}))"
)


def _run(tmp_path: Path, code: list[str], **variables: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HALLWAY_DATA_DIR": str(tmp_path / "data"), **variables}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "hallway.settings"
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow
def test_settings_are_typed_and_the_connection_age_is_honoured_on_sqlite(tmp_path: Path):
    result = _run(
        tmp_path,
        ["-c", _PRINT_SETTINGS],
        HALLWAY_DB_CONN_MAX_AGE="7",
        HALLWAY_SEMANTIC="false",
        HALLWAY_ACCESS_LOG="yes",
        HALLWAY_IMPORT_MAX_ROWS="500",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "conn_max_age": 7,
        "engine": "hallway.lib.sqlite",
        "semantic": "off",
        "access_log": True,
        "import_rows": 500,
    }


@pytest.mark.slow
def test_the_cli_refuses_an_unreadable_setting_in_one_line_naming_it(tmp_path: Path):
    result = _run(tmp_path, ["-m", "hallway.cli", "demo"], HALLWAY_SECURE_COOKIES="ture")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Error: HALLWAY_SECURE_COOKIES='ture' is not a yes/no value: use true or false."
    ]


def test_only_settings_read_the_environment():
    """Every setting has one home: settings.py reads it (with the typed helpers of lib/env.py)."""
    reads = re.compile(
        r"os\.environ\.get\(|os\.getenv\(|os\.environ\[|\benv_(?:str|int|bool|list|choice)\("
    )
    package = ROOT / "hallway"
    allowed = {package / "settings.py", package / "lib" / "env.py", package / "conftest.py"}
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path not in allowed and "tests" not in path.parts and not path.name.startswith("test_")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if reads.search(line)
    ]
    assert not offending, f"Read these settings in hallway/settings.py: {offending}"
