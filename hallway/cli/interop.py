"""Import, export, backup, restore and `people merge`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from hallway.cli import app
from hallway.cli.common import (
    console,
    django_ready,
    error_console,
    fail,
    resolve_user,
    validation_message,
)
from hallway.cli.groups import people_app

MAX_PRINTED_PROBLEMS = 50


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=error_console,
        transient=True,
    )


def _read(file: Path, limit: int) -> bytes:
    if not file.exists():
        fail(f"No such file: {file}")
    if file.is_dir():
        fail(f"{file} is a folder, not a file.")
    size = file.stat().st_size
    if size > limit:
        from hallway.interop.parsers import human_size

        fail(
            f"{file.name} is {human_size(size)}; the limit is {human_size(limit)} (HALLWAY_IMPORT_MAX_BYTES)."
        )
    try:
        return file.read_bytes()
    except OSError as error:
        fail(f"Cannot read {file}: {error.strerror}")


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="A .vcf, .csv (LinkedIn, Google, Outlook) or .ics file."),
    format: str = typer.Option(
        None, "--format", help="vcard, linkedin, google, outlook or ics (detected when left out)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would happen without writing anything."
    ),
    user: str = typer.Option(
        None, "--user", help="Whose network to import into (needed when there are several users)."
    ),
) -> None:
    """Import contacts or events; people already known are updated, never duplicated."""
    owner = resolve_user(user)
    from hallway.interop.importing import import_file
    from hallway.interop.parsers import FORMATS, MAX_IMPORT_BYTES, ImportFileError

    if format and format not in FORMATS:
        fail(f"Unknown format “{format}”. Use one of: {', '.join(FORMATS)}.")
    data = _read(file, MAX_IMPORT_BYTES)
    with _progress() as progress:
        task = progress.add_task(f"Importing {file.name}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            plan = import_file(
                owner=owner, data=data, format=format, dry_run=dry_run, progress=advance
            )
        except ImportFileError as error:
            fail(f"{file.name}: {error.message} Nothing was imported.")
        except Exception as error:  # a service ValidationError: report it on one line
            if type(error).__name__ == "ValidationError":
                fail(f"{file.name}: {validation_message(error)} Nothing was imported.")
            raise
    verb = "Would create" if dry_run else "Created"
    console.print(
        f"{verb} [bold]{plan.created}[/], updated [bold]{plan.updated}[/], skipped [bold]{plan.skipped}[/] "
        f"({plan.format}){' — dry run, nothing written' if dry_run else ''}.",
        highlight=False,
    )
    reasons: dict[str, int] = {}
    for item in plan.skipped_items:
        reasons[item.kind] = reasons.get(item.kind, 0) + 1
    if reasons:
        listed = "; ".join(f"{count} {kind}" for kind, count in reasons.items())
        console.print(f"  Skipped: {listed}.", highlight=False, markup=False)
    for sentence in plan.summary():
        console.print(f"  {sentence}", highlight=False, markup=False)
    for problem in plan.errors[:MAX_PRINTED_PROBLEMS]:
        console.print(f"  line {problem.line}: {problem.message}", highlight=False, markup=False)
    if len(plan.errors) > MAX_PRINTED_PROBLEMS:
        console.print(f"  … and {len(plan.errors) - MAX_PRINTED_PROBLEMS} more problems.")


def _write_output(output: Path | None, chunks: Any, binary: bool = False) -> None:
    """Write to the file atomically (temp file, then rename), or to standard output."""
    if output is None or str(output) == "-":
        for chunk in chunks:
            if binary:
                sys.stdout.buffer.write(chunk)
            else:
                sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    folder = output.resolve().parent
    if not folder.is_dir():
        fail(f"The folder {folder} does not exist.")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".hallway-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk if binary else chunk.encode("utf-8"))
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@app.command("export")
def export_command(
    kind: str = typer.Argument(..., help="vcard (people) or ics (events and follow-ups)."),
    output: Path = typer.Option(
        None, "--output", "-o", help="File to write (standard output when left out)."
    ),
    version: str = typer.Option("4.0", "--version", help="vCard version: 4.0 or 3.0."),
    user: str = typer.Option(None, "--user", help="Whose data to export."),
) -> None:
    """Export your people as vCards or your events and follow-ups as iCalendar."""
    if kind not in ("vcard", "ics"):
        fail(f"Unknown export “{kind}”. Use vcard or ics.")
    if version not in ("3.0", "4.0"):
        fail(f"vCard version must be 3.0 or 4.0, not “{version}”.")
    owner = resolve_user(user)
    from hallway.interop.exporting import calendar_export, vcards_export

    if kind == "vcard":
        _write_output(output, vcards_export(user=owner, version=version))
    else:
        _write_output(output, [calendar_export(user=owner)], binary=True)
    if output is not None and str(output) != "-":
        console.print(f"Wrote {output}.")


@app.command("backup")
def backup_command(
    file: Path = typer.Argument(..., help="Where to write the backup (JSON)."),
    user: str = typer.Option(
        None, "--user", help="Back up only this user (default: the whole instance)."
    ),
) -> None:
    """Write everything (of one user, or of the whole instance) to one versioned JSON file."""
    django_ready()
    from django.contrib.auth.models import User

    from hallway.interop.backup import backup_create, backup_dumps

    owner = None
    if user:
        owner = User.objects.filter(username=user).first()
        if owner is None:
            fail(f"No user named “{user}”.")
    with _progress() as progress:
        task = progress.add_task("Backing up", total=None)
        backup = backup_create(
            user=owner,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    _write_output(file, [backup_dumps(backup)])
    objects = len(backup["objects"])
    console.print(f"Backed up {objects} records and {len(backup['files'])} files to {file}.")


@app.command("restore")
def restore_command(
    file: Path = typer.Argument(..., help="A file written by `hallway backup`."),
) -> None:
    """Restore a backup into an empty instance (SQLite or PostgreSQL)."""
    django_ready()
    from django.core.management import call_command

    from hallway.interop.backup import BackupError, backup_loads, backup_restore

    if not file.exists():
        fail(f"No such file: {file}")
    call_command("migrate", interactive=False, verbosity=0)
    try:
        backup = backup_loads(file.read_bytes())
        with _progress() as progress:
            task = progress.add_task("Restoring", total=len(backup["objects"]))
            counts = backup_restore(
                backup=backup,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
    except BackupError as error:
        fail(error.message)
    people = counts.get("people.Person", 0)
    console.print(f"Restored {sum(counts.values())} records ({people} people) from {file}.")


def _one_person(owner: User, text: str) -> Any:
    from hallway.people.models import Person
    from hallway.people.selectors import people_match_name

    if text.lstrip("#").isdigit():
        person = Person.objects.filter(owner=owner, pk=int(text.lstrip("#"))).first()
        if person is None:
            fail(f"No person with id {text.lstrip('#')}.")
        return person
    matches = people_match_name(user=owner, name=text)
    if not matches:
        fail(f"No one called “{text}”.")
    if len(matches) > 1:
        listed = ", ".join(f"{p.name} (id {p.pk})" for p in matches[:5])
        fail(f"“{text}” matches {len(matches)} people: {listed}. Use ids instead.")
    return matches[0]


@people_app.command("merge")
def people_merge_command(
    keep: str = typer.Argument(..., help="The person who stays (name or id)."),
    duplicate: str = typer.Argument(..., help="The duplicate to fold in and delete (name or id)."),
    user: str = typer.Option(None, "--user", help="Whose people."),
) -> None:
    """Merge B into A: story, notes, conversations, tags and follow-ups all kept."""
    owner = resolve_user(user)
    from django.core.exceptions import ValidationError

    from hallway.interop.merging import people_merge

    first, second = _one_person(owner, keep), _one_person(owner, duplicate)
    try:
        merged = people_merge(person=first, duplicate=second)
    except ValidationError as error:
        fail(validation_message(error))
    console.print(
        f"Merged {second.name} (id {second.pk}) into [bold]{merged.name}[/] (id {merged.pk}).",
        highlight=False,
    )
