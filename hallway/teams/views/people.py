"""Teammates' people: sharing one of yours, team search, a shared person, introductions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import is_htmx, signed_in_user
from hallway.people.models import Person
from hallway.teams import selectors, services
from hallway.teams.forms import IntroductionForm, ShareForm, TeamSearchForm
from hallway.teams.views.common import error_text


@require_POST
def person_share(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_owned_or_404(Person, request.user, person_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a team and a sharing level.")
        return redirect(person)
    membership = selectors.membership_get_or_404(request.user, form.cleaned_data["team"])
    services.share_set(person=person, team=membership.team, level=form.cleaned_data["level"])
    if is_htmx(request):
        return render(
            request,
            "teams/partials/person_sharing.html",
            {"person": person, "audience": selectors.person_audience(person=person)},
        )
    messages.success(request, f"Sharing of {person.name} with “{membership.team.name}” saved.")
    return redirect(person)


@login_required
def team_search(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = TeamSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = (
        selectors.team_search(viewer=request.user, team=membership.team, query=query)
        if query
        else []
    )
    context = {
        "membership": membership,
        "team": membership.team,
        "form": form,
        "query": query,
        "results": results,
    }
    template = "teams/partials/search_results.html" if is_htmx(request) else "teams/search.html"
    return render(request, template, context)


@login_required
def shared_person(request: HttpRequest, team_id: int, person_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    shared = selectors.shared_person_get(
        viewer=request.user, team=membership.team, person_id=person_id
    )
    context = {
        "membership": membership,
        "team": membership.team,
        "shared": shared,
        "form": IntroductionForm(),
        "asked": selectors.introduction_sent_for(signed_in_user(request), person_id),
    }
    return render(request, "teams/shared_person.html", context)


@login_required
@require_POST
def introduction_request(request: HttpRequest, team_id: int, person_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    shared = selectors.shared_person_get(
        viewer=request.user, team=membership.team, person_id=person_id
    )
    form = IntroductionForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_request(
                requester=request.user,
                team=membership.team,
                person_id=shared.person_id,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Request sent to {shared.owner_name}.")
            return redirect("teams:shared_person", membership.team_id, shared.person_id)
    context = {
        "membership": membership,
        "team": membership.team,
        "shared": shared,
        "form": form,
        "asked": selectors.introduction_sent_for(signed_in_user(request), person_id),
    }
    return render(request, "teams/shared_person.html", context, status=422)


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    context = {
        "received": selectors.introductions_received(request.user),
        "sent": selectors.introductions_sent(signed_in_user(request)),
    }
    return render(request, "teams/introductions.html", context)


@login_required
@require_POST
def introduction_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    introduction = selectors.introduction_get_for_owner_or_404(request.user, request_id)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, "Answer with accept or decline.")
        return redirect("teams:introductions")
    try:
        services.introduction_answer(request=introduction, accept=answer == "accept")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            "Accepted: they now see the contact details."
            if answer == "accept"
            else "Declined. They only see that you declined.",
        )
    return redirect("teams:introductions")
