"""Writes for teams: membership, invitations, sharing (with its audit log), introductions and
team events. Every web view, API endpoint and CLI command calls these."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from hallway.events.models import Event
from hallway.people.models import Person
from hallway.teams.models import (
    IntroductionRequest,
    IntroStatus,
    Invitation,
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

INVITATION_DAYS = 7
MAX_TEAM_NAME = 100
MAX_MESSAGE_LENGTH = 2_000


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise ValidationError({"name": "Give the team a name."})
    if len(cleaned) > MAX_TEAM_NAME:
        raise ValidationError({"name": f"A team name has at most {MAX_TEAM_NAME} characters."})
    return cleaned


def _level(level: Any) -> ShareLevel:
    try:
        return ShareLevel(int(level))
    except (TypeError, ValueError) as error:
        raise ValidationError(
            {"level": "Choose not shared, “I know them” or full story."}
        ) from error


def _require_manager(membership: Membership) -> None:
    if not membership.can_manage:
        raise ValidationError("Only the team's owner and admins can do that.")


# --- Teams and members -------------------------------------------------------------------


@transaction.atomic
def team_create(*, owner: Any, name: str) -> Team:
    """A new team with its creator as the owner."""
    team = Team.objects.create(name=_clean_name(name))
    Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    return team


@transaction.atomic
def team_rename(*, membership: Membership, name: str) -> Team:
    _require_manager(membership)
    team = membership.team
    team.name = _clean_name(name)
    team.save(update_fields=["name"])
    return team


def invitation_create(*, membership: Membership, email: str = "") -> tuple[Invitation, str]:
    """A one-time invitation; returns it and its secret token (shown once, only hashed here).

    With an e-mail address the link is also sent there, after the invitation is saved; when
    the mail server refuses, the invitation stays and `invitation.send_error` says why."""
    _require_manager(membership)
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
def invitation_accept(*, token: str, user: Any) -> Membership:
    """Join the team with a one-time token; the token stops working."""
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
    _require_manager(membership)
    if invitation.team_id != membership.team_id:
        raise ValidationError("That invitation is not for this team.")
    if invitation.revoked_at is None and invitation.used_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def _withdraw(team: Team, user: Any, *, actor: Any, via: str) -> None:
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
    _require_manager(membership)
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


# --- Sharing --------------------------------------------------------------------------------


def _check_sharable(person: Person, team: Team) -> None:
    if not Membership.objects.filter(team=team, user_id=person.owner_id).exists():
        raise ValidationError("You can only share with a team you are a member of.")


def _set_levels(
    *, actor: Any, team: Team, people: Iterable[Person], level: ShareLevel, via: str
) -> int:
    """Set the team's level for each person (no grant for NONE); audit every change.
    Returns how many people changed."""
    people = list(people)
    current = dict(
        ShareGrant.objects.filter(team=team, person__in=people).values_list("person_id", "level")
    )
    now = timezone.now()
    changed = [person for person in people if current.get(person.pk, 0) != level]
    if not changed:
        return 0
    ids = [person.pk for person in changed]
    ShareGrant.objects.filter(team=team, person_id__in=ids).delete()
    if level > ShareLevel.NONE:
        ShareGrant.objects.bulk_create(
            ShareGrant(
                team=team, person=person, owner_id=person.owner_id, level=level, updated_at=now
            )
            for person in changed
        )
    if level > ShareLevel.NONE:
        grants_refresh_text(person_ids=ids)
    ShareAudit.objects.bulk_create(
        ShareAudit(
            team=team,
            actor=actor,
            person=person,
            person_name=person.name[:200],
            action=ShareAction.UNSHARE if level < current.get(person.pk, 0) else ShareAction.SHARE,
            from_level=current.get(person.pk, 0),
            to_level=level,
            via=via[:120],
            at=now,
        )
        for person in changed
    )
    return len(changed)


@transaction.atomic
def share_set(*, person: Person, team: Team, level: Any, actor: Any | None = None) -> bool:
    """What this team sees of one person: not shared, "I know them" or the full story."""
    _check_sharable(person, team)
    return bool(
        _set_levels(
            actor=actor or person.owner,
            team=team,
            people=[person],
            level=_level(level),
            via="person",
        )
    )


@transaction.atomic
def share_tag(*, membership: Membership, tag: str, level: Any) -> int:
    """Set the level for every person of the member's with this tag; returns how many changed."""
    name = " ".join(str(tag or "").split()).lstrip("#")
    if not name:
        raise ValidationError({"tag": "Choose a tag."})
    people = Person.objects.filter(owner=membership.user, tags__name__iexact=name).distinct()
    if not people.exists():
        raise ValidationError({"tag": f"You have nobody tagged “{name}”."})
    return _set_levels(
        actor=membership.user,
        team=membership.team,
        people=people.only("id", "owner_id", "name"),
        level=_level(level),
        via=f"tag “{name}”"[:120],
    )


