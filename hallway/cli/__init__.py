"""The `hallway` command. Each feature adds its commands in its own module, listed in
COMMAND_MODULES."""

from __future__ import annotations

import os
import sys
from importlib import import_module

import typer

app = typer.Typer(
    name="hallway",
    help="Hallway: a personal networking companion. Collect stories, not business cards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The modules that add commands to `app` when imported, all of them, in help order.
COMMAND_MODULES = (
    "hallway.cli.groups",
    "hallway.cli.core",
    "hallway.cli.tokens",
    "hallway.cli.people",
    "hallway.cli.log",
    "hallway.cli.events",
    "hallway.cli.recall",
    "hallway.cli.search",
    "hallway.cli.interop",
    "hallway.cli.practice",
    "hallway.cli.config",
    "hallway.cli.doctor",
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()


def _load_commands() -> None:
    for module in COMMAND_MODULES:
        import_module(module)


_load_commands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
