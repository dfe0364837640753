"""Core commands: serve, user create, demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from hallway.cli import app
from hallway.cli.common import (
    console,
    django_ready,
    ensure_migrated,
    fail,
    read_stdin_line,
    resolve_user,
    validation_message,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int | None = typer.Option(
        None, help="Worker processes (default: HALLWAY_WEB_WORKERS, else 2)."
    ),
    tasks: bool = typer.Option(True, help="Also run the built-in background task worker."),
) -> None:
    """Apply pending migrations, collect the static files, then serve the web app and the API
    with gunicorn."""
    django_ready()
    from django.conf import settings

    _migrate()
    _refresh_query_planner_statistics()
    from hallway.pocket.staticfiles import collect_if_changed

    # Hashed, gzip and brotli copies of the static files (only when a source file changed).
    collect_if_changed()
    console.print(f"Hallway is starting at [bold]http://{host}:{port}[/]…", highlight=False)
    from hallway.cli.server import exec_server

    # The server is this process started afresh: what migrating and collecting left in memory
    # (and the command line's own modules) would otherwise be copied into every web worker.
    exec_server(
        host=host,
        port=port,
        workers=settings.WEB_WORKERS if workers is None else workers,
        with_tasks=tasks,
    )


# Any constant: app servers starting at once on one PostgreSQL take turns migrating.
_MIGRATION_LOCK = 7_314_925


def _migrate() -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False, verbosity=0)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])
        try:
            call_command("migrate", interactive=False, verbosity=0)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])


def _refresh_query_planner_statistics() -> None:
    """SQLite plans with the partial indexes (connections / cards) only once it has statistics."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            # A full ANALYZE once (about a second at 100,000 people), then only what changed.
            cursor.execute("PRAGMA optimize" if cursor.fetchone() else "ANALYZE")


def _password_from_stdin(password_stdin: bool) -> str:
    """The password from standard input (never an argument, where `ps` and shell history see
    it), with the database migrated for the command that uses it."""
    if not password_stdin:
        fail("Pass --password-stdin and the password on standard input (it is never an argument).")
    password = read_stdin_line()
    if not password:
        fail("No password on standard input.")
    ensure_migrated()
    return password


@user_app.command("create")
def user_create(
    name: str = typer.Argument(..., help="The username."),
    email: str = typer.Option("", "--email", help="E-mail address (for the digest)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Create an account; the password is read from standard input."""
    password = _password_from_stdin(password_stdin)
    from django.core.exceptions import ValidationError

    from hallway.accounts.services import user_create as create

    try:
        user = create(username=name, password=password, email=email)
    except ValidationError as error:
        fail(validation_message(error))
    console.print(f"Created user [bold]{user.username}[/].")


@user_app.command("set-password")
def user_set_password(
    name: str = typer.Argument(..., help="The username."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the new password from standard input."
    ),
) -> None:
    """Give an account a new password (read from standard input); its sessions are logged out."""
    password = _password_from_stdin(password_stdin)
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    from hallway.accounts.services import password_set

    user = User.objects.filter(username=name).first()
    if user is None:
        fail(f"No user named “{name}”.")
    try:
        password_set(user=user, password=password)
    except ValidationError as error:
        fail(validation_message(error))
    console.print(f"New password set for [bold]{user.username}[/]; its sessions are logged out.")


def _existing_user(name: str) -> User:
    ensure_migrated()
    from django.contrib.auth.models import User

    user = User.objects.filter(username=name).first()
    if user is None:
        fail(f"No user named “{name}”.")
    return user


@user_app.command("2fa-status")
def user_two_factor_status(name: str = typer.Argument(..., help="The username.")) -> None:
    """Say whether two-factor authentication is on, with which apps and how many recovery
    codes are left."""
    from hallway.accounts.two_factor import authenticators, recovery_codes_left

    user = _existing_user(name)
    apps = authenticators(user)
    if not apps:
        console.print(f"Two-factor authentication is off for [bold]{name}[/].")
        return
    console.print(f"Two-factor authentication is on for [bold]{name}[/]:")
    for device in apps:
        used = device.last_used_at
        console.print(
            f"  {device.name}, added {device.created_at:%Y-%m-%d}, "
            + (f"last used {used:%Y-%m-%d %H:%M}" if used else "not used to log in yet"),
            highlight=False,
        )
    console.print(f"  {recovery_codes_left(user)} recovery codes left", highlight=False)


@user_app.command("2fa-reset")
def user_two_factor_reset(name: str = typer.Argument(..., help="The username.")) -> None:
    """Turn two-factor authentication off for an account whose phone is lost (their password
    alone logs them in again; they can turn it back on in Settings)."""
    from hallway.accounts.two_factor import two_factor_disable

    user = _existing_user(name)
    removed = two_factor_disable(user=user)
    if not removed:
        console.print(f"Two-factor authentication was already off for [bold]{name}[/].")
        return
    console.print(
        f"Two-factor authentication is off for [bold]{name}[/]: the password alone logs in; "
        "turn it back on in Settings → Two-factor authentication."
    )


@app.command()
def demo(
    user: str = typer.Option(
        None, "--user", help="Load the sample network for this user (created if missing)."
    ),
) -> None:
    """Load a realistic sample network (people with stories, events, conversations)."""
    ensure_migrated()
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    from hallway.accounts.services import user_create as create
    from hallway.demo import load_demo

    if user and not User.objects.filter(username=user).exists():
        import secrets

        password = secrets.token_urlsafe(12)
        try:
            create(username=user, password=password)
        except ValidationError as error:
            fail(validation_message(error))
        console.print(
            f"Created user [bold]{user}[/] with password [bold]{password}[/] (change it)."
        )
    owner = resolve_user(user)
    summary = load_demo(owner=owner)
    console.print(
        f"Loaded the demo network for [bold]{owner.username}[/]: {summary['people']} people, "
        f"{summary['events']} events, {summary['conversations']} conversations."
    )
