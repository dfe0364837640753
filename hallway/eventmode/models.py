"""Live event mode keeps two things of its own: per-user settings and the captures already applied."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Written by us, editable by each user: polite ways to end a conversation and move on.
DEFAULT_EXIT_LINES: tuple[str, ...] = (
    "It's been great talking to you. I promised myself I'd meet a few new people today, so I'll let you go.",
    "I don't want to keep you all to yourself. Let's exchange details and continue this later.",
    "I'm going to grab a coffee before the next session. Really glad we met.",
    "There's someone I've been hoping to catch before they leave. Can I follow up with you next week?",
    "Thank you, this was really interesting. Enjoy the rest of the event!",
)
DEFAULT_LONG_CONVERSATION_MINUTES = 10


def default_exit_lines() -> list[str]:
    return list(DEFAULT_EXIT_LINES)


class LiveSettings(models.Model):
    """How live event mode behaves for one user, and which event they are checked in to."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_settings"
    )
    long_conversation_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_LONG_CONVERSATION_MINUTES
    )
    exit_lines = models.JSONField(default=default_exit_lines, blank=True)
    current_event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "live settings"

    def __str__(self) -> str:
        return f"Live settings of {self.owner}"


class ProcessedCapture(models.Model):
    """A capture sent with a client-made key: a retry with the same key is not applied twice."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    action = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="eventmode_capture_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key}"
