"""Docs must not drift: every setting, command and endpoint is documented in README.md or
docs/*.md, each router's endpoints together on its feature's page."""

from __future__ import annotations

import re

import typer.main

from hallway.api.urls import ROUTERS, api
from hallway.cli import app
from hallway.tests.documentation import (
    DOCS,
    ROOT,
    documentation,
    documented_endpoints,
    normalize_path,
)


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
    documented = documented_endpoints(documentation())
    missing = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if (method.upper(), normalize_path(path)) not in documented:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"Document these endpoints in README.md or docs/*.md: {missing}"


def test_each_routers_endpoints_are_documented_together_on_one_page() -> None:
    """A feature's page lists all its endpoints (recall.md the recall ones, and so on)."""
    pages = {page.name: documented_endpoints(page.read_text()) for page in DOCS.glob("*.md")}
    for _, router in ROUTERS:
        endpoints = {
            (method, normalize_path(path))
            for path, path_view in router.path_operations.items()
            for operation in path_view.operations
            for method in operation.methods
        }
        assert endpoints, router
        homes = [name for name, documented in pages.items() if endpoints <= documented]
        best = max(pages, key=lambda name: len(endpoints & pages[name]))
        assert homes, (
            f"Document these endpoints on {best} with the others of their router: "
            f"{sorted(endpoints - pages[best])}"
        )


def test_every_cli_command_is_documented() -> None:
    text = documentation()
    commands = _commands(typer.main.get_command(app))
    assert "hallway people list" in commands and "hallway log" in commands
    missing = [
        command for command in commands if not re.search(rf"{re.escape(command)}(?![\w-])", text)
    ]
    assert not missing, f"Document these commands in README.md or docs/*.md: {missing}"


def test_the_endpoint_finder_reads_the_usual_ways_of_writing_endpoints() -> None:
    found = documented_endpoints("`GET|PATCH /api/v1/people/{id}` and `POST /people/<id>/notes`.")
    assert found == {("GET", "/people/{}"), ("PATCH", "/people/{}"), ("POST", "/people/{}/notes")}


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
    for link in re.findall(r"\]\(((?:docs|bench)/[^)#]+)\)", documentation()):
        assert (ROOT / link).exists(), link
