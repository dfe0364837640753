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
    default, source = default_user()
    if default:
        user = User.objects.filter(username=default).first()
        if user is None:
            fail(f"No user named “{default}” ({source}). Change it with: hallway config user NAME")
        return user
    users = list(User.objects.order_by("id")[:2])
    if len(users) == 1:
        return users[0]
    if not users:
        fail("No user yet. Create one with: hallway user create NAME --password-stdin")
    fail(
        "Several users exist; say which with --user NAME, or set a default once with "
        "`hallway config user NAME` (or the HALLWAY_USER setting)."
    )


def default_user() -> tuple[str, str]:
    """The default user for per-user commands and where it comes from: HALLWAY_USER wins over
    `hallway config user`."""
    from django.conf import settings

    if settings.CLI_USER:
        return settings.CLI_USER, "from HALLWAY_USER"
    return str(read_cli_config().get("user", "")), "from hallway config user"


def read_cli_config() -> dict[str, Any]:
    from django.conf import settings

    try:
        data = json.loads(settings.CLI_CONFIG_FILE.read_text())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        fail(f"{settings.CLI_CONFIG_FILE} is not readable JSON; delete it or fix it.")
    return data if isinstance(data, dict) else {}


def write_cli_config(data: dict[str, Any]) -> None:
    from django.conf import settings

    path = settings.CLI_CONFIG_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n")
    temporary.replace(path)


def read_stdin_line() -> str:
    data = sys.stdin.readline()
    return data.rstrip("\r\n")
