"""Phone sync (CardDAV/CalDAV): device passwords, change revisions, client hrefs and the trash.

People live in Hallway's own tables; this app only keeps what the protocol needs on top of
them: which person changed at which revision (so a sync token can say "what changed since"),
the file name and UID a phone chose for a contact it created, and deleted people for 30 days.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def hash_device_password(raw: str) -> str:
    """Device passwords are long random secrets, so a SHA-256 digest is enough (like API
    tokens) and every DAV request can be checked without a slow password hash."""
    return hashlib.sha256(raw.encode()).hexdigest()


class DevicePassword(models.Model):
    """One per phone or computer: named, shown once, revocable."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_passwords"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class SyncCounter(models.Model):
    """The user's latest revision; bumped (under a row lock) by every change to a person."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_counter"
    )
    revision = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.owner_id}@{self.revision}"


class CardChange(models.Model):
    """The revision at which a person last changed, or was deleted (a tombstone).

    One row per person (no foreign key, so it outlives the person as the tombstone);
    a sync token is a revision, and "what changed since" is one indexed range query."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_changes"
    )
    # Person ids are never reused, so one row per id (unique) serves every owner.
    person_id = models.BigIntegerField(unique=True)
    revision = models.BigIntegerField()
    deleted = models.BooleanField(default=False)
    # Set for a contact a client created: the resource name it PUT to, kept for the tombstone.
    href = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "revision"])]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.revision}{' (deleted)' if self.deleted else ''}"


class ClientCard(models.Model):
    """The file name and UID a phone gave a contact it created, so the phone finds it again
    under the same name (renaming never makes a second contact)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_cards"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="client_card"
    )
    href = models.CharField(max_length=255)
    uid = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "href"], name="client_card_href_unique")
        ]
        indexes = [models.Index(fields=["owner", "uid"])]

    def __str__(self) -> str:
        return self.href


class DeletedPerson(models.Model):
    """A deleted person kept for 30 days as a snapshot in the backup format (hallway.interop
    .backup), so nothing else in the app needs to filter out deleted rows."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deleted_people"
    )
    person_id = models.BigIntegerField()
    name = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    deleted_at = models.DateTimeField(default=timezone.now)
    # where the deletion came from: "web", "api", "cli", "phone"
    source = models.CharField(max_length=20, default="web")
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["owner", "deleted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def expires_at(self) -> dt.datetime:
        """When the person is gone for good."""
        return self.deleted_at + dt.timedelta(days=30)
