"""Background steps run by the django-q2 worker (`hallway serve` starts it)."""

from __future__ import annotations

from hallway.voice.models import VoiceNote
from hallway.voice.services import voice_note_transcribe


def transcribe_note(note_id: int) -> str:
    """Transcribe one queued voice note and propose its story; returns the new status.

    The Whisper model stays loaded in the worker process between notes."""
    note = VoiceNote.objects.filter(pk=note_id).first()
    if note is None:
        return "gone"
    return voice_note_transcribe(note=note).status
