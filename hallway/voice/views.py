"""Voice notes on the web: upload a memo, watch it transcribe, check the proposal, accept it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hallway.conversations.models import Conversation
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.story import FACETS
from hallway.lib.web import is_htmx, signed_in_user
from hallway.people.models import Person
from hallway.voice import services, transcription
from hallway.voice.forms import RememberForm
from hallway.voice.models import VoiceNote
from hallway.voice.selectors import (
    proposal_rows,
    proposal_target,
    voice_notes_for,
)

MAX_FORM_ROWS = 20


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _subject(request: HttpRequest) -> tuple[Person | None, Conversation | None]:
    """The person / conversation named in the form, 404 when it is not the user's."""
    data = request.POST if request.method == "POST" else request.GET
    person = (
        get_owned_or_404(Person, request.user, data["person_id"]) if data.get("person_id") else None
    )
    conversation = (
        get_owned_or_404(Conversation, request.user, data["conversation_id"])
        if data.get("conversation_id")
        else None
    )
    return person, conversation


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """A recorded memo from the phone (fetch, JSON answer) or a file picked in a form."""
    person, conversation = _subject(request)
    audio = request.FILES.get("audio")
    try:
        if audio is None:
            raise ValidationError({"audio": "Choose or record a voice memo first."})
        note, created = services.voice_note_upload(
            owner=signed_in_user(request),
            audio=audio,
            filename=audio.name or "memo",
            size=audio.size,
            person=person,
            conversation=conversation,
            idempotency_key=request.POST.get("idempotency_key"),
        )
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"detail": _message(error)}, status=422)
        messages.error(request, _message(error))
        return redirect(request.POST.get("next") or _back(person, conversation))
    if _wants_json(request):
        return JsonResponse(
            {"id": note.pk, "status": note.status, "url": note.get_absolute_url()},
            status=201 if created else 200,
        )
    return redirect(note)


def _back(person: Person | None, conversation: Conversation | None) -> str:
    if conversation is not None:
        return reverse("eventmode:conversation", args=[conversation.pk])
    if person is not None:
        return person.get_absolute_url()
    return reverse("home")


def _note(request: HttpRequest, voice_note_id: int) -> VoiceNote:
    return get_owned_or_404(
        VoiceNote.objects.select_related("person", "conversation", "applied_person"),
        request.user,
        voice_note_id,
    )


def _detail_context(note: VoiceNote, **extra: Any) -> dict[str, Any]:
    target = proposal_target(note=note)
    proposal = note.proposal or {}
    followups = list(proposal.get("followups") or [])
    notes = list(proposal.get("notes") or [])
    return {
        "note": note,
        "target": target,
        "rows": proposal_rows(note=note, person=target),
        "proposal": proposal,
        # One empty row each, to add what the memo missed.
        "followups": [*followups, {"text": "", "due": None}],
        "notes": [*notes, ""],
        "sentences": proposal.get("sentences") or [],
        **extra,
    }


@login_required
@require_GET
def detail(request: HttpRequest, voice_note_id: int) -> HttpResponse:
    """The memo: progress while it transcribes, then the proposal beside the current story."""
    note = _note(request, voice_note_id)
    return render(request, "voice/detail.html", _detail_context(note))


@login_required
@require_GET
def status(request: HttpRequest, voice_note_id: int) -> HttpResponse:
    """Polled by the progress box; once the transcript is in, the page reloads."""
    note = _note(request, voice_note_id)
    if not note.is_pending:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return render(request, "voice/partials/progress.html", {"note": note})


def _edited_proposal(request: HttpRequest) -> dict[str, Any]:
    data = request.POST
    followups = [
        {"text": text, "due": due or None}
        for text, due in zip(
            data.getlist("followup_text")[:MAX_FORM_ROWS],
            data.getlist("followup_due")[:MAX_FORM_ROWS],
            strict=False,
        )
        if text.strip()
    ]
    return {
        "name": data.get("name", ""),
        "company": data.get("company", ""),
        "role": data.get("role", ""),
        "facets": {facet: data.get(f"facet_{facet}", "") for facet in FACETS},
        "followups": followups,
        "notes": [text for text in data.getlist("note_text")[:MAX_FORM_ROWS] if text.strip()],
    }


@login_required
@require_POST
def apply(request: HttpRequest, voice_note_id: int) -> HttpResponse:
    """The one tap: the edited proposal goes into the story."""
    note = _note(request, voice_note_id)
    person = (
        get_owned_or_404(Person, request.user, request.POST["person_id"])
        if request.POST.get("person_id")
        else None
    )
    edited = _edited_proposal(request)
    try:
        target = services.voice_note_apply(note=note, edited=edited, person=person)
    except ValidationError as error:
        note.proposal = {**note.proposal, **edited}
        context = _detail_context(note, error=_message(error))
        return render(request, "voice/detail.html", context, status=422)
    messages.success(request, f"Added to {target.name}'s story.")
    return redirect(target)


@login_required
@require_POST
def retry(request: HttpRequest, voice_note_id: int) -> HttpResponse:
    """Try the transcription of a failed memo again."""
    note = _note(request, voice_note_id)
    try:
        services.voice_note_retry(note=note)
    except ValidationError as error:
        messages.error(request, _message(error))
    return redirect(note)


@login_required
@require_POST
def delete(request: HttpRequest, voice_note_id: int) -> HttpResponse:
    note = _note(request, voice_note_id)
    person = note.person
    services.voice_note_delete(note=note)
    messages.success(request, "Voice note deleted.")
    return redirect(person if person is not None else "voice:list")


@login_required
def remember(request: HttpRequest) -> HttpResponse:
    """ "What I remember": typed notes turned into the same proposal as a memo."""
    person, conversation = _subject(request)
    form = RememberForm(request.POST or None)
    status_code = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                note = services.voice_note_from_text(
                    owner=signed_in_user(request),
                    text=form.cleaned_data["text"],
                    person=person,
                    conversation=conversation,
                )
            except ValidationError as error:
                form.add_error("text", _message(error))
            else:
                return redirect(note)
        status_code = 422
    context = {"form": form, "person": person, "conversation": conversation}
    return render(request, "voice/remember.html", context, status=status_code)


@login_required
@require_GET
def note_list(request: HttpRequest) -> HttpResponse:
    notes = voice_notes_for(user=signed_in_user(request))[:100]
    return render(
        request,
        "voice/list.html",
        {"notes": notes, "unavailable": transcription.unavailable_reason()},
    )


@login_required
@require_POST
def settings_update(request: HttpRequest) -> HttpResponse:
    services.voice_settings_update(
        user=signed_in_user(request), keep_recordings=request.POST.get("keep_recordings") == "on"
    )
    messages.success(request, "Voice note settings saved.")
    if is_htmx(request):
        return HttpResponse(settings_section(request))
    return redirect("accounts:settings")


def settings_section(request: HttpRequest) -> str:
    """The block on the account settings page."""
    current = services.voice_settings_get(user=signed_in_user(request))
    return render_to_string(
        "voice/partials/settings_section.html",
        {"voice": current, "unavailable": transcription.unavailable_reason()},
        request=request,
    )
