"""Writes for people, tags and notes. Every web view, API endpoint and CLI command calls these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hallway.lib import hooks
from hallway.lib.story import FACETS, MAX_FACET_LENGTH, normalize_name
from hallway.people.models import Note, Person, Tag

PERSON_FIELDS = (
    "name",
    "email",
    "phone",
    "company",
    "role",
    "location",
    "linkedin_url",
    "website",
    "met_at",
    "keep_in_touch_days",
    "birthday",
    "anniversary",
    "introduced_by",
)
MAX_TAGS = 50
MAX_NOTE_LENGTH = 10_000


def _clean_tag_names(names: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in names:
        name = " ".join(str(raw).split()).strip().lstrip("#")
        if not name:
            continue
        if len(name) > 50:
            raise ValidationError({"tags": f"Tag “{name[:20]}…” is longer than 50 characters."})
        if name.casefold() not in {existing.casefold() for existing in cleaned}:
            cleaned.append(name)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": f"A person can have at most {MAX_TAGS} tags."})
    return cleaned


def parse_tags(text: str) -> list[str]:
    """Tags typed as one line: comma separated."""
    return _clean_tag_names(text.split(","))


def tags_set(*, person: Person, names: Iterable[str]) -> None:
    """Replace the person's tags, creating the owner's tags as needed (case-insensitive)."""
    wanted = _clean_tag_names(names)
    tags = []
    for name in wanted:
        tag = Tag.objects.filter(owner=person.owner, name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(owner=person.owner, name=name)
        tags.append(tag)
    person.tags.set(tags)


def _apply_story(person: Person, story: dict[str, Any] | None) -> None:
    if not story:
        return
    unknown = set(story) - set(FACETS)
    if unknown:
        raise ValidationError(
            {
                "story": f"Unknown story facet(s): {', '.join(sorted(unknown))}. "
                f"Use {', '.join(FACETS)}."
            }
        )
    for facet, value in story.items():
        text = (value or "").strip()
        if len(text) > MAX_FACET_LENGTH:
            raise ValidationError({facet: f"{facet} is longer than {MAX_FACET_LENGTH} characters."})
        setattr(person, facet, text)


_NULLABLE_FIELDS = {"keep_in_touch_days", "introduced_by", "created_at", "last_contact_at"}


def _assign(
    person: Person,
    fields: dict[str, Any],
    story: dict[str, Any] | None,
    extra_allowed: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Set plain fields (None means empty text) and story facets on an unsaved person."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(FACETS) - {"photo"} - set(extra_allowed)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    facet_values = {facet: fields.pop(facet) for facet in FACETS if facet in fields}
    for field, value in fields.items():
        setattr(person, field, "" if value is None and field not in _NULLABLE_FIELDS else value)
    _apply_story(person, {**facet_values, **(story or {})})


def _validate_and_save(person: Person) -> None:
    person.name = " ".join((person.name or "").split())
    if not person.name:
        raise ValidationError({"name": "A person needs a name."})
    person.name_normalized = normalize_name(person.name)[:200]
    if person.introduced_by is not None and person.introduced_by.owner_id != person.owner_id:
        raise ValidationError({"introduced_by": "Unknown person."})
    person.full_clean(exclude=["owner", "tags", "introduced_by", "photo"])
    person.save()


@transaction.atomic
def person_create(
    *,
    owner: User,
    name: str,
    story: dict[str, Any] | None = None,
    tags: Iterable[str] | None = None,
    **fields: Any,
) -> Person:
    """Create a person for the owner, with optional story facets and tags."""
    person = Person(owner=owner, name=name)
    _assign(person, fields, story, extra_allowed={"created_at", "last_contact_at"})
    _validate_and_save(person)
    if tags is not None:
        tags_set(person=person, names=tags)
    hooks.person_changed(person)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    story: dict[str, Any] | None = None,
    tags: Iterable[str] | None = None,
    **fields: Any,
) -> Person:
    """Change the given fields only; facets in `story` replace the facet's text."""
    _assign(person, fields, story)
    _validate_and_save(person)
    if tags is not None:
        tags_set(person=person, names=tags)
    hooks.person_changed(person)
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Delete the person and their story (listeners may keep a copy to restore: the trash)."""
    hooks.person_deleting(person)
    person_id = person.pk
    person.delete()
    hooks.person_deleted(person_id)


def person_touch(*, person: Person, when: dt.datetime | None = None) -> None:
    """Reset the keep-in-touch clock: a conversation or a note counts as being in touch."""
    when = when or timezone.now()
    if person.last_contact_at is None or when > person.last_contact_at:
        person.last_contact_at = when
        Person.objects.filter(pk=person.pk).update(last_contact_at=when)


@transaction.atomic
def note_add(*, person: Person, text: str, date: dt.date | None = None) -> Note:
    """Add a dated note to the person's story; it also resets the keep-in-touch clock."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "A note needs some text."})
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError({"text": f"A note is at most {MAX_NOTE_LENGTH} characters."})
    note = Note.objects.create(
        owner=person.owner, person=person, text=text, date=date or timezone.localdate()
    )
    note_moment = timezone.make_aware(dt.datetime.combine(note.date, dt.time(12, 0)))
    person_touch(person=person, when=min(note_moment, timezone.now()))
    hooks.person_changed(person)
    return note


@transaction.atomic
def note_delete(*, note: Note) -> None:
    person = note.person
    note.delete()
    hooks.person_changed(person)
