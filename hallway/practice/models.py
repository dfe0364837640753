"""Practice: the goals a user sets for themselves and a short reflection per month."""

from __future__ import annotations

from django.conf import settings
from django.db import models

MAX_GOAL = 100
MAX_MONTHLY_REFLECTION_LENGTH = 2000


class PracticeGoals(models.Model):
    """How often the user wants to practise. A zero means "not tracked"."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_goals"
    )
    events_per_month = models.PositiveSmallIntegerField(default=2)
    new_people_per_event = models.PositiveSmallIntegerField(default=3)
    connections_per_month = models.PositiveSmallIntegerField(default=2)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Goals of {self.owner}"


class MonthlyReflection(models.Model):
    """A few lines about how a month of practice went, shown beside its numbers."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="monthly_reflections"
    )
    # Always the first day of the month.
    month = models.DateField()
    text = models.TextField(max_length=MAX_MONTHLY_REFLECTION_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "month"], name="monthly_reflection_unique_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y}: {self.text[:40]}"
