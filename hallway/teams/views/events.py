"""Team events: share one of yours, who goes, who takes whom."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user
from hallway.teams import selectors, services
from hallway.teams.views.common import error_text


@require_POST
def event_share(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_owned_or_404(Event, request.user, event_id)
    try:
        team_id = int(request.POST.get("team", ""))
    except ValueError:
        messages.error(request, "Choose a team.")
        return redirect(event)
    membership = selectors.membership_get_or_404(request.user, team_id)
    team_event = services.team_event_share(event=event, team=membership.team)
    messages.success(request, f"{event.name} is shared with “{membership.team.name}”.")
    return redirect("teams:team_event", membership.team_id, team_event.pk)


@login_required
def team_event(request: HttpRequest, team_id: int, team_event_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    context = {
        "membership": membership,
        "team": membership.team,
        **selectors.team_event_overview(viewer=signed_in_user(request), team_event=found),
    }
    return render(request, "teams/team_event.html", context)


@login_required
@require_POST
def team_event_going(request: HttpRequest, team_id: int, team_event_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    try:
        services.team_event_going(
            team_event=found, user=request.user, going=request.POST.get("going") != "no"
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("teams:team_event", membership.team_id, found.pk)


@login_required
@require_POST
def team_event_take(
    request: HttpRequest, team_id: int, team_event_id: int, person_id: int
) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    if person_id not in selectors.team_event_wanted_ids(
        viewer=signed_in_user(request), team_event=found
    ):
        raise Http404("Not found.")
    try:
        services.team_event_claim(
            team_event=found,
            user=request.user,
            person_id=person_id,
            take=request.POST.get("take") != "no",
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("teams:team_event", membership.team_id, found.pk)


@login_required
@require_POST
def team_event_unshare(request: HttpRequest, team_id: int, team_event_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    if found.shared_by_id != request.user.pk:
        raise Http404("Not found.")
    services.team_event_unshare(team_event=found)
    messages.success(request, "The event is no longer shared with the team.")
    return redirect(membership.team)