@transaction.atomic
def default_level_set(*, membership: Membership, level: Any) -> Membership:
    """The level people the member adds from now on get in this team."""
    membership.default_level = _level(level)
    membership.default_level_since = timezone.now()
    membership.save(update_fields=["default_level", "default_level_since"])
    return membership


def default_share_apply_many(people: list[Any]) -> None:
    """New people (created since the member chose a default) get their owner's default level in
    each team, unless their sharing was ever set by hand (the audit log remembers)."""
    by_owner: dict[int, list[Any]] = {}
    for person in people:
        by_owner.setdefault(person.owner_id, []).append(person)
    for owner_id, owned in by_owner.items():
        memberships = Membership.objects.filter(
            user_id=owner_id, default_level__gt=ShareLevel.NONE
        ).select_related("team")
        for membership in memberships:
            candidates = [
                person
                for person in owned
                if person.created_at is not None
                and person.created_at >= membership.default_level_since
            ]
            if not candidates:
                continue
            ids = [person.pk for person in candidates]
            decided = set(
                ShareAudit.objects.filter(team=membership.team, person_id__in=ids).values_list(
                    "person_id", flat=True
                )
            ) | set(
                ShareGrant.objects.filter(team=membership.team, person_id__in=ids).values_list(
                    "person_id", flat=True
                )
            )
            fresh = [person for person in candidates if person.pk not in decided]
            if fresh:
                _set_levels(
                    actor=membership.user,
                    team=membership.team,
                    people=fresh,
                    level=ShareLevel(membership.default_level),
                    via="default for new people",
                )


def default_share_apply(person: Any) -> None:
    default_share_apply_many([person])


def person_changed(person: Any) -> None:
    """A person's story or profile changed: their default sharing, and the searchable text of
    their grants (runs after the search index was refreshed in the same transaction)."""
    people_changed([person])


def people_changed(people: list[Any]) -> None:
    default_share_apply_many(people)
    ids = [person.pk for person in people]
    with_grants = list(
        ShareGrant.objects.filter(person_id__in=ids).values_list("person_id", flat=True).distinct()
    )
    if with_grants:
        grants_refresh_text(person_ids=with_grants)


# What each level lets the team search (exactly what it shows: name, company, role; for the
# full story also tags, facets, notes and conversations), from the person and their search
# document. The
# subquery reads the grant's own level; one statement for any number of grants.
_GRANT_TEXT_SQL = """
UPDATE teams_sharegrant SET search_text = (
    SELECT person.name || ' ' || person.company || ' ' || person.role
        || CASE WHEN teams_sharegrant.level >= 2 THEN
            ' ' || coalesce(document.tags, '') || ' ' || coalesce(document.story, '') || ' '
            || coalesce(document.notes, '')
        ELSE '' END
    FROM people_person AS person
    LEFT JOIN search_searchdocument AS document ON document.person_id = person.id
    WHERE person.id = teams_sharegrant.person_id
)
"""
_REFRESH_CHUNK = 500


