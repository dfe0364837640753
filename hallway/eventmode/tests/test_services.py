from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from hallway.conversations.models import Conversation, FollowUp
from hallway.eventmode import services
from hallway.eventmode.models import DEFAULT_EXIT_LINES, ProcessedCapture
from hallway.eventmode.selectors import (
    event_progress,
    event_review,
    events_for_check_in,
    exit_prompt,
    safe_questions,
)
from hallway.events.services import event_create
from hallway.people.models import Person
from hallway.people.services import person_create

KEY = "key-0001-abcdef"


def test_starting_with_a_new_name_creates_the_person_and_an_open_conversation(
    owner: Any, event: Any
) -> None:
    conversation = services.live_conversation_start(
        user=owner, event=event, new_person_name="  Nina   New "
    )
    assert conversation.is_open
    assert conversation.person.name == "Nina New"
    assert conversation.person.met_at == "CIO Summit"
    assert conversation.event == event
    assert conversation.with_new_person


def test_starting_twice_with_the_same_person_returns_the_open_conversation(
    owner: Any, event: Any, wanted: Any
) -> None:
    first = services.live_conversation_start(user=owner, event=event, person=wanted)
    second = services.live_conversation_start(user=owner, event=event, person=wanted)
    assert first.pk == second.pk
    assert Conversation.objects.filter(person=wanted).count() == 1


def test_a_retried_start_with_the_same_key_creates_one_person(owner: Any, event: Any) -> None:
    first = services.live_conversation_start(
        user=owner, event=event, new_person_name="Nina", idempotency_key=KEY
    )
    second = services.live_conversation_start(
        user=owner, event=event, new_person_name="Nina", idempotency_key=KEY
    )
    assert first.pk == second.pk
    assert Person.objects.filter(owner=owner, name="Nina").count() == 1


def test_starting_without_anyone_is_refused(owner: Any, event: Any) -> None:
    with pytest.raises(ValidationError, match="type the new person's name"):
        services.live_conversation_start(user=owner, event=event, new_person_name="   ")


def test_starting_with_someone_elses_person_or_event_is_refused(
    owner: Any, outsider: Any, event: Any
) -> None:
    stranger = person_create(owner=outsider, name="Stranger")
    with pytest.raises(ValidationError, match="Unknown person"):
        services.live_conversation_start(user=owner, event=event, person=stranger)
    with pytest.raises(ValidationError, match="Unknown event"):
        services.live_conversation_start(user=outsider, event=event, person=stranger)


def test_a_capture_flows_into_the_story_and_a_retry_is_not_applied_twice(conversation: Any) -> None:
    assert services.live_capture(
        conversation=conversation, facet="work", text="Runs a data team", idempotency_key=KEY
    )
    assert not services.live_capture(
        conversation=conversation, facet="work", text="Runs a data team", idempotency_key=KEY
    )
    conversation.refresh_from_db()
    conversation.person.refresh_from_db()
    assert conversation.learned == {"work": "Runs a data team"}
    assert conversation.person.work == "Runs a data team"
    assert ProcessedCapture.objects.filter(key=KEY).count() == 1


def test_two_different_captures_of_the_same_facet_both_arrive(conversation: Any) -> None:
    services.live_capture(
        conversation=conversation, facet="passions", text="Sailing", idempotency_key=KEY
    )
    services.live_capture(
        conversation=conversation, facet="passions", text="Jazz", idempotency_key=KEY + "2"
    )
    conversation.person.refresh_from_db()
    assert conversation.person.passions == "Sailing; Jazz"


def test_the_same_key_from_another_user_is_their_own(
    conversation: Any, outsider: Any, event: Any
) -> None:
    services.live_capture(conversation=conversation, facet="work", text="Data", idempotency_key=KEY)
    theirs = services.live_conversation_start(user=outsider, event=None, new_person_name="Theirs")
    assert services.live_capture(conversation=theirs, facet="work", text="Ops", idempotency_key=KEY)


