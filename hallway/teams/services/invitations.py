"""Invitations: one-time links (hashed here), optionally e-mailed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hallway.teams.models import Invitation, Membership, Role
from hallway.teams.selectors.memberships import Viewer, account_of
from hallway.teams.services.members import require_manager

INVITATION_DAYS = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_create(*, membership: Membership, email: str = "") -> tuple[Invitation, str]:
    """A one-time invitation; returns it and its secret token (shown once, only hashed here).

    With an e-mail address the link is also sent there, after the invitation is saved; when
    the mail server refuses, the invitation stays and `invitation.send_error` says why."""
    require_manager(membership)
    email = (email or "").strip()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError({"email": "Enter a valid e-mail address."}) from error
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            team=membership.team,
            created_by=membership.user,
            token_hash=_hash(token),
            email=email,
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        )
    if email:
        try:
            _invitation_send(membership, email, token)
        except (OSError, smtplib.SMTPException) as error:
            invitation.send_error = (
                f"The e-mail could not be sent ({error}); pass the link on yourself."
            )
    return invitation, token


def _invitation_send(membership: Membership, email: str, token: str) -> None:
    inviter = membership.user.get_username()
    team_name = membership.team.name
    send_mail(
        subject=f"{inviter} invites you to the team “{team_name}” on Hallway",
        message=(
            f"{inviter} invites you to join the team “{team_name}” on Hallway.\n\n"
            f"Join with this link (it works once, for {INVITATION_DAYS} days):\n"
            f"{invitation_link(token)}\n\n"
            "Nothing you keep in Hallway is visible to the team until you share it.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
        fail_silently=False,
    )


def invitation_link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('teams:join', args=[token])}"


def invitation_find(token: str) -> Invitation | None:
    """The open invitation with this token, or None (unknown, used, revoked or expired)."""
    invitation = (
        Invitation.objects.select_related("team").filter(token_hash=_hash(token or "")).first()
    )
    return invitation if invitation is not None and invitation.is_open else None


@transaction.atomic
def invitation_accept(*, token: str, user: Viewer) -> Membership:
    """Join the team with a one-time token; the token stops working."""
    user = account_of(user)
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=_hash(token or "")).first()
    )
    if invitation is None or not invitation.is_open:
        raise ValidationError("This invitation link is not valid any more. Ask for a new one.")
    existing = Membership.objects.filter(team=invitation.team, user=user).first()
    if existing is not None:
        raise ValidationError("You are already a member of this team.")
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    return Membership.objects.create(team=invitation.team, user=user, role=Role.MEMBER)


@transaction.atomic
def invitation_revoke(*, membership: Membership, invitation: Invitation) -> None:
    require_manager(membership)
    if invitation.team_id != membership.team_id:
        raise ValidationError("That invitation is not for this team.")
    if invitation.revoked_at is None and invitation.used_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
