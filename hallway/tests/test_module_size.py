"""No module outside migrations and tests grows past 400 lines: past that, a module holds
several things, and it becomes a package split along its sections."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400


def _modules() -> list[Path]:
    found = []
    for folder in ("hallway", "bench", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts or path.name.startswith("test_"):
                continue
            if path.name == "conftest.py":
                continue
            found.append(path)
    return found


def test_no_module_passes_the_line_limit() -> None:
    too_long = {
        str(path.relative_to(ROOT)): length
        for path in _modules()
        if (length := len(path.read_text().splitlines())) > LIMIT
    }
    assert not too_long, f"Split these modules (over {LIMIT} lines) into packages: {too_long}"


def test_the_check_sees_the_package() -> None:
    names = {str(path.relative_to(ROOT)) for path in _modules()}
    assert "hallway/people/services.py" in names and "bench/run.py" in names
    assert not any("/migrations/" in name or "/tests/" in name for name in names)
