"""Recall commands: `brief` (a person or an event), `events brief`, `due` and `reconnect`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from hallway.cli import app
from hallway.cli.common import (
    JSON_OPTION,
    USER_OPTION,
    console,
    django_ready,
    fail,
    print_json,
    resolve_user,
)
from hallway.cli.groups import events_app
from hallway.cli.lookup import find_event, find_person


def _role_line(person: Any) -> str:
    return " at ".join(part for part in (person.role, person.company) if part)


def _when(moment: Any) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%a %-d %b %Y") if moment else ""


# --- brief -----------------------------------------------------------------------------------


def _show_person_briefing(briefing: Any) -> None:
    from hallway.lib.story import FACET_LABELS

    person = briefing.person
    header = Text(person.name, style="bold")
    if _role_line(person):
        header.append(f"  {_role_line(person)}", style="dim")
    header.append(
        f"  [{person.status}]", style="green" if person.status == "connection" else "yellow"
    )
    console.print(Panel(header, expand=False))

    console.print("[bold]Ask next time[/]")
    if briefing.next_questions:
        for number, item in enumerate(briefing.next_questions, start=1):
            console.print(f"  {number}. {item.question}", highlight=False)
            reason = (
                item.because
                if item.rule == "facet"
                else f"you noted on {item.date:%-d %b %Y}: “{item.because}”"
            )
            console.print(f"     [dim]{reason}[/]", highlight=False)
    else:
        console.print(
            "  [dim]Their story is complete and nothing recent calls for a question: ask what's new.[/]"
        )

    for item in briefing.celebrations:
        console.print(f"\n[bold]{item.text}[/]", highlight=False)
    console.print("\n[bold]Last time[/]")
    if briefing.last_conversation is not None:
        where = (
            f" at {briefing.last_conversation.event.name}"
            if briefing.last_conversation.event
            else ""
        )
        console.print(
            f"  {_when(briefing.last_talked_at)}{where} · {briefing.last_conversation.outcome_label}",
            highlight=False,
        )
        for line in briefing.last_talked_about:
            console.print(f"  - {line}", highlight=False)
    else:
        console.print("  [dim]No conversation logged yet.[/]")
    if briefing.met.summary:
        console.print(f"\n[bold]How you met[/]\n  {briefing.met.summary}", highlight=False)
    if briefing.keep_in_touch_days:
        overdue = (
            f" · [red]{briefing.overdue_days} days overdue[/]"
            if briefing.overdue_days is not None
            else ""
        )
        console.print(f"\n[bold]Keep in touch[/] every {briefing.keep_in_touch_days} days{overdue}")

    story = Table(show_header=False, box=None, padding=(0, 1))
    for facet, text in person.story.items():
        story.add_row(
            Text(FACET_LABELS[facet], style="bold"),
            Text(text) if text else Text("unknown", style="dim italic"),
        )
    console.print("\n[bold]Story[/]")
    console.print(story)

    if briefing.open_followups:
        console.print("\n[bold]You promised[/]")
        for followup in briefing.open_followups:
            due = f" [dim](due {followup.due:%-d %b %Y})[/]" if followup.due else ""
            console.print(f"  ☐ {followup.text}{due}  [dim]#{followup.pk}[/]", highlight=False)


def _show_event_briefing(briefing: Any) -> None:
    event = briefing.event
    meta = " · ".join(part for part in (_when(event.starts_at), event.location) if part)
    console.print(
        Panel(
            Text.assemble((f"Briefing: {event.name}", "bold"), (f"\n{meta}", "dim")), expand=False
        )
    )
    if not briefing.known_people:
        console.print(
            "[dim]Nobody you know is linked to this event yet. Add people you want to meet, or an attendee list in the web briefing.[/]"
        )
    else:
        table = Table(
            title=f"{len(briefing.known_people)} people you know",
            title_justify="left",
            show_lines=True,
        )
        table.add_column("Who", style="bold", max_width=28)
        table.add_column("Their story", max_width=60)
        table.add_column("Ask", max_width=36)
        for item in briefing.known_people:
            who = Text(
                ("★ " if "want_to_meet" in item.reasons else "") + item.person.name, style="bold"
            )
            if _role_line(item.person):
                who.append(f"\n{_role_line(item.person)}", style="dim")
            story = Text(
                item.short_story or "story unknown yet",
                style="" if item.short_story else "dim italic",
            )
            story.append("\n" + "; ".join(item.reason_labels), style="dim")
            table.add_row(who, story, item.next_question)
        console.print(table)
    if briefing.attendees:
        console.print(
            f"Attendee list: {len(briefing.attendees)} people, {briefing.matched_count} you know, "
            f"{len(briefing.unmatched_attendees)} new to you."
        )


def _brief_event(owner: User, name: str, as_json: bool) -> None:
    django_ready()
    from hallway.conversations.selectors import records_as_json
    from hallway.recall.selectors import event_briefing, event_briefing_payload

    event = find_event(owner, name)
    briefing = event_briefing(event=event)
    if as_json:
        print_json(records_as_json(event_briefing_payload(briefing)))
        return
    _show_event_briefing(briefing)


@app.command()
def brief(
    name: str = typer.Argument(None, help="The person (a forgiving name, or the id)."),
    event: str = typer.Option(None, "--event", help="Brief me on this event instead (name or id)."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """A briefing before you meet someone: their story, last talk, promises and what to ask."""
    if not name and not event:
        fail("Say who: hallway brief NAME, or hallway brief --event EVENT.")
    if name and event:
        fail("Brief a person or an event, not both.")
    django_ready()
    owner = resolve_user(user)
    if event:
        _brief_event(owner, event, as_json)
        return
    from hallway.conversations.selectors import records_as_json
    from hallway.recall.selectors import person_briefing, person_briefing_payload

    person = find_person(owner, name)
    briefing = person_briefing(person=person)
    if as_json:
        print_json(records_as_json(person_briefing_payload(briefing)))
        return
    _show_person_briefing(briefing)


@events_app.command("brief")
def events_brief(
    name: str = typer.Argument(..., help="The event (a forgiving name, or the id)."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The people you already know who are linked to the event, with their stories."""
    _brief_event(resolve_user(user), name, as_json)


