"""Teams: members, invitations, per-person share grants, introductions and shared events.

Nothing a member owns is visible to the team until they share it. A share grant says how much
of one person the team may see (`ShareLevel`); no grant means not shared. Reads of another
member's data go through `hallway.teams.selectors`, the one place that applies the grants.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class ShareLevel(models.IntegerChoices):
    """How much of a person the team sees; higher includes lower."""

    NONE = 0, "Not shared"
    KNOW = 1, "I know them"
    FULL = 2, "Full story"


LEVEL_NAMES = {ShareLevel.NONE: "none", ShareLevel.KNOW: "know", ShareLevel.FULL: "full"}
LEVELS_BY_NAME = {name: level for level, name in LEVEL_NAMES.items()}


class Team(models.Model):
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.pk])


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    # The level new people get in this team, and since when (people created before keep theirs).
    default_level = models.PositiveSmallIntegerField(
        choices=ShareLevel.choices, default=ShareLevel.NONE
    )
    default_level_since = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="teams_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"

    @property
    def can_manage(self) -> bool:
        """Owners and admins invite and remove members."""
        return self.role in (Role.OWNER, Role.ADMIN)


class Invitation(models.Model):
    """A one-time link to join a team; only a hash of its token is stored."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Not stored: why sending the invitation e-mail failed, for the one request that tried.
    send_error = ""

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation to {self.team}"

    @property
    def is_open(self) -> bool:
        """Not used, not revoked, not expired."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ShareGrant(models.Model):
    """One person of one member, shared with one team at a level (KNOW or FULL)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # The person's owner, kept here so the team's grants are read without joining people.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(choices=ShareLevel.choices)
    updated_at = models.DateTimeField(default=timezone.now)
    # The text this level lets the team search: name, company and role; for the full story
    # also tags, facets, notes and conversations. Kept in step by the services; on
    # PostgreSQL a generated tsvector column with a GIN index (migration 0002) indexes it.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="teams_grant_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1), name="teams_grant_level"),
        ]
        indexes = [models.Index(fields=["team", "owner"]), models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"{self.person_id} shared with {self.team_id} at {self.level}"


class ShareAction(models.TextChoices):
    SHARE = "share", "Shared"
    UNSHARE = "unshare", "Stopped sharing"


class ShareAudit(models.Model):
    """Who changed what a team sees of a person, when, from which level to which, and how."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Kept when the person is deleted: the history of what was shared stays readable.
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_name = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=ShareAction.choices)
    from_level = models.PositiveSmallIntegerField(choices=ShareLevel.choices)
    to_level = models.PositiveSmallIntegerField(choices=ShareLevel.choices)
    # person, tag "…", default, introduction, left team
    via = models.CharField(max_length=120)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["team", "actor", "at"])]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.person_name} ({self.via})"


class IntroStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class IntroductionRequest(models.Model):
    """A member asks the teammate who knows someone for a warm introduction."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="introductions")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The teammate who knows the person (the person's owner).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    message = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=IntroStatus.choices, default=IntroStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["requester"])]

    def __str__(self) -> str:
        return f"introduction request {self.pk} ({self.status})"


class TeamEvent(models.Model):
    """A member's event, shared with a team: who goes, who takes whom, connections made."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="events")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["team", "event"], name="teams_event_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} shared with {self.team_id}"


class TeamEventAttendee(models.Model):
    """A member going to a team event, with their own copy of it (their conversations go there)."""

    team_event = models.ForeignKey(TeamEvent, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    own_event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["team_event", "user"], name="teams_attendee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} goes to {self.team_event_id}"


class TeamEventClaim(models.Model):
    """ "I'll take this one": a member takes a person of the shared want-to-meet list."""

    team_event = models.ForeignKey(TeamEvent, on_delete=models.CASCADE, related_name="claims")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team_event", "person"], name="teams_claim_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} takes {self.person_id}"
