"""Events: conferences, meetups and dinners where people meet."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from hallway.lib.web import reverse_with_id

# An event with no end time is taken to last the rest of its day (a dinner, a meetup).
DEFAULT_EVENT_LENGTH = dt.timedelta(hours=12)


class Event(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    goal_new_connections = models.PositiveIntegerField(null=True, blank=True)
    reflection = models.TextField(blank=True)
    want_to_meet = models.ManyToManyField("people.Person", blank=True, related_name="wanted_at")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        indexes = [models.Index(fields=["owner", "starts_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_with_id("events:detail", self.pk)

    def conversation_time(self, now: dt.datetime) -> dt.datetime:
        """When a conversation logged "at this event" happened, if nobody says: now while the
        event is on, else the event's start (logging days later must not record "now")."""
        ends_at = self.ends_at or self.starts_at + DEFAULT_EVENT_LENGTH
        if self.starts_at <= now <= ends_at:
            return now
        return self.starts_at
