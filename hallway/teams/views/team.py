"""The team screens: the list, a team's page, members, invitations and sharing defaults."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hallway.lib.ownership import owned
from hallway.lib.web import signed_in_user
from hallway.people.models import Tag
from hallway.teams import selectors, services
from hallway.teams.forms import (
    InviteForm,
    LevelForm,
    RoleForm,
    TagShareForm,
    TeamForm,
    TeamSearchForm,
)
from hallway.teams.models import Invitation, Membership
from hallway.teams.views.common import (
    error_text,
    team_admin_page,
    two_factor_setup_first,
)


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": selectors.memberships_of(request.user),
        "form": TeamForm(),
        "pending": selectors.pending_introductions(signed_in_user(request)),
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
            membership = selectors.membership_get_or_404(request.user, team.pk)
            if selectors.needs_two_factor(membership):
                # Prompted at once: its owner needs two-factor to manage it.
                return two_factor_setup_first(request, membership)
            return redirect(team)
    context = {
        "memberships": selectors.memberships_of(request.user),
        "form": form,
        "pending": selectors.pending_introductions(signed_in_user(request)),
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
        "needs_two_factor": selectors.needs_two_factor(membership),
        **extra,
    }


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    return render(request, "teams/detail.html", _detail_context(request, membership))


@login_required
@require_POST
@team_admin_page
def team_rename(request: HttpRequest, team_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    form = TeamForm(request.POST)
    if form.is_valid():
        try:
            services.team_rename(membership=membership, name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, error_text(error))
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
        messages.error(request, error_text(error))
        return redirect(membership.team)
    messages.success(request, f"You left “{name}”. Nothing of yours is shared with it any more.")
    return redirect("teams:list")


@login_required
@require_POST
@team_admin_page
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
        messages.error(request, error_text(error))
        return redirect(membership.team)
    # The address the inviter is using (the e-mail uses HALLWAY_SITE_URL).
    link = request.build_absolute_uri(reverse("teams:join", args=[token]))
    if invitation.send_error:
        messages.error(request, invitation.send_error)
    context = _detail_context(request, membership, new_link=link, new_invitation=invitation)
    return render(request, "teams/detail.html", context)


@login_required
@require_POST
@team_admin_page
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
            messages.error(request, error_text(error))
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
@team_admin_page
def member_remove(request: HttpRequest, team_id: int, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get_or_404(request.user, team_id)
    removed = _member_of_team(membership, membership_id)
    try:
        services.member_remove(membership=membership, removed=removed)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"{selectors.display_name(removed.user)} was removed.")
    return redirect(membership.team)


@login_required
@require_POST
@team_admin_page
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
        messages.error(request, error_text(error))
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
