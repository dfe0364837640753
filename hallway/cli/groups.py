"""Command groups shared by several feature modules (e.g. `people merge` comes from interop)."""

from __future__ import annotations

import typer

from hallway.cli import app

people_app = typer.Typer(help="List, show and add people.", no_args_is_help=True)
events_app = typer.Typer(help="List and show events.", no_args_is_help=True)
token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)

app.add_typer(people_app, name="people")
app.add_typer(events_app, name="events")
app.add_typer(token_app, name="token")
