"""Teams and their members: create, rename, leave, remove, roles."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from hallway.teams.models import (
    IntroductionRequest,
    Membership,
    Role,
    ShareAction,
    ShareAudit,
    ShareGrant,
    ShareLevel,
    Team,
    TeamEvent,
    TeamEventAttendee,
    TeamEventClaim,
)
from hallway.teams.selectors.memberships import Viewer, account_of

MAX_TEAM_NAME = 100


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise ValidationError({"name": "Give the team a name."})
    if len(cleaned) > MAX_TEAM_NAME:
        raise ValidationError({"name": f"A team name has at most {MAX_TEAM_NAME} characters."})
    return cleaned


def require_manager(membership: Membership) -> None:
    if not membership.can_manage:
        raise ValidationError("Only the team's owner and admins can do that.")


@transaction.atomic
def team_create(*, owner: Viewer, name: str) -> Team:
    """A new team with its creator as the owner."""
    owner = account_of(owner)
    team = Team.objects.create(name=_clean_name(name))
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    return team


@transaction.atomic
def team_rename(*, membership: Membership, name: str) -> Team:
    require_manager(membership)
    team = membership.team
    team.name = _clean_name(name)
    team.save(update_fields=["name"])
    return team


def _withdraw(team: Team, user: User, *, actor: User, via: str) -> None:
    """Everything of the user leaves the team: shares (audited), shared events, claims,
    attendance and introduction requests. Their own people, notes and events stay theirs."""
    grants = list(ShareGrant.objects.filter(team=team, owner=user).select_related("person"))
    ShareAudit.objects.bulk_create(
        ShareAudit(
            team=team,
            actor=actor,
            person=grant.person,
            person_name=grant.person.name,
            action=ShareAction.UNSHARE,
            from_level=grant.level,
            to_level=ShareLevel.NONE,
            via=via,
        )
        for grant in grants
    )
    ShareGrant.objects.filter(team=team, owner=user).delete()
    TeamEvent.objects.filter(team=team, shared_by=user).delete()
    TeamEventClaim.objects.filter(team_event__team=team, user=user).delete()
    TeamEventAttendee.objects.filter(team_event__team=team, user=user).delete()
    IntroductionRequest.objects.filter(team=team, requester=user).delete()
    IntroductionRequest.objects.filter(team=team, owner=user).delete()


@transaction.atomic
def member_remove(*, membership: Membership, removed: Membership) -> None:
    """An owner or admin removes a member; the member's data goes with them."""
    require_manager(membership)
    if removed.team_id != membership.team_id:
        raise ValidationError("That person is not in this team.")
    if removed.pk == membership.pk:
        raise ValidationError("To leave the team, use “Leave team”.")
    if removed.role == Role.OWNER:
        raise ValidationError("The team's owner cannot be removed.")
    if removed.role == Role.ADMIN and membership.role != Role.OWNER:
        raise ValidationError("Only the owner can remove an admin.")
    _withdraw(removed.team, removed.user, actor=membership.user, via="removed from the team")
    removed.delete()


@transaction.atomic
def team_leave(*, membership: Membership) -> bool:
    """Leave the team; returns True when the team was deleted (its last member left)."""
    team = membership.team
    others = Membership.objects.filter(team=team).exclude(pk=membership.pk)
    if membership.role == Role.OWNER and others.exists():
        successor = others.filter(role=Role.ADMIN).first()
        if successor is None:
            raise ValidationError("Make another member the owner (or an admin) before you leave.")
        successor.role = Role.OWNER
        successor.save(update_fields=["role"])
    _withdraw(team, membership.user, actor=membership.user, via="left the team")
    membership.delete()
    if not others.exists():
        team.delete()
        return True
    return False


@transaction.atomic
def member_role_set(*, membership: Membership, member: Membership, role: str) -> Membership:
    """The owner makes someone an admin or a member, or hands ownership over."""
    if membership.role != Role.OWNER:
        raise ValidationError("Only the team's owner can change roles.")
    if member.team_id != membership.team_id:
        raise ValidationError("That person is not in this team.")
    if role not in Role.values:
        raise ValidationError({"role": "Choose owner, admin or member."})
    if member.pk == membership.pk:
        raise ValidationError("Hand ownership to someone else to change your own role.")
    if role == Role.OWNER:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role"])
    member.role = role
    member.save(update_fields=["role"])
    return member
