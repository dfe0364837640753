from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hallway.events import services
from hallway.events.forms import EventForm
from hallway.events.models import Event
from hallway.events.selectors import events_filter, people_met, want_to_meet_unmet
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import add_service_errors, is_htmx, paginate, signed_in_user
from hallway.people.models import Person
from hallway.people.selectors import people_filter


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    # The list shows names, dates and goals: not the ids of who to meet and who was met that
    # events_filter prefetches for the API (every conversation of 30 events: 13 ms at 10,000
    # people, most of the page).
    # event_rows shows these columns only: the others (times, notes) are neither read nor
    # converted.
    events = (
        events_filter(user=signed_in_user(request))
        .prefetch_related(None)
        .only("id", "name", "starts_at", "location", "goal_new_connections")
    )
    return render(request, "events/list.html", {"page": paginate(request, events, per_page=30)})


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(owner=signed_in_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{event.name} planned. Who do you want to meet there?")
            return redirect(event)
    return render(request, "events/form.html", {"form": form, "title": "Plan an event"})


def _detail_context(event: Event) -> dict[str, object]:
    met = people_met(event=event)
    return {
        "event": event,
        "people_met": met,
        "unmet_wanted": want_to_meet_unmet(event=event),
        "wanted": event.want_to_meet.all(),
        "conversations": event.conversations.select_related("person"),
        "met_count": met.count(),
    }


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    return render(request, "events/detail.html", _detail_context(event))


@login_required
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(event)
    return render(
        request, "events/form.html", {"form": form, "title": f"Edit {event.name}", "event": event}
    )


@login_required
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    if request.method == "POST":
        services.event_delete(event=event)
        messages.success(request, f"{event.name} deleted. Its conversations stay with the people.")
        return redirect("events:list")
    return render(request, "events/confirm_delete.html", {"event": event})


@login_required
def want_to_meet_search(request: HttpRequest, event_id: int) -> HttpResponse:
    """People matching the typed words, to add to the want-to-meet list."""
    event = get_owned_or_404(Event, request.user, event_id)
    query = request.GET.get("q", "").strip()[:200]
    candidates = people_filter(user=signed_in_user(request), q=query)[:10] if query else []
    wanted_ids = set(event.want_to_meet.values_list("pk", flat=True))
    return render(
        request,
        "events/partials/want_candidates.html",
        {"event": event, "candidates": candidates, "wanted_ids": wanted_ids, "query": query},
    )


@login_required
@require_POST
def want_to_meet_toggle(request: HttpRequest, event_id: int, person_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    person = get_owned_or_404(Person, request.user, person_id)
    wanted = request.POST.get("wanted", "1") == "1"
    services.event_want_to_meet_toggle(event=event, person=person, wanted=wanted)
    if is_htmx(request):
        return render(request, "events/partials/want_list.html", _detail_context(event))
    return redirect(event)
