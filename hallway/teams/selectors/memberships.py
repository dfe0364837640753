"""Memberships: whose teams, and the 404 for anybody outside them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from hallway.accounts.two_factor import two_factor_enabled
from hallway.lib.prepared import Prepared
from hallway.teams.models import Membership, Team

# What a door hands over as `request.user`. The reads take it as it is (an anonymous user sees
# nothing); the writes need the account itself (`account_of`).
Viewer = User | AnonymousUser


def account_of(user: Viewer) -> User:
    """The account behind a door's user; the doors keep anonymous users out, so this only
    refuses what should never come."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def primary_key_or_404(value: Any) -> int:
    """An id from a URL or a payload; anything that is not a whole number is a 404."""
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise Http404("Not found.") from error


def display_name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def memberships_of(user: Viewer | None) -> QuerySet[Membership]:
    if not isinstance(user, User):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("team").order_by("team__name")


_MEMBERSHIPS = Prepared(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id).select_related("team").order_by("team__name")
    )
)


def memberships_list(user: Viewer | None) -> list[Membership]:
    """`memberships_of` read: through a statement compiled once (hallway.lib.prepared), since
    the person and event pages ask it on every visit."""
    if not isinstance(user, User):
        return []
    return _MEMBERSHIPS.list(user_id=user.pk)


def membership_get_or_404(user: Viewer, team_id: Any) -> Membership:
    """The user's membership of this team; anybody else gets a 404, as if it did not exist."""
    primary_key = primary_key_or_404(team_id)
    found = memberships_of(user).filter(team_id=primary_key).first()
    if found is None:
        raise Http404("Not found.")
    return found


def team_members(team: Team) -> list[Membership]:
    return list(team.memberships.select_related("user").order_by("joined_at", "id"))


def needs_two_factor(membership: Membership) -> bool:
    """An owner or admin of the team without two-factor authentication on: the team's admin
    pages send them to set it up first."""
    return membership.can_manage and not two_factor_enabled(membership.user)
