"""`hallway log`: log a conversation quickly through the same service as the web and the API."""

from __future__ import annotations

import datetime as dt

import typer

from hallway.cli import app
from hallway.cli.common import (
    JSON_OPTION,
    USER_OPTION,
    console,
    django_ready,
    fail,
    print_json,
    resolve_user,
    validation_message,
)
from hallway.cli.lookup import find_event, find_person


def _parse_moment(text: str, option: str) -> dt.datetime:
    django_ready()  # the time zone comes from the settings
    from django.utils import timezone

    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: “{text}” is not a date and time (e.g. 2025-05-01T18:30 or 2025-05-01).")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: “{text}” is not a date (YYYY-MM-DD).")


def _parse_learned(items: list[str]) -> dict[str, str]:
    from hallway.lib.story import FACETS

    learned: dict[str, str] = {}
    for item in items:
        facet, separator, text = item.partition("=")
        facet = facet.strip().lower()
        if not separator or not text.strip():
            fail(f'--learned: write FACET=TEXT, e.g. passions="sailing" (got “{item}”).')
        if facet not in FACETS:
            fail(f"--learned: unknown facet “{facet}”; use {', '.join(FACETS)}.")
        learned[facet] = f"{learned[facet]}; {text.strip()}" if facet in learned else text.strip()
    return learned


@app.command("log")
def log(
    name: str = typer.Argument(..., help="Who you talked to: a name (forgiving) or an id."),
    event: str = typer.Option("", "--event", help="At which of your events (name or id)."),
    learned: list[str] = typer.Option(
        [], "--learned", help='FACET=TEXT, e.g. passions="sailing" (repeat for several).'
    ),
    signs: list[str] = typer.Option(
        [], "--sign", help="A warning sign you noticed (repeat for several)."
    ),
    outcome: str = typer.Option("", "--outcome", help="connected, cards_only or cut_short."),
    notes: str = typer.Option("", "--notes", help="Anything else worth remembering."),
    at: str = typer.Option(
        "",
        "--at",
        help="When it started (e.g. 2025-05-01T18:30); by default now, or the event's start for an event that is not on now.",
    ),
    followup: str = typer.Option("", "--followup", help="Something you promised to do."),
    due: str = typer.Option("", "--due", help="When the follow-up is due (YYYY-MM-DD)."),
    user: str = USER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Log a conversation quickly; what you learned flows into the person's story."""
    from hallway.lib.story import OUTCOMES, WARNING_SIGNS

    for sign in signs:
        if sign not in WARNING_SIGNS:
            fail(f"--sign: unknown warning sign “{sign}”; use {', '.join(WARNING_SIGNS)}.")
    if outcome and outcome not in OUTCOMES:
        fail(f"--outcome: unknown outcome “{outcome}”; use {', '.join(OUTCOMES)}.")
    if due and not followup:
        fail("--due needs a --followup to be due.")
    learned_facets = _parse_learned(learned)
    started_at = _parse_moment(at, "--at") if at else None
    due_day = _parse_day(due, "--due") if due else None
    owner = resolve_user(user)
    from django.core.exceptions import ValidationError

    from hallway.conversations.selectors import conversation_as_dict
    from hallway.conversations.services import conversation_log

    person = find_person(owner, name)
    at_event = find_event(owner, event) if event else None
    try:
        conversation = conversation_log(
            owner=owner,
            person=person,
            event=at_event,
            started_at=started_at,
            learned=learned_facets,
            warning_signs=signs,
            outcome=outcome or None,
            notes=notes,
            followups=[{"text": followup, "due": due_day}] if followup else [],
        )
    except ValidationError as error:
        fail(validation_message(error))
    if as_json:
        print_json(conversation_as_dict(conversation))
        return
    person.refresh_from_db()
    where = f" at {at_event.name}" if at_event else ""
    console.print(f"Logged a conversation with [bold]{person.name}[/]{where}.", highlight=False)
    if learned_facets:
        console.print(
            f"Story now {person.completeness_percent}% known ({person.status}).", highlight=False
        )
