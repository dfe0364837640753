"""Replay-safe writes: each idempotency key is applied once per user, its answer kept a while."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from hallway.pocket.models import IdempotentRequest

# A phone can stay offline for a long trip; after this a key may be reused (and is purged).
KEEP_IDEMPOTENCY_KEYS = dt.timedelta(days=30)
# A first request still "being handled" after this crashed before storing its answer.
ABANDONED_AFTER = dt.timedelta(minutes=2)
# Answers larger than this are not kept (the replay then says "already applied" without a body).
MAX_STORED_BODY = 256 * 1024
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Headers a client needs from a replayed answer.
KEPT_HEADERS = ("Location", "HX-Redirect", "HX-Trigger", "HX-Location")


class KeyReused(Exception):
    """The key was already used for a different request."""


class StillRunning(Exception):
    """The first request with this key has not finished yet."""


def idempotency_begin(
    *, owner: User, key: str, method: str, path: str, now: dt.datetime | None = None
) -> tuple[IdempotentRequest, bool]:
    """Claim the key for this request: (record, True) the first time, (stored record, False) on
    a replay. Raises KeyReused or StillRunning."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return (
                IdempotentRequest.objects.create(owner=owner, key=key, method=method, path=path),
                True,
            )
    except IntegrityError:
        pass
    existing = IdempotentRequest.objects.filter(owner=owner, key=key).first()
    if existing is None:  # purged between the two statements: claim it again
        return idempotency_begin(owner=owner, key=key, method=method, path=path, now=now)
    if existing.method != method or existing.path != path:
        raise KeyReused
    if existing.status is None:
        if existing.created_at > now - ABANDONED_AFTER:
            raise StillRunning
        existing.delete()
        return idempotency_begin(owner=owner, key=key, method=method, path=path, now=now)
    return existing, False


def idempotency_finish(
    *,
    record: IdempotentRequest,
    status: int,
    content_type: str,
    headers: dict[str, str],
    body: bytes | None,
    now: dt.datetime | None = None,
) -> None:
    """Keep the answer for replays (a server error frees the key so a retry runs again), and
    forget this user's keys older than the retention period."""
    now = now or timezone.now()
    if status >= 500:
        record.delete()
        return
    record.status = status
    record.content_type = content_type[:100]
    record.headers = {name: value for name, value in headers.items() if name in KEPT_HEADERS}
    record.body = body if body is not None and len(body) <= MAX_STORED_BODY else b""
    record.save(update_fields=["status", "content_type", "headers", "body"])
    IdempotentRequest.objects.filter(
        owner_id=record.owner_id, created_at__lt=now - KEEP_IDEMPOTENCY_KEYS
    ).delete()


def idempotency_forget(*, record: IdempotentRequest) -> None:
    """The request failed before it could answer: let a retry run it."""
    IdempotentRequest.objects.filter(pk=record.pk, status__isnull=True).delete()
