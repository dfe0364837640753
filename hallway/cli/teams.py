"""`hallway team …`: create and join teams, share people, ask "who of us knows someone at …?"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from hallway.cli import app
from hallway.cli.common import console, fail, resolve_user, validation_message

team_app = typer.Typer(
    help="Teams: members, sharing, team search and introductions.", no_args_is_help=True
)
app.add_typer(team_app, name="team")

USER_OPTION = typer.Option(None, "--user", help="Act as this user (default: the only user).")
LEVEL_HELP = "none, know (name, company, role, how well) or full (the story too)."


def _team(user: User, team: str) -> Any:
    """The user's membership of the team given by id or (case-insensitive) name."""
    from hallway.teams.selectors import memberships_of

    memberships = memberships_of(user)
    found = (
        memberships.filter(team_id=int(team))
        if team.isdigit()
        else memberships.filter(team__name__iexact=team)
    )
    matches = list(found[:2])
    if not matches:
        fail(f"You are in no team “{team}”. See: hallway team list")
    if len(matches) > 1:
        fail(f"Several of your teams are called “{team}”; use its id (hallway team list).")
    return matches[0]


def _level(level: str) -> int:
    from hallway.teams.models import LEVELS_BY_NAME

    if level not in LEVELS_BY_NAME:
        fail(f"Unknown level “{level}”: use {LEVEL_HELP}")
    return int(LEVELS_BY_NAME[level])


def _run(call: Any) -> Any:
    from django.core.exceptions import ValidationError
    from django.http import Http404

    try:
        return call()
    except ValidationError as error:
        fail(validation_message(error))
    except Http404:
        fail("Not found (or not shared with you).")


@team_app.command("create")
def create(
    name: str = typer.Argument(..., help="The team's name."), user: str = USER_OPTION
) -> None:
    """Create a team; you are its owner."""
    owner = resolve_user(user)
    from hallway.teams.services import team_create

    team = _run(lambda: team_create(owner=owner, name=name))
    console.print(f"Created team {team.pk}: {team.name}")


@team_app.command("list")
def list_teams(user: str = USER_OPTION) -> None:
    """Your teams and your role in each."""
    member = resolve_user(user)
    from hallway.teams.selectors import memberships_of

    memberships = list(memberships_of(member))
    if not memberships:
        console.print("You are in no team. Create one: hallway team create NAME")
        return
    for membership in memberships:
        count = membership.team.memberships.count()
        print(f"{membership.team_id}\t{membership.team.name}\t{membership.role}\t{count} members")


@team_app.command("show")
def show(team: str = typer.Argument(..., help="Team id or name."), user: str = USER_OPTION) -> None:
    """Members and roles, and your default sharing level."""
    member = resolve_user(user)
    from hallway.teams.models import LEVEL_NAMES, ShareLevel
    from hallway.teams.selectors import team_members

    membership = _team(member, team)
    console.print(
        f"{membership.team.name} (you: {membership.role}, new people: "
        f"{LEVEL_NAMES[ShareLevel(membership.default_level)]})"
    )
    for other in team_members(membership.team):
        print(f"{other.pk}\t{other.user.get_username()}\t{other.role}")


@team_app.command("invite")
def invite(
    team: str = typer.Argument(..., help="Team id or name."),
    email: str = typer.Option("", "--email", help="Also e-mail the link to this address."),
    user: str = USER_OPTION,
) -> None:
    """Print a one-time invitation link (owners and admins)."""
    member = resolve_user(user)
    from hallway.teams.services import invitation_create, invitation_link

    membership = _team(member, team)
    _invitation, token = _run(lambda: invitation_create(membership=membership, email=email))
    print(invitation_link(token))


@team_app.command("join")
def join(
    token: str = typer.Argument(..., help="The token (or the whole link)."), user: str = USER_OPTION
) -> None:
    """Join a team with an invitation."""
    member = resolve_user(user)
    from hallway.teams.services import invitation_accept

    token = token.rstrip("/").rsplit("/", 1)[-1]
    membership = _run(lambda: invitation_accept(token=token, user=member))
    console.print(
        f"You joined {membership.team.name}. Nothing of yours is shared until you share it."
    )


@team_app.command("leave")
def leave(
    team: str = typer.Argument(..., help="Team id or name."), user: str = USER_OPTION
) -> None:
    """Leave a team; everything you shared leaves with you."""
    member = resolve_user(user)
    from hallway.teams.services import team_leave

    membership = _team(member, team)
    _run(lambda: team_leave(membership=membership))
    console.print(f"You left {membership.team.name}.")


@team_app.command("remove")
def remove(
    team: str = typer.Argument(..., help="Team id or name."),
    username: str = typer.Argument(..., help="The member to remove."),
    user: str = USER_OPTION,
) -> None:
    """Remove a member (owners and admins); their data goes with them."""
    member = resolve_user(user)
    from hallway.teams.services import member_remove

    membership = _team(member, team)
    removed = membership.team.memberships.filter(user__username=username).first()
    if removed is None:
        fail(f"No member “{username}” in {membership.team.name}.")
    _run(lambda: member_remove(membership=membership, removed=removed))
    console.print(f"Removed {username}.")


