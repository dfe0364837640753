"""`hallway voice FILE` and `hallway remember TEXT`: a memo or typed notes into a story."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from hallway.cli import app
from hallway.cli.common import console, error_console, fail, resolve_user, validation_message

USER_OPTION = typer.Option(
    None, "--user", help="Whose network (needed when there are several users)."
)
PERSON_OPTION = typer.Option(
    None, "--person", help="Who it is about (a forgiving name, or the id); else the memo says."
)
APPLY_OPTION = typer.Option(False, "--apply", help="Add the proposal to the story at once.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON (the API's shape) for scripts.")


def _payload(note: Any) -> dict[str, Any]:
    from hallway.voice.selectors import voice_note_as_dict

    return voice_note_as_dict(note)


def _show(note: Any) -> None:
    from hallway.lib.story import FACET_LABELS, FACETS

    proposal = note.proposal or {}
    if note.source == "audio":
        console.print(f"[bold]Transcript[/] ({note.audio_seconds or 0:.0f} s)", highlight=False)
        console.print(note.transcript or "(no words heard)", highlight=False)
        console.print()
    who = note.person.name if note.person else proposal.get("name") or "someone new"
    console.print(f"[bold]Proposal for {who}[/]", highlight=False)
    for field in ("role", "company"):
        if not note.person and proposal.get(field):
            console.print(f"  {field.title()}: {proposal[field]}", highlight=False)
    for facet in FACETS:
        text = (proposal.get("facets") or {}).get(facet)
        if text:
            console.print(f"  {FACET_LABELS[facet]}: {text}", highlight=False)
    for item in proposal.get("followups") or []:
        due = f" (due {item['due']})" if item.get("due") else ""
        console.print(f"  Follow-up: {item['text']}{due}", highlight=False)
    for text in proposal.get("notes") or []:
        console.print(f"  Note: {text}", highlight=False)


def _finish(note: Any, *, apply: bool, as_json: bool) -> None:
    from django.core.exceptions import ValidationError

    from hallway.voice.services import voice_note_apply

    person = None
    if apply:
        try:
            person = voice_note_apply(note=note)
        except ValidationError as error:
            fail(validation_message(error))
        note.refresh_from_db()
    if as_json:
        typer.echo(json.dumps(_payload(note), indent=2, ensure_ascii=False))
        return
    _show(note)
    if person is not None:
        console.print(
            f"\n[green]Added to {person.name}'s story[/] (person #{person.pk}).", highlight=False
        )
    else:
        console.print(
            f"\nNothing saved to the story yet: re-run with --apply, or review it at /voice/{note.pk}/."
        )


def _subject(owner: User, person: str | None) -> Any:
    if not person:
        return None
    from hallway.cli.lookup import find_person

    return find_person(owner, person)


@app.command("voice")
def voice_command(
    file: Path = typer.Argument(..., help="A recording: WebM, Ogg, M4A, MP3, WAV or FLAC."),
    person: str = PERSON_OPTION,
    apply: bool = APPLY_OPTION,
    as_json: bool = JSON_OPTION,
    user: str = USER_OPTION,
) -> None:
    """Transcribe a voice memo on this machine and print (or --apply) the story it proposes."""
    from django.core.exceptions import ValidationError

    owner = resolve_user(user)
    from hallway.voice import services, transcription

    reason = transcription.unavailable_reason()
    if reason:
        fail(reason)
    if not file.exists():
        fail(f"No such file: {file}")
    if file.is_dir():
        fail(f"{file} is a folder, not a file.")
    subject = _subject(owner, person)
    size = file.stat().st_size
    with file.open("rb") as audio:
        try:
            note, _ = services.voice_note_upload(
                owner=owner, audio=audio, filename=file.name, size=size, person=subject
            )
        except ValidationError as error:
            fail(validation_message(error))
    # A command line is not a web request: it transcribes here, with the same service the
    # background worker runs.
    with error_console.status(f"Transcribing {file.name}…"):
        note = services.voice_note_transcribe(note=note)
    if note.status == note.Status.FAILED:
        fail(note.error or "The recording could not be transcribed.")
    _finish(note, apply=apply, as_json=as_json)


@app.command("remember")
def remember_command(
    text: str = typer.Argument(..., help='What you remember, in quotes; "-" reads standard input.'),
    person: str = PERSON_OPTION,
    apply: bool = APPLY_OPTION,
    as_json: bool = JSON_OPTION,
    user: str = USER_OPTION,
) -> None:
    """Typed notes ("what I remember") turned into the same story proposal as a voice memo."""
    from django.core.exceptions import ValidationError

    owner = resolve_user(user)
    from hallway.voice import services

    if text == "-":
        text = sys.stdin.read()
    subject = _subject(owner, person)
    try:
        note = services.voice_note_from_text(owner=owner, text=text, person=subject)
    except ValidationError as error:
        fail(validation_message(error))
    _finish(note, apply=apply, as_json=as_json)
