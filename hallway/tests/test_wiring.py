"""Wiring is explicit: every app, router and command module is listed, and the core domains
never import the features built on top of them."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from hallway.api.urls import ROUTERS
from hallway.cli import COMMAND_MODULES

PACKAGE = Path(__file__).resolve().parents[1]
CORE = ("accounts", "people", "events", "conversations", "lib")
FEATURES = (
    "home",
    "eventmode",
    "recall",
    "search",
    "interop",
    "practice",
    "updates",
    "voice",
    "sync",
    "api",
    "cli",
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def test_every_app_of_the_package_is_installed():
    apps = {f"hallway.{path.parent.name}" for path in PACKAGE.glob("*/apps.py")}
    assert apps - set(settings.INSTALLED_APPS) == set()


def test_every_router_module_is_mounted():
    mounted = {router for _, router in ROUTERS}
    for path in sorted((PACKAGE / "api").glob("*.py")):
        if "router" in {
            target.id
            for node in ast.parse(path.read_text()).body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }:
            module = __import__(f"hallway.api.{path.stem}", fromlist=["router"])
            assert module.router in mounted, f"list hallway.api.{path.stem} in ROUTERS"


def test_every_command_module_is_listed_and_exists():
    for module in COMMAND_MODULES:
        assert (PACKAGE / "cli" / f"{module.removeprefix('hallway.cli.')}.py").exists(), module


def test_the_core_domains_import_no_feature_built_on_them():
    offending = []
    for app in CORE:
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.parts or path.name.startswith("test_") or "migrations" in path.parts:
                continue
            for module in _imported_modules(path):
                if module.split(".")[:2] in [["hallway", feature] for feature in FEATURES]:
                    offending.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offending, offending


# The core domains stack in this order; each may import only those before it (and itself).
LAYERS = ("lib", "accounts", "people", "events", "conversations")


def test_the_core_domains_import_only_the_layers_below():
    offending = []
    for level, app in enumerate(LAYERS):
        above = LAYERS[level + 1 :]
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.parts or path.name.startswith("test_") or "migrations" in path.parts:
                continue
            for module in _imported_modules(path):
                if module.split(".")[:2] in [["hallway", higher] for higher in above]:
                    offending.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offending, offending
