"""Live event mode: check in, start a conversation in two taps, capture, notice, end, review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hallway.conversations.models import Conversation
from hallway.conversations.services import suggest_outcome
from hallway.eventmode import services
from hallway.eventmode.forms import EventOnTheSpotForm, LiveSettingsForm, ReflectionForm
from hallway.eventmode.selectors import (
    event_progress,
    event_review,
    events_for_check_in,
    exit_prompt,
    people_search,
    safe_questions,
)
from hallway.events.models import Event
from hallway.events.services import event_update
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.story import FACET_LABELS, FACETS, OUTCOMES, WARNING_SIGNS
from hallway.lib.web import add_service_errors, is_htmx, signed_in_user
from hallway.people.models import Person


def _message(error: ValidationError) -> str:
    """The service's message(s), without field names: the screen shows them in place."""
    return " ".join(error.messages)


def _home_context(request: HttpRequest, form: EventOnTheSpotForm | None = None) -> dict[str, Any]:
    live_settings = services.live_settings_get(user=signed_in_user(request))
    return {
        "events": events_for_check_in(user=signed_in_user(request)),
        "current_event": live_settings.current_event,
        "form": form or EventOnTheSpotForm(),
    }


@login_required
@require_GET
def app_shell(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """The live app shell: the phone draws the live screens in it from its offline snapshot
    and its queue (the service worker opens it for /live/… with no signal)."""
    return render(request, "eventmode/app.html")


@login_required
@require_GET
def conversation_by_client_id(request: HttpRequest, client_id: str) -> HttpResponse:
    """Once a conversation started offline has reached the server, its phone-made id leads to
    it; before that, the shell draws it from what waits on the phone."""
    conversation = services.conversation_for_client_id(
        user=signed_in_user(request), client_id=client_id
    )
    if conversation is not None:
        return redirect("eventmode:conversation", conversation_id=conversation.pk)
    return render(request, "eventmode/app.html")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The check-in screen: today's events first, or a new one with just a name."""
    return render(request, "eventmode/home.html", _home_context(request))


@login_required
@require_POST
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventOnTheSpotForm(request.POST)
    if form.is_valid():
        try:
            event = services.event_create_and_check_in(
                user=signed_in_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("eventmode:event", event_id=event.pk)
    return render(request, "eventmode/home.html", _home_context(request, form), status=422)


@login_required
@require_POST
def check_in(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    services.event_check_in(user=signed_in_user(request), event=event)
    return redirect("eventmode:event", event_id=event.pk)


@login_required
@require_GET
def event_screen(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    return render(
        request, "eventmode/event.html", {"event": event, "progress": event_progress(event=event)}
    )


def _start_context(request: HttpRequest, event: Event, **extra: Any) -> dict[str, Any]:
    return {"event": event, "progress": event_progress(event=event), **extra}


@login_required
def start(request: HttpRequest, event_id: int) -> HttpResponse:
    """GET: who are you talking to? POST person_id (known person) or name (someone new)."""
    event = get_owned_or_404(Event, request.user, event_id)
    if request.method != "POST":
        return render(request, "eventmode/start.html", _start_context(request, event))
    person = None
    if request.POST.get("person_id"):
        person = get_owned_or_404(Person, request.user, request.POST["person_id"])
    try:
        conversation = services.live_conversation_start(
            user=signed_in_user(request),
            event=event,
            person=person,
            new_person_name=request.POST.get("name", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )
    except ValidationError as error:
        context = _start_context(request, event, error=_message(error))
        return render(request, "eventmode/start.html", context, status=422)
    return redirect("eventmode:conversation", conversation_id=conversation.pk)


@login_required
@require_GET
def person_search(request: HttpRequest, event_id: int) -> HttpResponse:
    """Known people matching the search box, each one tap from a conversation (htmx partial)."""
    event = get_owned_or_404(Event, request.user, event_id)
    query = request.GET.get("q", "")
    context = {
        "event": event,
        "results": people_search(user=signed_in_user(request), q=query),
        "query": query,
    }
    template = (
        "eventmode/partials/search_results.html" if is_htmx(request) else "eventmode/start.html"
    )
    if not is_htmx(request):
        context.update(_start_context(request, event))
    return render(request, template, context)


def _conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    return get_owned_or_404(
        Conversation.objects.select_related("person", "event"), request.user, conversation_id
    )


def _conversation_context(
    request: HttpRequest, conversation: Conversation, **extra: Any
) -> dict[str, Any]:
    live_settings = services.live_settings_get(user=signed_in_user(request))
    now = timezone.now()
    person = conversation.person
    story = person.story
    return {
        "conversation": conversation,
        "person": person,
        "event": conversation.event,
        "questions": safe_questions(person=person),
        "known": [
            {"facet": facet, "label": FACET_LABELS[facet], "text": story[facet]}
            for facet in FACETS
            if story[facet].strip()
        ],
        "learned_now": conversation.learned,
        "signs": [
            {"name": name, "label": label, "logged": name in conversation.warning_signs}
            for name, label in WARNING_SIGNS.items()
        ],
        "prompt": exit_prompt(conversation=conversation, live_settings=live_settings, now=now),
        "long_minutes": live_settings.long_conversation_minutes,
        "elapsed_seconds": max(
            0, int(((conversation.ended_at or now) - conversation.started_at).total_seconds())
        ),
        "suggested": suggest_outcome(conversation, now=now),
        "outcomes": OUTCOMES,
        **extra,
    }


@login_required
@require_GET
def conversation_screen(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = _conversation(request, conversation_id)
    return render(
        request, "eventmode/conversation.html", _conversation_context(request, conversation)
    )


def _partial_or_redirect(
    request: HttpRequest, conversation: Conversation, template: str, status: int = 200, **extra: Any
) -> HttpResponse:
    if not is_htmx(request):
        if status >= 400:
            messages.error(request, extra.get("error", "That did not work."))
        return redirect("eventmode:conversation", conversation_id=conversation.pk)
    conversation.refresh_from_db()
    context = _conversation_context(request, conversation, **extra)
    html = render_to_string(template, context, request=request)
    # The suggested outcome follows what was captured, so the end form comes along out of band.
    html += render_to_string(
        "eventmode/partials/end_form.html", {**context, "oob": True}, request=request
    )
    return HttpResponse(html, status=status)


@login_required
@require_POST
def capture(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """One answer to one safe question; it flows into the person's story."""
    conversation = _conversation(request, conversation_id)
    facet = request.POST.get("facet", "")
    try:
        services.live_capture(
            conversation=conversation,
            facet=facet,
            text=request.POST.get("text", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )
    except ValidationError as error:
        message = _message(error)
        return _partial_or_redirect(
            request,
            conversation,
            "eventmode/partials/story.html",
            status=422,
            error=message,
            error_facet=facet,
        )
    return _partial_or_redirect(request, conversation, "eventmode/partials/story.html")


@login_required
@require_POST
def sign_add(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """One tap per warning sign; the answer brings up an exit line and the next person."""
    conversation = _conversation(request, conversation_id)
    try:
        services.live_sign_add(
            conversation=conversation,
            sign=request.POST.get("sign", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )
    except ValidationError as error:
        message = _message(error)
        return _partial_or_redirect(
            request, conversation, "eventmode/partials/signs.html", status=422, error=message
        )
    return _partial_or_redirect(request, conversation, "eventmode/partials/signs.html")


@login_required
@require_POST
def end(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """End with the chosen (or suggested) outcome and an optional one-line follow-up."""
    conversation = _conversation(request, conversation_id)
    try:
        services.live_conversation_end(
            conversation=conversation,
            outcome=request.POST.get("outcome") or None,
            followup=request.POST.get("followup", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )
    except ValidationError as error:
        message = _message(error)
        # The service changed the object in memory before refusing; the database is untouched.
        conversation.refresh_from_db()
        if is_htmx(request):
            context = _conversation_context(request, conversation, end_error=message)
            return render(request, "eventmode/partials/end_form.html", context, status=422)
        messages.error(request, message)
        return redirect("eventmode:conversation", conversation_id=conversation.pk)
    conversation.refresh_from_db()
    followup = conversation.followups.order_by("-id").first()
    due = f" Follow-up due {followup.due:%a %-d %b}." if followup and followup.due else ""
    messages.success(
        request, f"Ended with {conversation.person.name}: {conversation.outcome_label}.{due}"
    )
    target = (
        reverse("eventmode:event", args=[conversation.event_id])
        if conversation.event_id
        else reverse("eventmode:home")
    )
    next_person_id = request.POST.get("next_person_id")
    if next_person_id and conversation.event is not None:
        # "End and talk to <next> now": one tap ends this one and starts the next.
        next_person = get_owned_or_404(Person, request.user, next_person_id)
        started = services.live_conversation_start(
            user=signed_in_user(request), event=conversation.event, person=next_person
        )
        target = reverse("eventmode:conversation", args=[started.pk])
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)


@login_required
def review(request: HttpRequest, event_id: int) -> HttpResponse:
    """After the event: the conversations, what is missing, the reflection, the goal."""
    event = get_owned_or_404(Event, request.user, event_id)
    form = ReflectionForm(request.POST or None, initial={"reflection": event.reflection})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event_update(event=event, reflection=form.cleaned_data["reflection"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Reflection saved.")
                return redirect("eventmode:review", event_id=event.pk)
        status = 422
    return render(
        request,
        "eventmode/review.html",
        {"event": event, "review": event_review(event=event), "form": form},
        status=status,
    )


@login_required
@require_POST
def review_followup(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Add a one-line follow-up to a conversation from the review screen."""
    conversation = _conversation(request, conversation_id)
    text = request.POST.get("text", "")
    try:
        services.live_followup_add(conversation=conversation, text=text)
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, f"Follow-up added for {conversation.person.name}.")
    if conversation.event_id:
        return redirect("eventmode:review", event_id=conversation.event_id)
    return redirect("eventmode:conversation", conversation_id=conversation.pk)


@login_required
def live_settings(request: HttpRequest) -> HttpResponse:
    current = services.live_settings_get(user=signed_in_user(request))
    initial = {
        "long_conversation_minutes": current.long_conversation_minutes,
        "exit_lines": "\n".join(current.exit_lines),
    }
    form = LiveSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if "reset" in request.POST:
            services.live_settings_reset(live_settings=current)
            messages.success(request, "Built-in exit lines restored.")
            return redirect("eventmode:settings")
        if form.is_valid():
            try:
                services.live_settings_update(live_settings=current, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Live event settings saved.")
                return redirect("eventmode:settings")
        status = 422
    return render(request, "eventmode/settings.html", {"form": form}, status=status)


def settings_section(request: HttpRequest) -> str:
    """The block on the account settings page."""
    current = services.live_settings_get(user=signed_in_user(request))
    return render_to_string(
        "eventmode/partials/settings_section.html", {"live": current}, request=request
    )
