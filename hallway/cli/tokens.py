"""`hallway token create|list|revoke`: the user's API tokens."""

from __future__ import annotations

import typer
from rich.table import Table

from hallway.cli.common import JSON_OPTION, USER_OPTION, console, fail, print_json, resolve_user
from hallway.cli.groups import token_app


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
        print_json({"items": rows, "count": len(rows)})
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
