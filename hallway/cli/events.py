"""`hallway events list|show`: the user's events, with the API's shape on --json."""

from __future__ import annotations

import typer
from rich.table import Table

from hallway.cli.common import JSON_OPTION, USER_OPTION, console, print_json, resolve_user
from hallway.cli.groups import events_app
from hallway.cli.lookup import find_event


@events_app.command("list")
def events_list(
    upcoming: bool = typer.Option(
        False, "--upcoming", help="Only events that have not started yet."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="At most this many (1-500)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List your events, the latest first."""
    owner = resolve_user(user)
    from django.utils import timezone

    from hallway.events.selectors import event_as_dict, events_filter

    events = events_filter(user=owner, upcoming=upcoming)
    count = events.count()
    page = list(events[offset : offset + limit])
    if as_json:
        print_json({"items": [event_as_dict(event) for event in page], "count": count})
        return
    if not count:
        console.print("No events yet. Plan one in the web app (Events → Add).")
        return
    table = Table("id", "name", "starts", "location", "met", "want to meet")
    for event in page:
        table.add_row(
            str(event.pk),
            event.name,
            f"{timezone.localtime(event.starts_at):%Y-%m-%d %H:%M}",
            event.location,
            str(len({conversation.person_id for conversation in event.conversations.all()})),
            str(len(event.want_to_meet.all())),
        )
    console.print(table)


@events_app.command("show")
def events_show(
    name: str = typer.Argument(..., help="An event name (forgiving) or an id."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show an event: when, where, your goal, who you met and who you want to meet."""
    owner = resolve_user(user)
    from django.utils import timezone

    from hallway.events.selectors import event_as_dict, people_met

    event = find_event(owner, name)
    if as_json:
        print_json(event_as_dict(event))
        return
    console.print(f"[bold]{event.name}[/] (#{event.pk})", highlight=False)
    when = f"{timezone.localtime(event.starts_at):%Y-%m-%d %H:%M}"
    if event.ends_at:
        when += f" – {timezone.localtime(event.ends_at):%Y-%m-%d %H:%M}"
    console.print(f"  When: {when}", highlight=False)
    if event.location:
        console.print(f"  Where: {event.location}", highlight=False)
    if event.goal_new_connections is not None:
        console.print(f"  Goal: {event.goal_new_connections} new connections", highlight=False)
    met = list(people_met(event=event))
    console.print(
        f"  Met: {', '.join(person.name for person in met) if met else 'nobody yet'}",
        highlight=False,
    )
    wanted = list(event.want_to_meet.all())
    if wanted:
        console.print(
            f"  Want to meet: {', '.join(person.name for person in wanted)}", highlight=False
        )
    if event.reflection:
        console.print(f"  Reflection: {event.reflection}", highlight=False)
