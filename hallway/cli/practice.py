"""`hallway practice` (progress against your goals) and `hallway digest send` (the e-mail digest)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from hallway.cli import app
from hallway.cli.common import console, django_ready, fail, resolve_user

digest_app = typer.Typer(
    help="The e-mail digest of follow-ups, reconnects, events and progress.", no_args_is_help=True
)
app.add_typer(digest_app, name="digest")


@app.command()
def practice(
    user: str = typer.Option(
        None, "--user", help="Whose progress (needed when several users exist)."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the same JSON as GET /api/v1/practice."
    ),
) -> None:
    """Show this month against your goals, your streak, connection rate, warning signs and insights."""
    django_ready()
    from hallway.practice import rules
    from hallway.practice.selectors import progress_as_dict, progress_for

    owner = resolve_user(user)
    progress = progress_for(user=owner)
    if as_json:
        typer.echo(json.dumps(progress_as_dict(progress), indent=2, ensure_ascii=False))
        return
    goals = progress.goals
    month = progress.this_month
    title = f"{month.month:%B %Y} against your goals" + (
        " (suggested goals)" if goals.suggested else ""
    )
    console.print(f"[bold]{title}[/]", soft_wrap=True)
    table = Table()
    table.add_column("Goal")
    table.add_column("Done", justify="right")
    table.add_column("Target", justify="right")
    per_event = month.new_people_per_event
    table.add_row("Events", str(month.events), str(goals.events_per_month or "—"))
    table.add_row(
        "New people per event",
        "—" if per_event is None else f"{per_event:.1f}",
        str(goals.new_people_per_event or "—"),
    )
    table.add_row(
        "Connections (stories)", str(month.stories), str(goals.connections_per_month or "—")
    )
    console.print(table)
    console.print(
        f"Streak: [bold]{progress.streak}[/] month(s) · connection rate: "
        f"[bold]{rules.percent(progress.connection_rate)}[/] · conversations (12 months): "
        f"[bold]{progress.conversations_total}[/]",
        soft_wrap=True,
    )
    signs = [summary for summary in progress.warning_signs.values() if summary.count]
    if signs:
        console.print(
            "Warning signs: " + ", ".join(f"{item.sign} {item.count}" for item in signs),
            soft_wrap=True,
        )
    if progress.is_empty:
        console.print("No practice to show yet: log conversations at your next event.")
    for sentence in progress.insights:
        console.print(f"• {sentence}", soft_wrap=True, highlight=False)


@digest_app.command("send")
def digest_send(
    user: str = typer.Option(
        None, "--user", help="Send only this user's digest, now, whatever its schedule."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print what would be sent; send nothing."
    ),
) -> None:
    """Send the digests that are due (run it hourly from cron or a systemd timer)."""
    django_ready()
    from django.contrib.auth.models import User

    from hallway.updates.services import digest_send as send_one
    from hallway.updates.services import digests_due, mail_server_timed_out

    if user:
        owner = User.objects.filter(username=user).first()
        if owner is None:
            fail(f"No user named “{user}”.")
        if not owner.email:
            fail(f"{owner.username} has no e-mail address; set one first.")
        targets = [owner]
    else:
        targets = list(digests_due())
    if not targets:
        console.print("No digest is due.")
        return
    import smtplib

    from rich.progress import track

    from hallway.cli.common import error_console

    sent, skipped, failed = 0, 0, 0
    for index, owner in enumerate(
        track(targets, description="Sending digests", console=console, disable=len(targets) < 5)
    ):
        try:
            result = send_one(user=owner, dry_run=dry_run)
        except (OSError, smtplib.SMTPException) as error:
            message = (
                f"Could not send {owner.username}'s digest: the mail server said "
                f"{error or type(error).__name__}. "
                "Check HALLWAY_SMTP_HOST, HALLWAY_SMTP_PORT and HALLWAY_SMTP_TIMEOUT."
            )
            if len(targets) == 1:
                fail(message)
            error_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
            if mail_server_timed_out(error):
                failed += len(targets) - index
                error_console.print(
                    "The mail server is not answering; the other digests wait for the next run."
                )
                break
            failed += 1
            continue
        if dry_run:
            console.print(
                f"[bold]To:[/] {result.to}  [bold]Subject:[/] {result.subject}", soft_wrap=True
            )
            if result.skipped_reason:
                console.print(f"(not sent: {result.skipped_reason})")
            typer.echo(result.text)
        elif result.sent:
            sent += 1
        else:
            skipped += 1
    if not dry_run:
        console.print(f"Sent {sent} digest(s); {skipped} with nothing to report; {failed} failed.")
    if failed:
        raise typer.Exit(1)