@pytest.mark.parametrize(
    ("facet", "text", "message"),
    [
        ("hobbies", "Golf", "Unknown facet"),
        ("work", "   ", "Type what you learned"),
    ],
)
def test_bad_captures_are_refused_with_a_clear_message(
    conversation: Any, facet: str, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.live_capture(conversation=conversation, facet=facet, text=text)


def test_a_malformed_key_is_refused(conversation: Any) -> None:
    with pytest.raises(ValidationError, match="idempotency key"):
        services.live_capture(
            conversation=conversation, facet="work", text="x", idempotency_key="bad key!"
        )


def test_a_failed_capture_does_not_use_up_its_key(conversation: Any) -> None:
    with pytest.raises(ValidationError):
        services.live_capture(
            conversation=conversation, facet="work", text="x" * 3000, idempotency_key=KEY
        )
    assert services.live_capture(
        conversation=conversation, facet="work", text="Data", idempotency_key=KEY
    )


def test_a_warning_sign_is_logged_once_with_its_time(owner: Any, event: Any) -> None:
    with time_machine.travel(
        dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC), tick=False
    ) as traveller:
        conversation = services.live_conversation_start(
            user=owner, event=event, new_person_name="Nina"
        )
        traveller.shift(dt.timedelta(seconds=90))
        services.live_sign_add(
            conversation=conversation, sign="wandering_eyes", idempotency_key=KEY
        )
        services.live_sign_add(
            conversation=conversation, sign="wandering_eyes", idempotency_key=KEY
        )
    conversation.refresh_from_db()
    assert conversation.warning_signs == ["wandering_eyes"]
    assert conversation.warning_sign_times == {"wandering_eyes": 90}


def test_an_unknown_sign_or_an_ended_conversation_is_refused(conversation: Any) -> None:
    with pytest.raises(ValidationError, match="Unknown warning sign"):
        services.live_sign_add(conversation=conversation, sign="yawning")
    services.live_conversation_end(conversation=conversation)
    with pytest.raises(ValidationError, match="already ended"):
        services.live_sign_add(conversation=conversation, sign="not_flowing")


def test_ending_suggests_the_outcome_and_reads_the_follow_up_due_date(conversation: Any) -> None:
    services.live_capture(
        conversation=conversation, facet="drivers", text="Wants to fix healthcare IT"
    )
    services.live_conversation_end(
        conversation=conversation,
        followup="send the article on Tuesday",
        today=dt.date(2026, 11, 25),
    )
    conversation.refresh_from_db()
    assert conversation.outcome == "connected"
    followup = FollowUp.objects.get(conversation=conversation)
    assert followup.text == "send the article on Tuesday"
    assert followup.due == dt.date(2026, 12, 1)


def test_the_chosen_outcome_wins_over_the_suggestion(conversation: Any) -> None:
    services.live_capture(conversation=conversation, facet="drivers", text="Impact")
    services.live_conversation_end(conversation=conversation, outcome="cards_only")
    conversation.refresh_from_db()
    assert conversation.outcome == "cards_only"


def test_a_retried_end_adds_the_follow_up_once(conversation: Any) -> None:
    for _ in range(2):
        services.live_conversation_end(
            conversation=conversation, followup="call tomorrow", idempotency_key=KEY
        )
    assert FollowUp.objects.filter(conversation=conversation).count() == 1


def test_an_early_warning_sign_suggests_cut_short(owner: Any, event: Any) -> None:
    with time_machine.travel(
        dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC), tick=False
    ) as traveller:
        conversation = services.live_conversation_start(
            user=owner, event=event, new_person_name="Nina"
        )
        traveller.shift(dt.timedelta(seconds=60))
        services.live_sign_add(conversation=conversation, sign="checking_phone")
        services.live_conversation_end(conversation=conversation)
    conversation.refresh_from_db()
    assert conversation.outcome == "cut_short"