@team_app.command("share")
def share(
    person: str = typer.Argument(..., help="Your person: id or name."),
    team: str = typer.Option(..., "--team", help="Team id or name."),
    level: str = typer.Option(..., "--level", help=LEVEL_HELP),
    user: str = USER_OPTION,
) -> None:
    """Set what a team sees of one of your people."""
    owner = resolve_user(user)
    from hallway.cli.lookup import find_person
    from hallway.teams.services import share_set

    membership = _team(owner, team)
    value = _level(level)
    found = find_person(owner, person)
    _run(lambda: share_set(person=found, team=membership.team, level=value))
    console.print(f"{found.name}: {level} in {membership.team.name}")


@team_app.command("share-tag")
def share_tag(
    tag: str = typer.Argument(..., help="Everyone of yours with this tag."),
    team: str = typer.Option(..., "--team", help="Team id or name."),
    level: str = typer.Option(..., "--level", help=LEVEL_HELP),
    user: str = USER_OPTION,
) -> None:
    """Set the level for everyone with a tag, at once."""
    owner = resolve_user(user)
    from hallway.teams.services import share_tag as service

    membership = _team(owner, team)
    value = _level(level)
    changed = _run(lambda: service(membership=membership, tag=tag, level=value))
    console.print(f"Sharing changed for {changed} people.")


@team_app.command("default")
def default(
    team: str = typer.Argument(..., help="Team id or name."),
    level: str = typer.Argument(..., help=LEVEL_HELP),
    user: str = USER_OPTION,
) -> None:
    """The level people you add from now on get in this team."""
    owner = resolve_user(user)
    from hallway.teams.services import default_level_set

    membership = _team(owner, team)
    value = _level(level)
    _run(lambda: default_level_set(membership=membership, level=value))
    console.print(f"New people: {level} in {membership.team.name}.")


@team_app.command("search")
def search(
    query: list[str] = typer.Argument(..., help="A company, a name, a role, a topic."),
    team: str = typer.Option(None, "--team", help="Only this team (default: all yours)."),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="At most this many (1-100)."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON."),
    user: str = USER_OPTION,
) -> None:
    """Who of us knows someone at …? Only what teammates shared."""
    viewer = resolve_user(user)
    from hallway.teams.selectors import team_search

    words = " ".join(query).strip()
    if not words:
        fail("Enter something to search for.")
    scope = _team(viewer, team).team if team else None
    found = team_search(viewer=viewer, query=words, team=scope, limit=limit)
    if as_json:
        from hallway.teams.selectors import shared_person_payload

        items = [shared_person_payload(item) for item in found]
        print(json.dumps({"items": items, "count": len(items)}, default=str, ensure_ascii=False))
        return
    if not found:
        console.print(f"Nobody in your teams shared someone matching “{words}”.")
        return
    for item in found:
        headline = " at ".join(part for part in (item.role, item.company) if part)
        console.print(
            f"{item.name} ({headline}) · known by {item.owner_name} · {item.strength_label} "
            f"({item.strength}) · {item.level_label} · team {item.team_id}, person {item.person_id}",
            highlight=False,
        )


@team_app.command("intro")
def intro(
    person_id: int = typer.Argument(..., help="The person's id (from team search)."),
    team: str = typer.Option(..., "--team", help="Team id or name."),
    message: str = typer.Option("", "--message", help="Why you'd like to meet them."),
    user: str = USER_OPTION,
) -> None:
    """Ask the teammate who knows them for an introduction."""
    viewer = resolve_user(user)
    from hallway.teams.services import introduction_request

    membership = _team(viewer, team)
    created = _run(
        lambda: introduction_request(
            requester=viewer, team=membership.team, person_id=person_id, message=message
        )
    )
    console.print(f"Request {created.pk} sent to {created.owner.get_username()}.")


@team_app.command("requests")
def requests(user: str = USER_OPTION) -> None:
    """Introduction requests asked of you."""
    owner = resolve_user(user)
    from hallway.teams.selectors import introductions_received

    items = list(introductions_received(owner)[:100])
    if not items:
        console.print("Nobody asked you for an introduction.")
        return
    for item in items:
        print(
            f"{item.pk}\t{item.status}\t{item.requester.get_username()} asks to meet {item.person.name}"
            + (f": {item.message}" if item.message else "")
        )


@team_app.command("answer")
def answer(
    request_id: int = typer.Argument(..., help="The request's id (hallway team requests)."),
    decision: str = typer.Argument(..., help="accept (share the contact) or decline."),
    user: str = USER_OPTION,
) -> None:
    """Accept or decline an introduction request."""
    owner = resolve_user(user)
    from hallway.teams.selectors import introduction_get_for_owner_or_404
    from hallway.teams.services import introduction_answer

    if decision not in ("accept", "decline"):
        fail("Answer accept or decline.")
    found = _run(lambda: introduction_get_for_owner_or_404(owner, request_id))
    _run(lambda: introduction_answer(request=found, accept=decision == "accept"))
    console.print(f"Request {request_id}: {decision}ed.")


@team_app.command("audit")
def audit(
    team: str = typer.Argument(..., help="Team id or name."), user: str = USER_OPTION
) -> None:
    """Your share and unshare actions in a team, newest first."""
    owner = resolve_user(user)
    from hallway.teams.selectors import share_history

    membership = _team(owner, team)
    entries = list(share_history(membership=membership, limit=200))
    if not entries:
        console.print("You have not shared anything with this team.")
    for entry in entries:
        print(
            f"{entry.at:%Y-%m-%d %H:%M}\t{entry.action}\t{entry.person_name}\t"
            f"{entry.get_from_level_display()} -> {entry.get_to_level_display()}\t{entry.via}"
        )
