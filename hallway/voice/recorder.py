"""The record button other screens include (home, the person page, the voice list, the live
conversation, the event screen after "End conversation"), written in Python: the same text
voice/partials/recorder.html wrote, without the template engine's cost per variable (~0.24 ms
of the person page, `bench/page_profile.py`). Tested against that template's text."""

from __future__ import annotations

from html import escape
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from hallway.lib.html_text import csrf_input
from hallway.lib.template_builtins import _static_url
from hallway.lib.web import reverse_fixed
from hallway.voice import transcription

DEFAULT_HEADING = "Record a voice memo"
DEFAULT_HINT = (
    "Say what you learned: work, where they grew up, studies, what they love, what drives "
    "them, what you promised."
)


def _static(path: str) -> str:
    return escape(_static_url(path))


def recorder_html(
    *,
    csrf_token: Any,
    person: Any = None,
    conversation: Any = None,
    heading: str = "",
    hint: str = "",
    stay: bool = False,
    lazy: bool = False,
    waiting: int = 0,
) -> SafeString:
    """`stay`: keep the page (a live conversation going on) instead of opening the proposal;
    `lazy`: load the recorder's code on the first tap (the live screens' weight budget);
    `waiting`: voice notes to review, linked when there are any."""
    seconds = int(settings.VOICE_MAX_SECONDS)
    upload = escape(reverse_fixed("voice:upload"))
    person_pk = escape(str(person.pk)) if person else ""
    conversation_pk = escape(str(conversation.pk)) if conversation else ""
    parts = [] if lazy else [f'<link rel="stylesheet" href="{_static("voice/voice.css")}">']
    parts.append(
        '\n<section class="card voice-recorder" aria-label="Voice memo" data-voice-recorder'
        + (" data-stay" if stay else "")
        + f'\n  data-upload-url="{upload}" data-max-seconds="{seconds}"\n  '
        + (f'data-person-id="{person_pk}"' if person else "")
        + " "
        + (f'data-conversation-id="{conversation_pk}"' if conversation else "")
        + f">\n  <h2>{escape(heading or DEFAULT_HEADING)}</h2>\n  "
    )
    unavailable = transcription.unavailable_reason()
    if unavailable:
        parts.append(f'\n  <p class="muted" data-voice-unavailable>{escape(unavailable)}</p>\n  ')
    else:
        slot = escape(f"{_pk(conversation)}-{_pk(person)}")
        parts.append(
            f'\n  <p class="muted small voice-hint">{escape(hint or DEFAULT_HINT)}</p>\n'
            '  <button type="button" class="big voice-record" data-voice-toggle aria-pressed="false">\n'
            '    <span class="voice-dot" aria-hidden="true"></span><span data-voice-label>Record</span></button>\n'
            '  <div class="voice-live" data-voice-live hidden>\n'
            '    <div class="voice-level" aria-hidden="true"><span data-voice-level></span></div>\n'
            '    <time class="voice-timer" data-voice-timer aria-live="off">0:00</time>'
            f'<span class="muted small"> / {seconds // 60}:{seconds % 60:02d}</span>\n'
            "  </div>\n"
            '  <p class="voice-status small" data-voice-status role="status" aria-live="polite"></p>\n'
            '  <details class="voice-fallback"><summary>Upload a recording instead</summary>\n'
            f'    <form method="post" action="{upload}" enctype="multipart/form-data">\n'
            f"      {csrf_input(csrf_token)}\n      "
            + (f'<input type="hidden" name="person_id" value="{person_pk}">' if person else "")
            + "\n      "
            + (
                f'<input type="hidden" name="conversation_id" value="{conversation_pk}">'
                if conversation
                else ""
            )
            + f'\n      <label for="voice-file-{slot}" class="visually-hidden">Audio file</label>\n'
            f'      <input type="file" id="voice-file-{slot}" name="audio" accept="audio/*" '
            'capture style="min-height: 44px; width: 100%">\n'
            '      <button type="submit" class="secondary">Upload</button>\n'
            "    </form>\n"
            "  </details>\n  "
        )
    parts.append("\n  ")
    if waiting:
        parts.append(
            f'<p class="small"><a class="taplink" href="{escape(reverse_fixed("voice:list"))}" '
            f'id="voice-waiting">{waiting} voice note{"" if waiting == 1 else "s"} to review</a></p>'
        )
    if conversation:
        remember = f"?conversation_id={conversation_pk}"
    elif person:
        remember = f"?person_id={person_pk}"
    else:
        remember = ""
    parts.append(
        f'\n  <p class="small"><a class="taplink" href="{escape(reverse_fixed("voice:remember"))}'
        f'{remember}">Or type what you remember</a></p>\n</section>\n'
    )
    if lazy:
        parts.append(
            f'\n<script src="{_static("voice/lazy.js")}" data-css="{_static("voice/voice.css")}" '
            f'data-queue="{_static("voice/queue.js")}" data-record="{_static("voice/record.js")}">'
            "</script>\n"
        )
    else:
        parts.append(
            f'<script src="{_static("voice/queue.js")}" defer></script>\n'
            f'<script src="{_static("voice/record.js")}" defer></script>\n'
        )
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


def _pk(value: Any) -> str:
    return str(getattr(value, "pk", ""))