def test_the_exit_prompt_shows_after_a_sign_with_the_next_unmet_person(
    owner: Any, conversation: Any, wanted: Any
) -> None:
    live_settings = services.live_settings_get(user=owner)
    assert not exit_prompt(conversation=conversation, live_settings=live_settings).show
    services.live_sign_add(conversation=conversation, sign="short_answers")
    conversation.refresh_from_db()
    prompt = exit_prompt(conversation=conversation, live_settings=live_settings)
    assert prompt.show
    assert prompt.reason == "Short answers"
    assert prompt.line in DEFAULT_EXIT_LINES
    assert prompt.next_person == wanted


def test_the_exit_prompt_shows_when_the_conversation_runs_past_the_users_limit(
    owner: Any, event: Any
) -> None:
    live_settings = services.live_settings_get(user=owner)
    services.live_settings_update(
        live_settings=live_settings, long_conversation_minutes=3, exit_lines="Gotta go!"
    )
    start = dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        conversation = services.live_conversation_start(
            user=owner, event=event, new_person_name="Nina"
        )
    early = exit_prompt(
        conversation=conversation, live_settings=live_settings, now=start + dt.timedelta(minutes=2)
    )
    late = exit_prompt(
        conversation=conversation, live_settings=live_settings, now=start + dt.timedelta(minutes=3)
    )
    assert not early.show
    assert late.show and late.line == "Gotta go!"
    assert "over 3 minutes" in late.reason


def test_someone_already_met_is_not_the_next_person(owner: Any, event: Any, wanted: Any) -> None:
    later = person_create(owner=owner, name="Zoe Later")
    event.want_to_meet.add(later)
    met = services.live_conversation_start(user=owner, event=event, person=wanted)
    services.live_conversation_end(conversation=met)
    now = services.live_conversation_start(user=owner, event=event, new_person_name="Nina")
    services.live_sign_add(conversation=now, sign="not_flowing")
    now.refresh_from_db()
    prompt = exit_prompt(conversation=now, live_settings=services.live_settings_get(user=owner))
    assert prompt.next_person == later


@pytest.mark.parametrize(
    ("minutes", "lines", "message"),
    [
        ("0", "Bye", "between 1 and"),
        ("ten", "Bye", "whole number"),
        ("5", " \n  ", "at least one exit line"),
        ("5", "x" * 301, "at most 300 characters"),
        ("5", "\n".join(f"line {n}" for n in range(21)), "at most 20"),
    ],
)
def test_bad_settings_are_refused(owner: Any, minutes: str, lines: str, message: str) -> None:
    live_settings = services.live_settings_get(user=owner)
    with pytest.raises(ValidationError, match=message):
        services.live_settings_update(
            live_settings=live_settings, long_conversation_minutes=minutes, exit_lines=lines
        )


def test_exit_lines_are_edited_one_per_line_and_can_be_restored(owner: Any) -> None:
    live_settings = services.live_settings_get(user=owner)
    assert live_settings.exit_lines == list(DEFAULT_EXIT_LINES)
    services.live_settings_update(
        live_settings=live_settings,
        long_conversation_minutes=7,
        exit_lines="  Need a coffee.  \n\nSee you later!",
    )
    live_settings.refresh_from_db()
    assert live_settings.exit_lines == ["Need a coffee.", "See you later!"]
    services.live_settings_reset(live_settings=live_settings)
    assert services.live_settings_get(user=owner).exit_lines == list(DEFAULT_EXIT_LINES)


def test_todays_events_come_first_in_the_check_in_list(owner: Any, outsider: Any) -> None:
    now = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
    today = event_create(owner=owner, name="Today", starts_at=now.replace(hour=9))
    running = event_create(
        owner=owner,
        name="Three-day summit",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1),
    )
    tomorrow = event_create(owner=owner, name="Tomorrow", starts_at=now + dt.timedelta(days=1))
    last_week = event_create(owner=owner, name="Last week", starts_at=now - dt.timedelta(days=7))
    event_create(owner=outsider, name="Not yours", starts_at=now)
    listed = events_for_check_in(user=owner, now=now)
    assert listed["today"] == [running, today]
    assert listed["upcoming"] == [tomorrow]
    assert listed["recent"] == [last_week]


