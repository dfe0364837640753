from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hallway.conversations import services
from hallway.conversations.forms import ConversationForm, FollowUpForm
from hallway.conversations.models import Conversation, FollowUp
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.story import FACET_LABELS
from hallway.lib.web import add_service_errors, is_htmx, paginate, signed_in_user


@login_required
def conversation_list(request: HttpRequest) -> HttpResponse:
    conversations = owned(Conversation, request.user).select_related("person", "event")
    return render(request, "conversations/list.html", {"page": paginate(request, conversations)})


@login_required
def conversation_create(request: HttpRequest) -> HttpResponse:
    initial = {
        key: request.GET[key] for key in ("person", "event") if request.GET.get(key, "").isdigit()
    }
    form = ConversationForm(request.POST or None, user=signed_in_user(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        followups = (
            [{"text": data["followup"], "due": data["followup_due"]}]
            if data["followup"].strip()
            else []
        )
        try:
            conversation = services.conversation_log(
                owner=signed_in_user(request),
                person=data["person"],
                followups=followups,
                **form.conversation_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Conversation with {conversation.person.name} logged.")
            return redirect(conversation.person)
    return render(request, "conversations/form.html", {"form": form, "title": "Log a conversation"})


@login_required
def conversation_detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_owned_or_404(
        Conversation.objects.select_related("person", "event"), request.user, conversation_id
    )
    learned = [
        (FACET_LABELS.get(facet, facet), text) for facet, text in conversation.learned.items()
    ]
    context = {
        "conversation": conversation,
        "learned": learned,
        "followups": conversation.followups.all(),
        "followup_form": FollowUpForm(),
    }
    return render(request, "conversations/detail.html", context)


@login_required
def conversation_edit(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_owned_or_404(Conversation, request.user, conversation_id)
    form = ConversationForm(
        request.POST or None, user=signed_in_user(request), conversation=conversation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_update(conversation=conversation, **form.conversation_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(conversation)
    return render(
        request,
        "conversations/form.html",
        {
            "form": form,
            "title": f"Edit conversation with {conversation.person.name}",
            "conversation": conversation,
        },
    )


@login_required
def conversation_delete(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_owned_or_404(
        Conversation.objects.select_related("person"), request.user, conversation_id
    )
    if request.method == "POST":
        person = conversation.person
        services.conversation_delete(conversation=conversation)
        messages.success(request, "Conversation deleted. What you learned stays in the story.")
        return redirect(person)
    return render(request, "conversations/confirm_delete.html", {"conversation": conversation})


@login_required
@require_POST
def followup_add(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = get_owned_or_404(
        Conversation.objects.select_related("person"), request.user, conversation_id
    )
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.followup_add(
                person=conversation.person,
                conversation=conversation,
                text=form.cleaned_data["text"],
                due=form.cleaned_data["due"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
    status = 200 if form.is_valid() and not form.errors else 422
    if is_htmx(request):
        context = {
            "conversation": conversation,
            "followups": conversation.followups.all(),
            "followup_form": FollowUpForm() if status == 200 else form,
        }
        return render(request, "conversations/partials/followups.html", context, status=status)
    if status != 200:
        messages.error(
            request, "; ".join(str(e) for errors in form.errors.values() for e in errors)
        )
    return redirect(conversation)


@login_required
@require_POST
def followup_toggle(request: HttpRequest, followup_id: int) -> HttpResponse:
    followup = get_owned_or_404(
        FollowUp.objects.select_related("person"), request.user, followup_id
    )
    services.followup_set_done(followup=followup, done=not followup.done)
    if is_htmx(request):
        return render(request, "conversations/partials/followup.html", {"followup": followup})
    return redirect(followup.person)
