"""People and their stories: the heart of Hallway."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from hallway.lib.date_keys import DueKey
from hallway.lib.partial_dates import PartialDate, parse_partial_date
from hallway.lib.story import FACET_QUESTIONS, FACETS, completeness_of, initials_of, status_of
from hallway.lib.web import reverse_with_id

DATE_HELP = "e.g. 1985-04-12, or --04-12 when you don't know the year"


def validate_partial_date(value: str) -> None:
    """A birthday or anniversary: `YYYY-MM-DD` or `--MM-DD`."""
    found = parse_partial_date(value)
    if value and (found is None or found.iso != value):
        raise ValidationError(
            "Enter a date like 1985-04-12, or --04-12 when you don't know the year."
        )


class Tag(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="tag_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(max_length=200)
    name_normalized = models.CharField(max_length=200, db_index=True, editable=False, default="")
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    company = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    linkedin_url = models.URLField(max_length=500, blank=True)
    website = models.URLField(max_length=500, blank=True)
    photo = models.FileField(upload_to="photos/", blank=True)
    met_at = models.CharField("where / how you met", max_length=500, blank=True)
    keep_in_touch_days = models.PositiveIntegerField(null=True, blank=True)
    # `YYYY-MM-DD`, or `--MM-DD` when the year is unknown (hallway.lib.partial_dates)
    birthday = models.CharField(
        max_length=10, blank=True, validators=[validate_partial_date], help_text=DATE_HELP
    )
    anniversary = models.CharField(
        max_length=10, blank=True, validators=[validate_partial_date], help_text=DATE_HELP
    )
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")

    # The story: five facets, empty while unknown.
    work = models.TextField(blank=True)
    origin = models.TextField(blank=True)
    education = models.TextField(blank=True)
    passions = models.TextField(blank=True)
    drivers = models.TextField(blank=True)

    # When you last talked or wrote a note: the keep-in-touch clock starts here.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["owner", "last_contact_at"]),
            # Partial indexes so "connections" / "cards only" filters stay fast at 100k people.
            models.Index(
                fields=["owner", "name"], condition=Q(passions="", drivers=""), name="person_cards"
            ),
            models.Index(
                fields=["owner", "name"],
                condition=~Q(passions="", drivers=""),
                name="person_connections",
            ),
            models.Index(
                fields=["owner", "keep_in_touch_days"],
                condition=Q(keep_in_touch_days__isnull=False),
                name="person_with_cadence",
            ),
            # Possible duplicates (hallway.interop.duplicates): names and addresses several
            # people share are found with GROUP BY over these, without reading every person:
            # each is covering (the id is in the name key for PostgreSQL; SQLite has the rowid;
            # an index on LOWER(email) alone is not covering for SQLite 3.40, and it reads the
            # table row of each entry), so the pass reads the index in its order and sorts
            # nothing. The unusual addresses have a partial index of their own (migration
            # people 0006: its condition is SQL of each database).
            models.Index(fields=["owner", "name_normalized", "id"], name="person_name_key"),
            models.Index(F("owner"), Lower("email"), F("email"), name="person_email_key"),
            models.Index(fields=["owner"], condition=~Q(phone=""), name="person_with_phone"),
            models.Index(
                fields=["owner"], condition=~Q(linkedin_url=""), name="person_with_linkedin"
            ),
            # The reconnect list: most overdue first, without computing every person's date.
            # The two dates the key is made of are in it too, so counting the overdue people
            # reads the index alone (PostgreSQL read 50,000 table rows to recheck the key).
            models.Index(
                F("owner"),
                DueKey(
                    Coalesce("last_contact_at", "created_at"),
                    F("keep_in_touch_days"),
                    output_field=models.FloatField(),
                ),
                F("keep_in_touch_days"),
                F("name"),
                F("last_contact_at"),
                F("created_at"),
                condition=Q(keep_in_touch_days__isnull=False),
                name="person_reconnect_due",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_with_id("people:detail", self.pk)

    @property
    def photo_url(self) -> str:
        """Where the owner's browser fetches the photo: a view that checks ownership, never a
        public media folder. The file name in the query makes a new photo a new URL (caching)."""
        if not self.photo:
            return ""
        return f"{reverse('people:photo', args=[self.pk])}?v={self.photo.name.rsplit('/', 1)[-1]}"

    @property
    def story(self) -> dict[str, str]:
        """The five facets as a dict, empty strings for unknown ones."""
        return {facet: getattr(self, facet) or "" for facet in FACETS}

    @property
    def status(self) -> str:
        """'connection' when passions or drivers are known, else 'card'."""
        return status_of(self.story)

    @property
    def completeness(self) -> float:
        """Known facets / 5."""
        return completeness_of(self.story)

    @property
    def completeness_percent(self) -> int:
        return round(self.completeness * 100)

    @property
    def unknown_facets(self) -> list[str]:
        return [facet for facet in FACETS if not self.story[facet].strip()]

    @property
    def open_questions(self) -> list[tuple[str, str]]:
        """The questions still to ask, as (facet, question) pairs."""
        return [(facet, FACET_QUESTIONS[facet]) for facet in self.unknown_facets]

    @property
    def birthday_date(self) -> PartialDate | None:
        return parse_partial_date(self.birthday)

    @property
    def anniversary_date(self) -> PartialDate | None:
        return parse_partial_date(self.anniversary)

    @property
    def tag_names(self) -> list[str]:
        # Set for a whole page at once by people.selectors.with_tag_names (one plain query).
        known = self.__dict__.get("_tag_names")
        return list(known) if known is not None else [tag.name for tag in self.tags.all()]

    @property
    def initials(self) -> str:
        return initials_of(self.name)


class Note(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    date = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"
