"""Docs must not drift: every setting the code reads is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _documentation() -> str:
    return "\n".join(
        path.read_text() for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    )


def test_every_environment_variable_the_code_reads_is_documented():
    pattern = re.compile(r"""["'](HALLWAY_[A-Z0-9_]+|DATABASE_URL)["']""")
    names = set()
    for path in (ROOT / "hallway").rglob("*.py"):
        if "tests" in path.parts or path.name.startswith("test_"):
            continue
        names |= set(pattern.findall(path.read_text()))
    readme = (ROOT / "README.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in readme and name not in readme)
    assert not missing, f"Document these settings in README.md: {missing}"


def test_the_readme_commands_exist():
    readme = (ROOT / "README.md").read_text()
    for script in re.findall(r"^(scripts/[\w.-]+)", readme, flags=re.MULTILINE):
        assert (ROOT / script).exists(), script
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_readme_links_point_to_files_that_exist():
    for link in re.findall(r"\]\(((?:docs|bench)/[^)#]+)\)", _documentation()):
        assert (ROOT / link).exists(), link
