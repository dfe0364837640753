"""`hallway search QUERY` and `hallway reindex`."""

from __future__ import annotations

import json
import re

import typer

from hallway.cli import app
from hallway.cli.common import console, django_ready, fail, resolve_user


def _rich_snippet(html: str) -> str:
    """Snippet HTML (escaped text with <mark>) as rich markup: matched words in bold yellow."""
    from html import unescape

    from rich.markup import escape

    parts = re.split(r"(</?mark>)", html)
    out = []
    for part in parts:
        if part == "<mark>":
            out.append("[bold yellow]")
        elif part == "</mark>":
            out.append("[/bold yellow]")
        else:
            out.append(escape(unescape(part)))
    return "".join(out)


@app.command("search")
def search(
    query: list[str] = typer.Argument(..., help="Words, names, or a description of someone."),
    mode: str = typer.Option(
        "hybrid", "--mode", help="keyword, semantic or hybrid (both, the default)."
    ),
    limit: int = typer.Option(20, "--limit", help="At most this many people (1-100)."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON instead of a table."),
    user: str = typer.Option(
        None, "--user", help="Search this user's people (default: the only user)."
    ),
) -> None:
    """Search your people by words (typos in names forgiven) and by meaning."""
    owner = resolve_user(user)
    from hallway.conversations.selectors import records_as_json
    from hallway.search import selectors

    try:
        results = selectors.search(user=owner, query=" ".join(query), mode=mode, limit=limit)
    except selectors.SearchError as error:
        fail(str(error))
    if not results.query:
        fail("Enter something to search for.")
    if as_json:
        payload = records_as_json(selectors.results_payload(results))
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if results.notice:
        console.print(f"[dim]{results.notice}[/]", highlight=False)
    if not results.hits:
        console.print(f"Nobody matches “{results.query}”.", highlight=False)
        return
    from rich.table import Table

    table = Table(show_lines=False, box=None, pad_edge=False)
    table.add_column("id", style="dim", justify="right")
    table.add_column("name", style="bold")
    table.add_column("role · company")
    table.add_column("why", overflow="fold")
    for hit in results.hits:
        headline = " · ".join(part for part in (hit.person.role, hit.person.company) if part)
        table.add_row(
            str(hit.person.pk), _rich_snippet(hit.name_html), headline, _rich_snippet(hit.snippet)
        )
    console.print(table)


@app.command("reindex")
def reindex(
    user: str = typer.Option(None, "--user", help="Only this user's people (default: everyone)."),
    embeddings: bool = typer.Option(
        True,
        "--embeddings/--no-embeddings",
        help="Also compute missing or stale embeddings (semantic extra).",
    ),
) -> None:
    """Rebuild the search index (and embeddings) from the people, notes and conversations."""
    django_ready()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from hallway.people.models import Person
    from hallway.search import semantic, services

    owner = resolve_user(user) if user else None
    people = Person.objects.all() if owner is None else Person.objects.filter(owner=owner)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Indexing people", total=people.count())
        count = services.documents_rebuild(
            owner=owner, progress=lambda done: progress.advance(task, done)
        )
        services.fts_optimize()
    console.print(f"Indexed {count} people.")
    if not embeddings:
        return
    reason = semantic.unavailable_reason()
    if reason:
        console.print(f"[dim]No embeddings: {reason}.[/]", highlight=False)
        return
    stale = services.stale_embedding_count(owner=owner)
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Computing embeddings", total=stale)
        computed = services.embeddings_refresh(
            owner=owner, progress=lambda done: progress.advance(task, done)
        )
    console.print(f"Computed {computed} embeddings.")
