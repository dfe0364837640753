"""What the team screens share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hallway.teams import selectors
from hallway.teams.models import Membership


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def two_factor_setup_first(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Send a team's owner or admin to set up two-factor authentication, then back."""
    messages.warning(
        request,
        f"You manage “{membership.team.name}”: turn on two-factor authentication to use its "
        "admin pages (invitations, members, roles, renaming).",
    )
    back = quote(membership.team.get_absolute_url())
    return redirect(f"{reverse('accounts:two_factor_setup')}?next={back}")


def team_admin_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A team admin page: owners and admins need two-factor authentication on to use it (plain
    members go on to the view, which refuses them as before)."""

    @wraps(view)
    def wrapper(request: HttpRequest, team_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = selectors.membership_get_or_404(request.user, team_id)
        if selectors.needs_two_factor(membership):
            return two_factor_setup_first(request, membership)
        return view(request, team_id, *args, **kwargs)

    return wrapper
