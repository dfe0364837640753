"""Updates that come to the user: how often the digest is sent, and the private calendar feed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class DigestSubscription(models.Model):
    """The user's digest schedule. No row means the default: weekly."""

    DAILY, WEEKLY, MONTHLY, OFF = "daily", "weekly", "monthly", "off"
    FREQUENCY_CHOICES = [
        (DAILY, "Daily"),
        (WEEKLY, "Weekly"),
        (MONTHLY, "Monthly"),
        (OFF, "Off (no digest)"),
    ]
    DEFAULT_FREQUENCY = WEEKLY

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    frequency = models.CharField(
        max_length=10, choices=FREQUENCY_CHOICES, default=DEFAULT_FREQUENCY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.owner}: {self.frequency}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private iCalendar URL. Whoever has the token can read the feed, so it can be regenerated
    (the old URL stops working) or turned off (the row is deleted)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.owner}"