# --- due and reconnect -----------------------------------------------------------------------


@app.command()
def due(
    tick: int = typer.Option(None, "--tick", help="Mark this follow-up (its #id) as done first."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open follow-ups: overdue, due today, upcoming and undated."""
    django_ready()
    from django.utils import timezone

    from hallway.conversations.models import FollowUp
    from hallway.conversations.selectors import records_as_json
    from hallway.conversations.services import followup_set_done
    from hallway.lib.ownership import owned
    from hallway.recall.selectors import followup_payload, followups_due

    owner = resolve_user(user)
    if tick is not None:
        followup = owned(FollowUp, owner).filter(pk=tick).first()
        if followup is None:
            fail(f"No follow-up #{tick}. List them with: hallway due")
        followup_set_done(followup=followup, done=True)
        if not as_json:
            console.print(f"[green]✓[/] Done: {followup.text}", highlight=False)
    today = timezone.localdate()
    groups = followups_due(user=owner, today=today)
    sections = [
        ("Overdue", groups.overdue, groups.more("overdue")),
        ("Due today", groups.today, groups.more("today")),
        ("Upcoming", groups.upcoming, groups.more("upcoming")),
        ("Some day", groups.undated, groups.more("undated")),
    ]
    if as_json:
        items = [
            records_as_json(followup_payload(followup))
            for _, group, _more in sections
            for followup in group
        ]
        print_json({"items": items, "count": groups.count})
        return
    if not groups.count:
        console.print("Nothing due. Follow-ups you promise in conversations show up here.")
        return
    for label, group, more in sections:
        if not group:
            continue
        table = Table(
            title=f"{label} ({len(group) + more})",
            title_justify="left",
            show_header=False,
            box=None,
        )
        table.add_column("id", style="dim")
        table.add_column("due", style="red" if label == "Overdue" else "")
        table.add_column("what")
        table.add_column("who", style="bold")
        for followup in group:
            table.add_row(
                f"#{followup.pk}",
                f"{followup.due:%-d %b}" if followup.due else "",
                followup.text,
                followup.person.name,
            )
        console.print(table)
        if more:
            console.print(f"  [dim]…and {more} more[/]")
    console.print("[dim]Tick one off with: hallway due --tick ID[/]")


@app.command()
def reconnect(
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="Show at most this many people."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """People you are losing touch with (their keep-in-touch cadence ran out), most overdue first."""
    django_ready()
    from django.utils import timezone

    from hallway.conversations.selectors import records_as_json
    from hallway.recall.selectors import overdue_days, people_to_reconnect, reconnect_payload

    owner = resolve_user(user)
    now = timezone.now()
    people = people_to_reconnect(user=owner, now=now)
    total = people.count()
    shown = list(people.prefetch_related("tags")[:limit])
    if as_json:
        items = [records_as_json(reconnect_payload(person, now)) for person in shown]
        print_json({"items": items, "count": total})
        return
    if not shown:
        console.print(
            "Nobody to reconnect with. Set a cadence with: hallway people … or the person's Edit page (keep in touch every N days)."
        )
        return
    table = Table(title=f"Reconnect ({total})", title_justify="left")
    table.add_column("Who", style="bold")
    table.add_column("Overdue", style="red", justify="right")
    table.add_column("Cadence", justify="right")
    table.add_column("Last contact")
    for person in shown:
        role = _role_line(person)
        table.add_row(
            f"{person.name}" + (f" ({role})" if role else ""),
            f"{overdue_days(person, now)} d",
            f"every {person.keep_in_touch_days} d",
            _when(person.last_contact_at) or "never",
        )
    console.print(table)
    console.print("[dim]Brief yourself before you call: hallway brief NAME[/]")
