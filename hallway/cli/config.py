"""`hallway config`: defaults kept in the data folder, so everyday commands need fewer options."""

from __future__ import annotations

import typer

from hallway.cli import app
from hallway.cli.common import (
    console,
    default_user,
    ensure_migrated,
    fail,
    read_cli_config,
    write_cli_config,
)

config_app = typer.Typer(help="Defaults for the command line.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("user")
def config_user(
    name: str = typer.Argument(None, help="The account the per-user commands act for."),
    unset: bool = typer.Option(False, "--unset", help="Forget the default user."),
) -> None:
    """Show or set the default user of per-user commands (`people`, `log`, `search`…)."""
    ensure_migrated()
    config = read_cli_config()
    if unset:
        config.pop("user", None)
        write_cli_config(config)
        console.print("No default user any more: commands ask for --user when there are several.")
        return
    if name is None:
        current, source = default_user()
        if not current:
            fail("No default user. Set one with: hallway config user NAME")
        console.print(f"{current} ({source})", highlight=False)
        return
    from django.contrib.auth.models import User

    if not User.objects.filter(username=name).exists():
        fail(
            f"No user named “{name}”. Create one with: hallway user create {name} --password-stdin"
        )
    config["user"] = name
    write_cli_config(config)
    console.print(f"Commands now act for [bold]{name}[/] unless you give --user.", highlight=False)
