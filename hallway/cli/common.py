"""Shared CLI helpers: one-line errors, Django setup, looking up users and people forgivingly."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console()
error_console = Console(stderr=True)

USER_OPTION = typer.Option(
    None, "--user", help="Whose data (needed only when several users exist)."
)
JSON_OPTION = typer.Option(False, "--json", help="Print JSON (the API's shape) for scripts.")


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line on stderr and exit non-zero."""
    error_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def django_ready() -> None:
    """Set Django up; a setting that cannot be read is one line naming it, not a traceback."""
    from hallway.cli import setup_django
    from hallway.lib.env import SettingError

    try:
        setup_django()
    except SettingError as error:
        fail(str(error), code=2)


def ensure_migrated() -> None:
    """Bring the database schema up to date (a fresh data folder needs no separate step)."""
    django_ready()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def validation_message(error: Any) -> str:
    """A Django ValidationError as one line."""
    if hasattr(error, "message_dict"):
        return "; ".join(f"{msgs[0]}" for field, msgs in error.message_dict.items())
    if hasattr(error, "messages"):
        return "; ".join(error.messages)
    return str(error)


def resolve_user(username: str | None) -> Any:
    """The named user, or the only user when there is exactly one."""
    ensure_migrated()
    from django.contrib.auth.models import User

    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            fail(
                f"No user named “{username}”. Create one with: hallway user create {username} --password-stdin"
            )
        return user
    users = list(User.objects.order_by("id")[:2])
    if len(users) == 1:
        return users[0]
    if not users:
        fail("No user yet. Create one with: hallway user create NAME --password-stdin")
    fail("Several users exist; say which with --user NAME.")


def read_stdin_line() -> str:
    data = sys.stdin.readline()
    return data.rstrip("\r\n")
