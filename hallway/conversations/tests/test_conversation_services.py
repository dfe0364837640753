import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.conversations.services import (
    conversation_end,
    conversation_log,
    conversation_update,
    followup_set_done,
    suggest_outcome,
)
from hallway.people.services import person_create

T0 = dt.datetime(2026, 6, 1, 18, 0, tzinfo=dt.UTC)


def test_learned_facets_flow_into_the_story_without_losing_what_was_there(owner, person):
    conversation_log(
        owner=owner,
        person=person,
        learned={"origin": "Moved to Boston at 20", "passions": "sailing"},
    )
    person.refresh_from_db()
    assert person.origin == "Grew up in Lyon; Moved to Boston at 20"
    assert person.passions == "sailing"
    assert person.status == "connection"
    assert person.completeness == 0.6


def test_a_conversation_resets_the_keep_in_touch_clock(owner, person):
    with time_machine.travel(T0, tick=False):
        conversation_log(owner=owner, person=person)
    person.refresh_from_db()
    assert person.last_contact_at == T0


def test_the_first_conversation_with_someone_counts_as_meeting_someone_new(owner, person):
    first = conversation_log(owner=owner, person=person, started_at=T0)
    second = conversation_log(owner=owner, person=person, started_at=T0 + dt.timedelta(days=3))
    earlier = conversation_log(owner=owner, person=person, started_at=T0 - dt.timedelta(days=3))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (earlier.with_new_person, first.with_new_person, second.with_new_person) == (
        True,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"warning_signs": ["yawning"]}, "Unknown warning sign"),
        ({"outcome": "married"}, "Unknown outcome"),
        ({"learned": {"hobbies": "x"}}, "Unknown facet"),
        ({"learned": {"work": "x" * 2001}}, "longer than 2000"),
        (
            {"started_at": T0, "ended_at": T0 - dt.timedelta(minutes=1)},
            "cannot end before it starts",
        ),
    ],
)
def test_bad_conversations_are_refused_and_nothing_changes(owner, person, changes, message):
    with pytest.raises(ValidationError, match=message):
        conversation_log(
            owner=owner, person=person, **{"learned": {"passions": "chess"}, **changes}
        )
    person.refresh_from_db()
    assert not Conversation.objects.exists() and person.passions == ""


def test_a_failing_followup_rolls_back_the_whole_conversation(owner, person):
    with pytest.raises(ValidationError):
        conversation_log(
            owner=owner,
            person=person,
            learned={"passions": "chess"},
            followups=[{"text": "ok"}, {"text": " "}],
        )
    person.refresh_from_db()
    assert (
        not Conversation.objects.exists()
        and not FollowUp.objects.exists()
        and person.passions == ""
    )


def test_someone_elses_person_or_event_cannot_be_used(owner, outsider, person, event):
    with pytest.raises(ValidationError):
        conversation_log(owner=outsider, person=person)
    stranger = person_create(owner=outsider, name="Stranger")
    with pytest.raises(ValidationError):
        conversation_log(owner=outsider, person=stranger, event=event)


def test_suggested_outcome_follows_what_was_captured(owner, person):
    with time_machine.travel(T0, tick=False):
        open_conversation = conversation_log(owner=owner, person=person, started_at=T0)
    assert suggest_outcome(open_conversation, now=T0 + dt.timedelta(minutes=10)) == "cards_only"
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        conversation_update(conversation=open_conversation, add_warning_sign="wandering_eyes")
    assert open_conversation.warning_sign_times == {"wandering_eyes": 120}
    assert suggest_outcome(open_conversation) == "cut_short"
    conversation_update(conversation=open_conversation, learned={"drivers": "patients first"})
    assert suggest_outcome(open_conversation) == "connected"


def test_a_late_warning_sign_is_not_a_cut_short(owner, person):
    with time_machine.travel(T0, tick=False):
        conversation = conversation_log(owner=owner, person=person, started_at=T0)
    with time_machine.travel(T0 + dt.timedelta(minutes=12), tick=False):
        conversation_update(conversation=conversation, add_warning_sign="not_flowing")
        conversation_end(conversation=conversation)
    assert conversation.outcome == "cards_only"
    assert conversation.duration_seconds == 12 * 60


def test_ending_adds_the_one_line_followup(owner, person):
    conversation = conversation_log(owner=owner, person=person)
    conversation_end(
        conversation=conversation,
        outcome="connected",
        followup="Send the article",
        followup_due=dt.date(2026, 6, 9),
    )
    assert conversation.outcome == "connected"
    assert list(conversation.followups.values_list("text", "due")) == [
        ("Send the article", dt.date(2026, 6, 9))
    ]


def test_ticking_a_followup_records_when(owner, person):
    conversation = conversation_log(owner=owner, person=person, followups=[("Call back", None)])
    followup = conversation.followups.get()
    with time_machine.travel(T0, tick=False):
        followup_set_done(followup=followup)
    assert followup.done and followup.done_at == T0
    followup_set_done(followup=followup, done=False)
    assert not followup.done and followup.done_at is None


def test_an_outcome_closes_the_conversation(owner, person):
    with time_machine.travel(T0, tick=False):
        conversation = conversation_log(owner=owner, person=person, outcome="cards_only")
    assert conversation.ended_at == T0 and not conversation.is_open
    assert timezone.is_aware(conversation.ended_at)
