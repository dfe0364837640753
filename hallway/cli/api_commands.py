"""Everyday commands: token create|list|revoke, people list|show|add, log, events list|show.

They call the same services and selectors as the web views and the API, and print the same
shapes as the API with --json.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer
from rich.table import Table

from hallway.cli import app
from hallway.cli.common import console, django_ready, fail, resolve_user, validation_message
from hallway.cli.groups import events_app, people_app, token_app

USER_OPTION = typer.Option(
    None, "--user", help="Whose data (needed only when several users exist)."
)
JSON_OPTION = typer.Option(False, "--json", help="Print JSON (the API's shape) for scripts.")


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _dump(schema: Any, obj: Any) -> dict[str, Any]:
    return schema.from_orm(obj).model_dump(mode="json")


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


# --- Finding people and events by name -------------------------------------------------------


def find_person(user: Any, name_or_id: str) -> Any:
    """One of the user's people by id or forgiving name; ambiguity lists the candidates."""
    from hallway.people.models import Person
    from hallway.people.selectors import people_match_name

    text = name_or_id.strip()
    if text.isdigit():
        person = Person.objects.filter(owner=user, pk=int(text)).first()
        if person is not None:
            return person
    matches = people_match_name(user=user, name=text)
    if not matches:
        fail(f'No person matches “{text}”. Add them with: hallway people add "{text}"')
    if len(matches) > 1:
        shown = "; ".join(_describe_person(person) for person in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        fail(
            f"“{text}” matches {len(matches)} people: {shown}{more}. Be more precise or use the id."
        )
    return matches[0]


def _describe_person(person: Any) -> str:
    details = ", ".join(part for part in (person.role, person.company) if part)
    return f"{person.name} (#{person.pk}{', ' + details if details else ''})"


def find_event(user: Any, name_or_id: str) -> Any:
    """One of the user's events by id or forgiving name (case, accents, partial)."""
    from hallway.events.models import Event
    from hallway.lib.ownership import owned
    from hallway.lib.story import normalize_name

    text = name_or_id.strip()
    events = owned(Event, user)
    if text.isdigit():
        event = events.filter(pk=int(text)).first()
        if event is not None:
            return event
    wanted = normalize_name(text)
    words = wanted.split()
    if not words:
        fail("Give an event name or id.")
    # Accents are compared after normalizing, so the (few) events are matched in Python.
    pool = list(events.order_by("-starts_at").only("id", "name", "starts_at")[:5000])
    exact = [event for event in pool if normalize_name(event.name) == wanted]
    matches = exact or [
        event for event in pool if all(word in normalize_name(event.name) for word in words)
    ]
    if not matches:
        fail(f"No event matches “{text}”. See your events with: hallway events list")
    if len(matches) > 1:
        shown = "; ".join(
            f"{event.name} (#{event.pk}, {event.starts_at:%Y-%m-%d})" for event in matches[:10]
        )
        fail(f"“{text}” matches {len(matches)} events: {shown}. Be more precise or use the id.")
    return matches[0]


# --- token ------------------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    username: str = typer.Argument(..., help="The user the token acts for."),
    name: str = typer.Option("cli", "--name", help="A label to recognise the token by."),
) -> None:
    """Print a new API token for that user, alone on one line (it is shown only once)."""
    user = resolve_user(username)
    from hallway.accounts.services import token_create as create

    _token, raw = create(user=user, name=name)
    typer.echo(raw)


@token_app.command("list")
def token_list(user: str = USER_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List a user's API tokens (never the tokens themselves, only their first characters)."""
    owner = resolve_user(user)
    from hallway.accounts.models import ApiToken

    tokens = list(ApiToken.objects.filter(owner=owner))
    rows = [
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        }
        for token in tokens
    ]
    if as_json:
        _print_json({"items": rows, "count": len(rows)})
        return
    if not rows:
        console.print(
            f"No tokens for {owner.username}. Create one with: hallway token create {owner.username}"
        )
        return
    table = Table("id", "name", "starts with", "created", "last used")
    for token in tokens:
        table.add_row(
            str(token.pk),
            token.name,
            f"{token.prefix}…",
            f"{token.created_at:%Y-%m-%d %H:%M}",
            f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never",
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: str = typer.Argument(
        ..., help="The token's id or its first characters (see token list)."
    ),
    user: str = USER_OPTION,
) -> None:
    """Revoke a token: programs using it get 401 from then on."""
    owner = resolve_user(user)
    from hallway.accounts.models import ApiToken
    from hallway.accounts.services import token_revoke as revoke

    tokens = ApiToken.objects.filter(owner=owner)
    text = token_id.strip().rstrip("…")
    matches = list(tokens.filter(pk=int(text))) if text.isdigit() else []
    if not matches and len(text) >= 4:
        matches = list(tokens.filter(prefix__startswith=text[:12]))
    if not matches:
        fail(f"{owner.username} has no token “{token_id}”. See them with: hallway token list")
    if len(matches) > 1:
        fail(f"“{token_id}” matches {len(matches)} tokens; use the id from: hallway token list")
    revoke(token=matches[0])
    console.print(f"Revoked token {matches[0].name} ({matches[0].prefix}…).")


# --- people -----------------------------------------------------------------------------------


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
    from hallway.api.schemas import PersonOut
    from hallway.people.selectors import people_filter

    people = people_filter(user=owner, q=q, tag=tag, status=status)
    count = people.count()
    page = list(people[offset : offset + limit])
    if as_json:
        _print_json({"items": [_dump(PersonOut, person) for person in page], "count": count})
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
    from hallway.api.schemas import PersonOut
    from hallway.lib.story import FACET_LABELS, FACETS

    person = find_person(owner, name)
    if as_json:
        _print_json(_dump(PersonOut, person))
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

    from hallway.api.schemas import PersonOut
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
    if as_json:
        _print_json(_dump(PersonOut, person))
        return
    console.print(
        f"Added [bold]{person.name}[/] (#{person.pk}) — {person.status}.", highlight=False
    )


# --- log --------------------------------------------------------------------------------------


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
        "", "--at", help="When it started (e.g. 2025-05-01T18:30); now by default."
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

    from hallway.api.schemas import ConversationOut
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
        _print_json(_dump(ConversationOut, conversation))
        return
    person.refresh_from_db()
    where = f" at {at_event.name}" if at_event else ""
    console.print(f"Logged a conversation with [bold]{person.name}[/]{where}.", highlight=False)
    if learned_facets:
        console.print(
            f"Story now {person.completeness_percent}% known ({person.status}).", highlight=False
        )


# --- events -----------------------------------------------------------------------------------


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

    from hallway.api.events import events_for_output
    from hallway.api.schemas import EventOut
    from hallway.events.models import Event
    from hallway.lib.ownership import owned

    events = events_for_output(owned(Event, owner))
    if upcoming:
        events = events.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    count = events.count()
    page = list(events[offset : offset + limit])
    if as_json:
        _print_json({"items": [_dump(EventOut, event) for event in page], "count": count})
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

    from hallway.api.schemas import EventOut
    from hallway.events.selectors import people_met

    event = find_event(owner, name)
    if as_json:
        _print_json(_dump(EventOut, event))
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
