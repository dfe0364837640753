"""Core commands: serve, user create, demo."""

from __future__ import annotations

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
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    _refresh_query_planner_statistics()
    from hallway.pocket.staticfiles import collect_if_changed

    # Hashed, gzip and brotli copies of the static files (only when a source file changed).
    collect_if_changed()
    console.print(f"Hallway is starting at [bold]http://{host}:{port}[/]…", highlight=False)
    from hallway.cli.server import run_server

    run_server(
        host=host,
        port=port,
        workers=settings.WEB_WORKERS if workers is None else workers,
        with_tasks=tasks,
    )


def _refresh_query_planner_statistics() -> None:
    """SQLite plans with the partial indexes (connections / cards) only once it has statistics."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            # A full ANALYZE once (about a second at 100,000 people), then only what changed.
            cursor.execute("PRAGMA optimize" if cursor.fetchone() else "ANALYZE")


@user_app.command("create")
def user_create(
    name: str = typer.Argument(..., help="The username."),
    email: str = typer.Option("", "--email", help="E-mail address (for the digest)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Create an account; the password is read from standard input."""
    if not password_stdin:
        fail("Pass --password-stdin and the password on standard input (it is never an argument).")
    password = read_stdin_line()
    if not password:
        fail("No password on standard input.")
    ensure_migrated()
    from django.core.exceptions import ValidationError

    from hallway.accounts.services import user_create as create

    try:
        user = create(username=name, password=password, email=email)
    except ValidationError as error:
        fail(validation_message(error))
    console.print(f"Created user [bold]{user.username}[/].")


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
