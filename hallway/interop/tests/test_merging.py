from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hallway.conversations.models import Conversation, FollowUp
from hallway.conversations.services import conversation_log, followup_add
from hallway.events.services import event_create
from hallway.interop.duplicates import possible_duplicates
from hallway.interop.merging import not_duplicate_mark, people_merge
from hallway.interop.models import ContactDetail
from hallway.people.models import Note, Person
from hallway.people.services import note_add, person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(owner: Any) -> tuple[Person, Person]:
    first = person_create(
        owner=owner,
        name="Jane Doe",
        email="jane@acme.example",
        story={"work": "Runs IT", "origin": "Lyon"},
        tags=["cio"],
    )
    second = person_create(
        owner=owner,
        name="Jane  DOE",
        email="jane.doe@home.example",
        phone="+1 617 555 0100",
        role="CIO",
        story={"work": "Cloud migration lead", "passions": "Sailing"},
        tags=["sailing", "CIO"],
    )
    return first, second


def test_merging_keeps_story_notes_conversations_tags_and_follow_ups(
    owner: Any, twins: Any
) -> None:
    first, second = twins
    note_add(person=first, text="First note", date=dt.date(2024, 1, 1))
    note_add(person=second, text="Second note", date=dt.date(2024, 2, 1))
    event = event_create(
        owner=owner,
        name="Summit",
        starts_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
        want_to_meet=[second],
    )
    conversation_log(
        owner=owner,
        person=second,
        started_at=dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC),
        followups=["Send deck"],
    )
    conversation_log(
        owner=owner, person=first, started_at=dt.datetime(2024, 4, 1, 10, tzinfo=dt.UTC)
    )
    followup_add(person=second, text="Call back", due=dt.date(2024, 5, 1))
    introduced = person_create(owner=owner, name="Bob", introduced_by=second)

    merged = people_merge(person=first, duplicate=second)

    assert not Person.objects.filter(pk=second.pk).exists()
    assert merged.work == "Runs IT; Cloud migration lead"
    assert (merged.origin, merged.passions) == ("Lyon", "Sailing")
    assert (merged.phone, merged.role, merged.email) == (
        "+1 617 555 0100",
        "CIO",
        "jane@acme.example",
    )
    assert list(ContactDetail.objects.filter(person=merged).values_list("kind", "value")) == [
        ("email", "jane.doe@home.example")
    ]
    assert sorted(merged.tag_names) == ["cio", "sailing"]
    assert sorted(Note.objects.filter(person=merged).values_list("text", flat=True)) == [
        "First note",
        "Second note",
    ]
    conversations = list(Conversation.objects.filter(person=merged).order_by("started_at"))
    assert len(conversations) == 2
    assert [c.with_new_person for c in conversations] == [True, False]
    assert sorted(FollowUp.objects.filter(person=merged).values_list("text", flat=True)) == [
        "Call back",
        "Send deck",
    ]
    assert list(event.want_to_meet.all()) == [merged]
    introduced.refresh_from_db()
    assert introduced.introduced_by_id == merged.pk


def test_merging_someone_elses_person_is_refused(owner: Any, outsider: Any, twins: Any) -> None:
    stranger = person_create(owner=outsider, name="Jane Doe")
    with pytest.raises(ValidationError):
        people_merge(person=twins[0], duplicate=stranger)
    assert Person.objects.filter(pk=stranger.pk).exists()


def test_a_person_cannot_be_merged_with_themselves(twins: Any) -> None:
    with pytest.raises(ValidationError, match="two different people"):
        people_merge(person=twins[0], duplicate=twins[0])


def test_possible_duplicates_are_found_by_name_email_phone_and_linkedin(
    owner: Any, outsider: Any, twins: Any
) -> None:
    a = person_create(owner=owner, name="Bob One", phone="+1 (555) 010-0123")
    b = person_create(owner=owner, name="Robert One", phone="555 010 0123")
    c = person_create(owner=owner, name="Carla", linkedin_url="https://www.linkedin.com/in/carla/")
    d = person_create(
        owner=owner, name="Carla M", linkedin_url="http://linkedin.com/in/carla?trk=x"
    )
    e = person_create(owner=owner, name="Eve", email="eve@example.com")
    f = person_create(owner=owner, name="Eve Two")
    ContactDetail.objects.create(owner=owner, person=f, kind="email", value="EVE@example.com")
    person_create(owner=outsider, name="Jane Doe", email="jane@acme.example")
    pairs = {
        (pair.first.pk, pair.second.pk): pair.reasons for pair in possible_duplicates(user=owner)
    }
    assert pairs == {
        (twins[0].pk, twins[1].pk): ["same name"],
        (a.pk, b.pk): ["same phone"],
        (c.pk, d.pk): ["same LinkedIn profile"],
        (e.pk, f.pk): ["same e-mail"],
    }


def test_people_marked_as_different_are_not_proposed_again(owner: Any, twins: Any) -> None:
    not_duplicate_mark(first=twins[1], second=twins[0])
    assert possible_duplicates(user=owner) == []
