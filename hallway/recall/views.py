"""Recall screens: person and event briefings, the Due list and the Reconnect list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from hallway.conversations.models import FollowUp
from hallway.conversations.services import followup_set_done
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import add_service_errors, is_htmx, paginate, signed_in_user
from hallway.recall import selectors, services
from hallway.recall.forms import AttendeeListForm
from hallway.recall.pdf import event_briefing_pdf as render_pdf

DUE_GROUP_LABELS = {
    "overdue": "Overdue",
    "today": "Due today",
    "upcoming": "Upcoming",
    "undated": "Some day",
}


@login_required
@require_GET
def due(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    groups = selectors.followups_due(user=signed_in_user(request), today=today)
    sections = [
        (key, label, getattr(groups, key), groups.more(key))
        for key, label in DUE_GROUP_LABELS.items()
    ]
    return render(
        request, "recall/due.html", {"sections": sections, "count": groups.count, "today": today}
    )


@login_required
@require_POST
def followup_done(request: HttpRequest, followup_id: int) -> HttpResponse:
    """Tick a follow-up done (or, with done=0, undo it); htmx gets the updated row back."""
    followup = get_owned_or_404(
        FollowUp.objects.select_related("person"), request.user, followup_id
    )
    done = request.POST.get("done", "1") not in {"0", "false", ""}
    followup_set_done(followup=followup, done=done)
    if is_htmx(request):
        today = timezone.localdate()
        groups = selectors.followups_due(user=signed_in_user(request), today=today)
        context = {
            "followup": followup,
            "today": today,
            "count": groups.count,
            "totals": [(key, groups.totals.get(key, 0)) for key in DUE_GROUP_LABELS],
        }
        return render(request, "recall/partials/due_item_done.html", context)
    messages.success(request, f"“{followup.text}” {'done' if done else 'reopened'}.")
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("recall:due")


@login_required
@require_GET
def reconnect(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = paginate(
        request, selectors.people_to_reconnect(user=signed_in_user(request), now=now), per_page=50
    )
    rows = [
        {"person": person, "overdue_days": selectors.overdue_days(person, now)} for person in page
    ]
    return render(request, "recall/reconnect.html", {"page": page, "rows": rows})


@login_required
@require_GET
def person_briefing(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_owned_or_404(selectors.PERSON_FOR_BRIEFING, request.user, person_id)
    briefing = selectors.person_briefing(person=person)
    context = {"briefing": briefing, "person": person, "today": timezone.localdate()}
    return render(request, "recall/person_briefing.html", context)


def _event_context(event: Event, form: AttendeeListForm | None = None) -> dict[str, object]:
    briefing = selectors.event_briefing(event=event)
    return {"briefing": briefing, "event": event, "form": form or AttendeeListForm()}


@login_required
@require_GET
def event_briefing(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    return render(request, "recall/event_briefing.html", _event_context(event))


@login_required
@require_GET
def event_briefing_pdf(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    response = HttpResponse(
        render_pdf(selectors.event_briefing(event=event)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="briefing-event-{event.pk}.pdf"'
    return response


@login_required
@require_POST
def event_attendees(request: HttpRequest, event_id: int) -> HttpResponse:
    """Add a pasted or uploaded attendee list; matches show up in the briefing straight away."""
    event = get_owned_or_404(Event, request.user, event_id)
    form = AttendeeListForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.attendees_import(
                event=event,
                text=form.cleaned_data["list_text"],
                replace=form.cleaned_data["replace"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{added} attendee{'s' if added != 1 else ''} added to the list."
            )
            return redirect("recall:event_briefing", event_id=event.pk)
    return render(request, "recall/event_briefing.html", _event_context(event, form), status=422)


@login_required
@require_POST
def event_attendees_clear(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    removed = services.attendees_clear(event=event)
    messages.success(request, f"Attendee list cleared ({removed} removed).")
    return redirect("recall:event_briefing", event_id=event.pk)
