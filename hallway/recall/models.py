"""What recall stores beyond the core models: the attendee lists users paste or upload."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Attendee(models.Model):
    """One line of an event's attendee list; matched to the owner's people when read."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendees"
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=200, blank=True)
    name_normalized = models.CharField(max_length=200, blank=True, editable=False)
    email = models.CharField(max_length=254, blank=True)  # stored lower-case
    company = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "email", "id"]
        indexes = [models.Index(fields=["event", "name_normalized"])]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def label(self) -> str:
        return self.name or self.email