def grants_refresh_text(*, person_ids: list[int] | None, using: str = "default") -> None:
    """Recompute the searchable text of these people's grants (every grant with None)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        if person_ids is None:
            cursor.execute(_GRANT_TEXT_SQL)
            return
        for start in range(0, len(person_ids), _REFRESH_CHUNK):
            chunk = person_ids[start : start + _REFRESH_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{_GRANT_TEXT_SQL} WHERE person_id IN ({marks})", chunk)


# --- Introductions -------------------------------------------------------------------------


@transaction.atomic
def introduction_request(
    *, requester: Any, team: Team, person_id: int, message: str = ""
) -> IntroductionRequest:
    """Ask the teammate who knows this person for an introduction. The person must be shared
    with the requester (at least "I know them")."""
    from hallway.teams.selectors import shared_person_get

    shared = shared_person_get(viewer=requester, team=team, person_id=person_id)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"message": f"A message has at most {MAX_MESSAGE_LENGTH} characters."}
        )
    pending = IntroductionRequest.objects.filter(
        requester=requester, person_id=shared.person_id, status=IntroStatus.PENDING
    ).first()
    if pending is not None:
        raise ValidationError("You already asked for this introduction; wait for the answer.")
    return IntroductionRequest.objects.create(
        team=team,
        requester=requester,
        owner_id=shared.owner_id,
        person_id=shared.person_id,
        message=message,
    )


@transaction.atomic
def introduction_answer(*, request: IntroductionRequest, accept: bool) -> IntroductionRequest:
    """Accept (the requester then sees the person's contact details) or decline (they only learn
    that it was declined)."""
    if request.status != IntroStatus.PENDING:
        raise ValidationError("This request was already answered.")
    request.status = IntroStatus.ACCEPTED if accept else IntroStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request


# --- Team events ---------------------------------------------------------------------------


@transaction.atomic
def team_event_share(*, event: Event, team: Team) -> TeamEvent:
    """Share one of your events with a team (you go, of course)."""
    if not Membership.objects.filter(team=team, user_id=event.owner_id).exists():
        raise ValidationError("You can only share with a team you are a member of.")
    team_event, _created = TeamEvent.objects.get_or_create(
        team=team, event=event, defaults={"shared_by_id": event.owner_id}
    )
    TeamEventAttendee.objects.get_or_create(
        team_event=team_event, user_id=event.owner_id, defaults={"own_event": event}
    )
    return team_event


@transaction.atomic
def team_event_unshare(*, team_event: TeamEvent) -> None:
    team_event.delete()


@transaction.atomic
def team_event_going(*, team_event: TeamEvent, user: Any, going: bool) -> TeamEventAttendee | None:
    """Say you go (a copy of the event lands in your own events, for your conversations there)
    or that you don't after all (your copy stays yours)."""
    if team_event.shared_by_id == user.pk and not going:
        raise ValidationError("You shared this event; stop sharing it instead.")
    attendee = TeamEventAttendee.objects.filter(team_event=team_event, user=user).first()
    if not going:
        if attendee is not None:
            TeamEventClaim.objects.filter(team_event=team_event, user=user).delete()
            attendee.delete()
        return None
    if attendee is not None:
        return attendee
    source = team_event.event
    own_event = Event.objects.create(
        owner=user,
        name=source.name,
        starts_at=source.starts_at,
        ends_at=source.ends_at,
        location=source.location,
    )
    return TeamEventAttendee.objects.create(team_event=team_event, user=user, own_event=own_event)


@transaction.atomic
def team_event_claim(
    *, team_event: TeamEvent, user: Any, person_id: int, take: bool
) -> TeamEventClaim | None:
    """ "I'll take this one" (or give it back) for a person on the shared want-to-meet list."""
    from hallway.teams.selectors import team_event_wanted_ids

    if not TeamEventAttendee.objects.filter(team_event=team_event, user=user).exists():
        raise ValidationError("Say you go to the event first.")
    if person_id not in team_event_wanted_ids(viewer=user, team_event=team_event):
        raise ValidationError("That person is not on the event's shared want-to-meet list.")
    claim = TeamEventClaim.objects.filter(team_event=team_event, person_id=person_id).first()
    if not take:
        if claim is not None and claim.user_id == user.pk:
            claim.delete()
        return None
    if claim is not None:
        if claim.user_id != user.pk:
            raise ValidationError("A teammate already takes that person.")
        return claim
    try:
        with transaction.atomic():
            return TeamEventClaim.objects.create(
                team_event=team_event, person_id=person_id, user=user
            )
    except IntegrityError as error:
        raise ValidationError("A teammate already takes that person.") from error
