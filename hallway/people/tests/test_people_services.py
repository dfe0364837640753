import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from hallway.people.models import Tag
from hallway.people.services import note_add, person_create, person_update, tags_set


def test_tags_are_per_owner_and_case_insensitive(owner, outsider):
    first = person_create(owner=owner, name="A", tags=["CIO"])
    second = person_create(owner=owner, name="B", tags=["cio", "Boston"])
    person_create(owner=outsider, name="C", tags=["cio"])
    assert Tag.objects.filter(owner=owner).count() == 2
    assert first.tags.get() == second.tags.get(name="CIO")


def test_unknown_story_facet_is_refused(owner):
    with pytest.raises(ValidationError, match="Unknown story facet"):
        person_create(owner=owner, name="A", story={"hobbies": "x"})


def test_a_failed_update_changes_nothing(owner, person):
    with pytest.raises(ValidationError):
        person_update(person=person, name="", tags=["new"])
    person.refresh_from_db()
    assert person.name == "Jane Doe" and sorted(person.tag_names) == ["cio", "retail"]


def test_a_note_resets_the_keep_in_touch_clock(person):
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC), tick=False):
        note_add(person=person, text="Met for coffee")
    person.refresh_from_db()
    assert person.last_contact_at.date() == dt.date(2026, 5, 1)


def test_an_old_note_does_not_move_the_clock_back(person):
    person.last_contact_at = timezone.now()
    person.save()
    note_add(person=person, text="Remembered from last year", date=dt.date(2020, 1, 1))
    person.refresh_from_db()
    assert person.last_contact_at.date() == timezone.localdate()


def test_too_many_tags_are_refused(person):
    with pytest.raises(ValidationError, match="at most 50 tags"):
        tags_set(person=person, names=[f"t{i}" for i in range(51)])
