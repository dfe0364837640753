"""`hallway doctor`: what is installed and working, with a non-zero exit when something that is
turned on is broken."""

from __future__ import annotations

import json

import typer

from hallway.cli import app
from hallway.cli.common import console, ensure_migrated

_STYLE = {"on": "green", "off": "dim", "warning": "yellow", "broken": "bold red"}


@app.command()
def doctor(
    as_json: bool = typer.Option(False, "--json", help="Print the checks as JSON."),
    brief: bool = typer.Option(
        False, "--summary", help="One line: which features are on (loads no model)."
    ),
) -> None:
    """Check the database, each engine (loading the models), the task worker, mail, the site
    URL and the data folder; exit 1 when something turned on is broken."""
    ensure_migrated()
    from hallway.doctor.checks import feature_checks, run_checks, summary

    if brief:
        features = feature_checks(load_engines=False)
        line = ", ".join(f"{check.label.lower()}: {check.status}" for check in features)
        console.print(line, highlight=False, soft_wrap=True)
        for check in features:
            if check.status != "on":
                console.print(
                    f"  {check.label}: {check.detail}", highlight=False, soft_wrap=True, style="dim"
                )
        return
    checks = run_checks(load_engines=True)
    result = summary(checks)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        for check in checks:
            style = _STYLE.get(check.status, "")
            console.print(
                f"{check.label:<18} [{style}]{check.status:<8}[/] {check.detail}",
                highlight=False,
                soft_wrap=True,
            )
    if not result["ok"]:
        raise typer.Exit(1)
