"""What interop stores beside the core models: extra contact details and uploads awaiting review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ContactDetail(models.Model):
    """A second e-mail, phone or link of a person (Person holds one of each); kept so an
    import or a merge loses nothing and duplicates are found by any of them."""

    KINDS = [("email", "E-mail"), ("phone", "Phone"), ("url", "Link")]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_details"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="contact_details"
    )
    kind = models.CharField(max_length=10, choices=KINDS)
    value = models.CharField(max_length=500)
    # What a link is (`blog`, `home page`, `twitter`…), as the address book that sent it said
    label = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["owner", "kind", "value"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class PendingImport(models.Model):
    """An uploaded file kept between the preview and the user's "Import" click."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    file = models.FileField(upload_to="imports/")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class NotDuplicate(models.Model):
    """The user said these two people are different: don't propose merging them again."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="not_duplicates"
    )
    first = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_pair_unique")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
