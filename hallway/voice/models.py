"""Voice notes: a memo (recorded or typed), its transcript, and the story it proposes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class VoiceNote(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the transcriber"
        TRANSCRIBING = "transcribing", "Transcribing"
        READY = "ready", "Ready for your review"
        APPLIED = "applied", "Added to the story"
        FAILED = "failed", "Could not be transcribed"

    class Source(models.TextChoices):
        AUDIO = "audio", "Voice memo"
        TEXT = "text", "What I remember (typed)"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_notes"
    )
    # Who it is about, when known before the memo; a new person is created on accept.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="voice_notes"
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voice_notes",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUDIO)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # Kept under the data folder and never served over HTTP; deleted once transcribed
    # unless the owner keeps recordings.
    audio = models.FileField(upload_to="voice/%Y/%m/", blank=True)
    audio_format = models.CharField(max_length=40, blank=True)
    audio_seconds = models.FloatField(null=True, blank=True)
    audio_bytes = models.PositiveIntegerField(default=0)
    transcript = models.TextField(blank=True)
    # What the memo says, as extraction.Proposal.as_dict(); edited by the user on accept.
    proposal = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    # Sent by the phone with each upload, so a retried upload is transcribed once.
    idempotency_key = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    transcribed_at = models.DateTimeField(null=True, blank=True)
    transcribe_seconds = models.FloatField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="voice_note_key_once",
            )
        ]

    def __str__(self) -> str:
        return f"Voice note {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("voice:detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        """Still waiting for the worker: the page keeps polling."""
        return self.status in {self.Status.QUEUED, self.Status.TRANSCRIBING}

    @property
    def can_apply(self) -> bool:
        return self.status == self.Status.READY


class VoiceSettings(models.Model):
    """Per-user choices for voice notes."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="voice_settings"
    )
    keep_recordings = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "voice settings"

    def __str__(self) -> str:
        return f"Voice settings of {self.owner}"
