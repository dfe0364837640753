"""`hallway people list|show|add`: the same services and selectors as the web views and the API,
and the API's shape with --json."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from hallway.cli.common import (
    JSON_OPTION,
    USER_OPTION,
    console,
    error_console,
    fail,
    print_json,
    resolve_user,
    validation_message,
)
from hallway.cli.groups import people_app
from hallway.cli.lookup import find_person

if TYPE_CHECKING:
    from hallway.people.models import Person


@people_app.command("list")
def people_list(
    q: str = typer.Option(
        "", "--q", "-q", help="Words found anywhere (name, company, story, notes)."
    ),
    tag: str = typer.Option("", "--tag", help="Only people with this tag."),
    status: str = typer.Option("", "--status", help="card or connection."),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="At most this many (1-500)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List your people (filter by words, tag and status)."""
    if status not in ("", "card", "connection"):
        fail(f"--status: “{status}” is not a status; use card or connection.")
    owner = resolve_user(user)
    from hallway.people.selectors import people_filter, person_as_dict

    people = people_filter(user=owner, q=q, tag=tag, status=status)
    count = people.count()
    page = list(people[offset : offset + limit])
    if as_json:
        print_json({"items": [person_as_dict(person) for person in page], "count": count})
        return
    if not count:
        console.print(
            "No people match."
            if (q or tag or status)
            else "No people yet. Add one with: hallway people add NAME"
        )
        return
    table = Table("id", "name", "company", "role", "status", "story", "tags")
    for person in page:
        table.add_row(
            str(person.pk),
            person.name,
            person.company,
            person.role,
            person.status,
            f"{person.completeness_percent}%",
            ", ".join(person.tag_names),
        )
    console.print(table)
    if count > len(page):
        console.print(f"[dim]{len(page)} of {count} shown; use --limit and --offset for more.[/]")


@people_app.command("show")
def people_show(
    name: str = typer.Argument(..., help="A name (forgiving: case, accents, part of it) or an id."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show a person: details, story and the questions still to ask."""
    owner = resolve_user(user)
    from hallway.lib.story import FACET_LABELS, FACETS
    from hallway.people.selectors import person_as_dict

    person = find_person(owner, name)
    if as_json:
        print_json(person_as_dict(person))
        return
    headline = ", ".join(part for part in (person.role, person.company) if part)
    console.print(
        f"[bold]{person.name}[/] (#{person.pk}){' — ' + headline if headline else ''}",
        highlight=False,
    )
    for label, value in (
        ("E-mail", person.email),
        ("Phone", person.phone),
        ("Location", person.location),
        ("Met", person.met_at),
        ("Tags", ", ".join(person.tag_names)),
    ):
        if value:
            console.print(f"  {label}: {value}", highlight=False)
    console.print(
        f"  Status: {person.status}, story {person.completeness_percent}% known", highlight=False
    )
    for facet in FACETS:
        text = person.story[facet]
        console.print(
            f"  {FACET_LABELS[facet]}: {text if text else '[dim]unknown[/]'}", highlight=False
        )
    if person.open_questions:
        console.print("Still to ask:")
        for _facet, question in person.open_questions:
            console.print(f"  • {question}", highlight=False)


@people_app.command("add")
def people_add(
    name: str = typer.Argument(..., help="Their full name."),
    company: str = typer.Option("", "--company"),
    role: str = typer.Option("", "--role"),
    email: str = typer.Option("", "--email"),
    phone: str = typer.Option("", "--phone"),
    location: str = typer.Option("", "--location"),
    met_at: str = typer.Option("", "--met-at", help="Where / how you met."),
    tags: list[str] = typer.Option([], "--tag", help="A tag (repeat for several)."),
    work: str = typer.Option("", "--work", help="What they do for a living."),
    origin: str = typer.Option("", "--origin", help="Where they grew up."),
    education: str = typer.Option("", "--education", help="Where they studied."),
    passions: str = typer.Option("", "--passions", help="What they are passionate about."),
    drivers: str = typer.Option("", "--drivers", help="What drives them."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a person, with whatever you know of their story."""
    owner = resolve_user(user)
    from django.core.exceptions import ValidationError

    from hallway.people.selectors import person_as_dict
    from hallway.people.services import person_create

    story = {
        "work": work,
        "origin": origin,
        "education": education,
        "passions": passions,
        "drivers": drivers,
    }
    try:
        person = person_create(
            owner=owner,
            name=name,
            company=company,
            role=role,
            email=email,
            phone=phone,
            location=location,
            met_at=met_at,
            tags=tags,
            story={facet: text for facet, text in story.items() if text},
        )
    except ValidationError as error:
        fail(validation_message(error))
    _warn_of_duplicates(person)
    if as_json:
        print_json(person_as_dict(person))
        return
    console.print(
        f"Added [bold]{person.name}[/] (#{person.pk}) — {person.status}.", highlight=False
    )


def _warn_of_duplicates(person: Person) -> None:
    """One line on stderr when the new person is probably someone the user already has."""
    from hallway.people.selectors import likely_duplicates_of

    others = likely_duplicates_of(person)
    if others:
        names = ", ".join(
            f"{other.name}{f' at {other.company}' if other.company else ''} (#{other.pk})"
            for other in others
        )
        error_console.print(
            f"[bold yellow]Note:[/] you already have {names}. If it is the same person, "
            "merge them on the Duplicates screen.",
            highlight=False,
            soft_wrap=True,
        )
