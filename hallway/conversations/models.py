"""Conversations: each encounter with a person, and the follow-ups promised in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone

from hallway.lib.story import OUTCOMES, outcome_label, warning_sign_labels
from hallway.lib.web import reverse_with_id


class Conversation(models.Model):
    OUTCOME_CHOICES = list(OUTCOMES.items())

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="conversations"
    )
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # facet name -> what was learned in this conversation (also merged into the person's story)
    learned = models.JSONField(default=dict, blank=True)
    # list of warning sign names; when each was noticed lives in warning_sign_times
    warning_signs = models.JSONField(default=list, blank=True)
    # sign name -> seconds into the conversation when it was first noticed
    warning_sign_times = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True, default="")
    notes = models.TextField(blank=True)
    # True when this was the first conversation with this person: counts as meeting someone new.
    with_new_person = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "started_at"]),
            models.Index(fields=["person", "started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse_with_id("conversations:detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None and not self.outcome

    @property
    def duration_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.started_at).total_seconds()))

    @property
    def warning_sign_labels(self) -> list[str]:
        return warning_sign_labels(self.warning_signs)

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome)


class FollowUp(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followups"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="followups")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    text = models.CharField(max_length=500)
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "due", "id"]
        indexes = [
            models.Index(fields=["owner", "done", "due"]),
            # The Due page: open follow-ups by date (SQLite uses no (done, due) index for
            # `NOT done AND due < …`, so this one has the same condition as the query).
            models.Index(
                fields=["owner", "due"], condition=Q(done=False), name="followup_open_due"
            ),
            # A person's open follow-ups (person page, briefing): without it SQLite read every
            # follow-up of the owner through (owner, done, due) to keep one person's.
            models.Index(
                fields=["person", "due"], condition=Q(done=False), name="followup_person_open"
            ),
            # The follow-up list (API): open first, by date, undated last (hallway.recall's
            # followups_filter orders by this `due IS NULL` expression).
            models.Index(
                F("owner"),
                F("done"),
                ExpressionWrapper(Q(due__isnull=True), output_field=models.BooleanField()),
                F("due"),
                name="followup_list",
            ),
        ]

    def __str__(self) -> str:
        return self.text