def test_creating_an_event_on_the_spot_checks_in(owner: Any) -> None:
    event = services.event_create_and_check_in(
        user=owner, name="Meetup at the pub", goal_new_connections="3"
    )
    assert event.goal_new_connections == 3
    assert abs((event.starts_at - timezone.now()).total_seconds()) < 60
    assert services.live_settings_get(user=owner).current_event == event
    with pytest.raises(ValidationError, match="needs a name"):
        services.event_create_and_check_in(user=owner, name="  ")


def test_progress_counts_new_people_toward_the_goal(
    owner: Any, event: Any, wanted: Any, person: Any
) -> None:
    from hallway.conversations.services import conversation_log

    conversation_log(owner=owner, person=person, started_at=timezone.now() - dt.timedelta(days=30))
    services.live_conversation_start(
        user=owner, event=event, person=person
    )  # known before: not new
    services.live_conversation_start(user=owner, event=event, person=wanted)
    progress = event_progress(event=event)
    assert (progress.goal, progress.new_people, progress.conversations, progress.percent) == (
        5,
        1,
        2,
        20,
    )
    assert progress.wanted_met == [wanted]
    assert progress.wanted_unmet == []


def test_safe_questions_ask_the_easy_openers_first_and_skip_known_facets(person: Any) -> None:
    assert [item["facet"] for item in safe_questions(person=person)] == [
        "education",
        "passions",
        "drivers",
    ]


def test_the_review_flags_missing_contact_details_and_missing_follow_ups(
    owner: Any, event: Any, person: Any
) -> None:
    kept = services.live_conversation_start(user=owner, event=event, person=person)
    services.live_capture(conversation=kept, facet="passions", text="Sailing")
    services.live_conversation_end(conversation=kept, followup="send the article")
    cut = services.live_conversation_start(user=owner, event=event, new_person_name="Nina")
    services.live_sign_add(conversation=cut, sign="looking_for_exit")
    services.live_conversation_end(conversation=cut)
    review = event_review(event=event)
    flags = {
        row.conversation.person.name: (row.missing_contact, row.no_followup) for row in review.rows
    }
    assert flags == {"Jane Doe": (False, False), "Nina": (True, True)}
    assert (review.connected, review.cut_short, review.cards_only, review.ongoing) == (1, 1, 0, 0)
    assert (review.connections_known, review.cards_held, review.new_people, review.goal) == (
        1,
        1,
        2,
        5,
    )


def test_text_with_nul_characters_is_refused_before_it_reaches_the_database(
    owner: Any, conversation: Any
) -> None:
    with pytest.raises(ValidationError, match="NUL"):
        services.live_capture(conversation=conversation, facet="work", text="Bank\x00ing")
    with pytest.raises(ValidationError, match="NUL"):
        services.live_conversation_start(user=owner, event=None, new_person_name="Ni\x00na")
    with pytest.raises(ValidationError, match="NUL"):
        services.live_conversation_end(conversation=conversation, followup="call\x00")
    conversation.refresh_from_db()
    assert conversation.is_open and conversation.learned == {}


def test_applied_keys_are_forgotten_after_thirty_days(owner: Any, event: Any) -> None:
    start = dt.datetime(2026, 11, 1, 18, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        old = services.live_conversation_start(user=owner, event=event, new_person_name="Nina")
        services.live_capture(conversation=old, facet="work", text="Data", idempotency_key=KEY)
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        services.live_conversation_start(user=owner, event=event, new_person_name="Otto")
    assert not ProcessedCapture.objects.filter(key=KEY).exists()
