"""What the phone app keeps on the server: the writes already applied, by idempotency key."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """A write sent with an ``Idempotency-Key`` header, and the answer it got.

    A replay with the same key (the phone never heard the answer, or sent it twice) gets the
    stored answer back instead of being applied again. Kept per user for
    ``KEEP_IDEMPOTENCY_KEYS`` (see ``services``).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    # Null while the first request with this key is still being handled.
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="pocket_idempotency_key_once")
        ]
        indexes = [models.Index(fields=["owner", "created_at"], name="pocket_idem_owner_created")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
