"""Team events: share one of your events, say you go, take a person on the list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hallway.events.models import Event
from hallway.teams.models import Membership, Team, TeamEvent, TeamEventAttendee, TeamEventClaim
from hallway.teams.selectors.memberships import Viewer, account_of


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
def team_event_going(
    *, team_event: TeamEvent, user: Viewer, going: bool
) -> TeamEventAttendee | None:
    """Say you go (a copy of the event lands in your own events, for your conversations there)
    or that you don't after all (your copy stays yours)."""
    user = account_of(user)
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
    *, team_event: TeamEvent, user: Viewer, person_id: int, take: bool
) -> TeamEventClaim | None:
    """ "I'll take this one" (or give it back) for a person on the shared want-to-meet list."""
    from hallway.teams.selectors import team_event_wanted_ids

    user = account_of(user)
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
