"""Team screens. Every read of a teammate's data goes through hallway.teams.selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404, owned
from hallway.lib.web import is_htmx
from hallway.people.models import Person, Tag
from hallway.teams import selectors, services
from hallway.teams.forms import (
    IntroductionForm,
    InviteForm,
    LevelForm,
    RoleForm,
    ShareForm,
    TagShareForm,
    TeamForm,
    TeamSearchForm,
)
from hallway.teams.models import Invitation, Membership


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Redirect to the page the form was on (same site only), else the fallback."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": selectors.memberships_of(request.user),
        "form": TeamForm(),
        "pending": selectors.pending_introductions(request.user),
    }
    return render(request, "teams/list.html", context)


@login_required
@require_POST
def team_create(request: HttpRequest) -> HttpResponse:
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            team = services.team_create(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Team “{team.name}” created. Invite your teammates.")
            return redirect(team)
    context = {
        "memberships": selectors.memberships_of(request.user),
        "form": form,
        "pending": selectors.pending_introductions(request.user),
    }
    return render(request, "teams/list.html", context, status=422)


def _detail_context(request: HttpRequest, membership: Membership, **extra: Any) -> dict[str, Any]:
    team = membership.team
    return {
        "membership": membership,
        "team": team,
        "members": selectors.team_members(team),
        "invitations": [i for i in team.invitations.all()[:20] if i.is_open]
        if membership.can_manage
        else [],
        "invite_form": InviteForm(),
        "default_form": LevelForm(initial={"level": membership.default_level}),
        "tag_form": TagShareForm(),
        "tags": owned(Tag, request.user),
        "search_form": TeamSearchForm(),
        "events": selectors.team_events(membership=membership),
        "history": selectors.share_history(membership=membership, limit=20),
        "shared_count": team.grants.filter(owner_id=request.user.pk).count(),
        "role_form": RoleForm(),
        **extra,
    }


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    return render(request, "teams/detail.html", _detail_context(request, membership))


@login_required
@require_POST
def team_rename(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            services.team_rename(membership=membership, name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Team renamed.")
    else:
        messages.error(request, "Give the team a name (at most 100 characters).")
    return redirect(membership.team)


@login_required
@require_POST
def team_leave(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    name = membership.team.name
    try:
        services.team_leave(membership=membership)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(membership.team)
    messages.success(request, f"You left “{name}”. Nothing of yours is shared with it any more.")
    return redirect("teams:list")


@login_required
@require_POST
def invitation_create(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, membership, invite_form=form)
        return render(request, "teams/detail.html", context, status=422)
    try:
        invitation, token = services.invitation_create(
            membership=membership, email=form.cleaned_data["email"] or ""
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(membership.team)
    # The address the inviter is using (the e-mail uses HALLWAY_SITE_URL).
    link = request.build_absolute_uri(reverse("teams:join", args=[token]))
    if invitation.send_error:
        messages.error(request, invitation.send_error)
    context = _detail_context(request, membership, new_link=link, new_invitation=invitation)
    return render(request, "teams/detail.html", context)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, team_id: int, invitation_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    invitation = Invitation.objects.filter(team=membership.team, pk=invitation_id).first()
    if invitation is None or not membership.can_manage:
        raise Http404("Not found.")
    services.invitation_revoke(membership=membership, invitation=invitation)
    messages.success(request, "Invitation revoked: the link no longer works.")
    return redirect(membership.team)


@login_required
def team_join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_find(token)
    if invitation is None:
        return render(request, "teams/join_invalid.html", status=404)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("teams:list")
        messages.success(
            request,
            f"Welcome to “{membership.team.name}”. Nothing of yours is shared until you share it.",
        )
        return redirect(membership.team)
    already = selectors.memberships_of(request.user).filter(team=invitation.team).exists()
    return render(
        request, "teams/join.html", {"invitation": invitation, "already": already, "token": token}
    )


def _member_of_team(membership: Membership, membership_id: int) -> Membership:
    found = (
        Membership.objects.filter(team=membership.team, pk=membership_id)
        .select_related("user", "team")
        .first()
    )
    if found is None:
        raise Http404("Not found.")
    return found


@login_required
@require_POST
def member_remove(request: HttpRequest, team_id: int, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    removed = _member_of_team(membership, membership_id)
    try:
        services.member_remove(membership=membership, removed=removed)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{selectors.display_name(removed.user)} was removed.")
    return redirect(membership.team)


@login_required
@require_POST
def member_role(request: HttpRequest, team_id: int, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    member = _member_of_team(membership, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, admin or member.")
        return redirect(membership.team)
    try:
        services.member_role_set(
            membership=membership, member=member, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"{selectors.display_name(member.user)} is now {member.role}.")
    return redirect(membership.team)


@login_required
@require_POST
def sharing_default(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = LevelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a sharing level.")
        return redirect(membership.team)
    services.default_level_set(membership=membership, level=form.cleaned_data["level"])
    messages.success(
        request, f"People you add from now on: {membership.get_default_level_display()}."
    )
    return redirect(membership.team)


@login_required
@require_POST
def sharing_tag(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = TagShareForm(request.POST)
    if form.is_valid():
        try:
            changed = services.share_tag(
                membership=membership,
                tag=form.cleaned_data["tag"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            form.add_error("tag", error.messages[0])
        else:
            messages.success(request, f"Sharing changed for {changed} people.")
            return redirect(membership.team)
    context = _detail_context(request, membership, tag_form=form)
    return render(request, "teams/detail.html", context, status=422)


@login_required
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
        "asked": selectors.introduction_sent_for(request.user, person_id),
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
        "asked": selectors.introduction_sent_for(request.user, person_id),
    }
    return render(request, "teams/shared_person.html", context, status=422)


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    context = {
        "received": selectors.introductions_received(request.user),
        "sent": selectors.introductions_sent(request.user),
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
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            "Accepted: they now see the contact details."
            if answer == "accept"
            else "Declined. They only see that you declined.",
        )
    return redirect("teams:introductions")


@login_required
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
        **selectors.team_event_overview(viewer=request.user, team_event=found),
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
        messages.error(request, _error_text(error))
    return redirect("teams:team_event", membership.team_id, found.pk)


@login_required
@require_POST
def team_event_take(
    request: HttpRequest, team_id: int, team_event_id: int, person_id: int
) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    found = selectors.team_event_get_or_404(membership=membership, team_event_id=team_event_id)
    if person_id not in selectors.team_event_wanted_ids(viewer=request.user, team_event=found):
        raise Http404("Not found.")
    try:
        services.team_event_claim(
            team_event=found,
            user=request.user,
            person_id=person_id,
            take=request.POST.get("take") != "no",
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
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
