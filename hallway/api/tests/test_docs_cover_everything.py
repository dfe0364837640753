"""Docs must not drift: every CLI command and every API endpoint is in README.md or docs/*.md."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from hallway.api.urls import api
from hallway.cli import app

ROOT = Path(__file__).resolve().parents[3]
METHOD = r"(?:GET|POST|PUT|PATCH|DELETE)"
# `GET /api/v1/people`, `GET|PATCH|DELETE /api/v1/people/{id}`, also without the /api/v1 prefix.
DOCUMENTED_ENDPOINT = re.compile(rf"\b({METHOD}(?:\s*\|\s*{METHOD})*)\s+((?:/api/v1)?/[^\s`|)?]*)")


def _documentation() -> str:
    return "\n".join(
        path.read_text() for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    )


def _normalize(path: str) -> str:
    path = path.removeprefix("/api/v1")
    path = re.sub(r"\{[^}]*\}|<[^>]*>", "{}", path)
    return path.rstrip("/.,:;") or "/"


def _documented_endpoints(text: str) -> set[tuple[str, str]]:
    found = set()
    for methods, path in DOCUMENTED_ENDPOINT.findall(text):
        for method in re.split(r"\s*\|\s*", methods):
            found.add((method, _normalize(path)))
    return found


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[str]:
    names = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        if getattr(command, "hidden", False):
            continue
        if hasattr(command, "commands"):
            names += _commands(command, (*prefix, name))
        else:
            names.append(" ".join(("hallway", *prefix, name)))
    return names


def test_every_api_endpoint_is_documented() -> None:
    documented = _documented_endpoints(_documentation())
    missing = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if (method.upper(), _normalize(path)) not in documented:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"Document these endpoints in README.md or docs/*.md: {missing}"


def test_every_cli_command_is_documented() -> None:
    text = _documentation()
    commands = _commands(typer.main.get_command(app))
    assert "hallway people list" in commands and "hallway log" in commands
    missing = [
        command for command in commands if not re.search(rf"{re.escape(command)}(?![\w-])", text)
    ]
    assert not missing, f"Document these commands in README.md or docs/*.md: {missing}"


def test_the_endpoint_finder_reads_the_usual_ways_of_writing_endpoints() -> None:
    found = _documented_endpoints("`GET|PATCH /api/v1/people/{id}` and `POST /people/<id>/notes`.")
    assert found == {("GET", "/people/{}"), ("PATCH", "/people/{}"), ("POST", "/people/{}/notes")}
