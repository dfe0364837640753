"""Facts read straight from the cursor are the facts Django's converted values give."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import JSONField, Value
from django.utils import timezone

from hallway.conversations.models import Conversation
from hallway.people.services import person_create
from hallway.practice import rules
from hallway.practice.facts import conversation_facts, recent_conversation_facts

FIELDS = ("started_at", "ended_at", "outcome", "learned", "with_new_person", "person_id")
FIELDS += ("event_id", "warning_signs", "warning_sign_times")
JSON_NULL = Value(None, JSONField())


def _through_the_orm(owner: Any) -> list[rules.ConversationFact]:
    """The definition, from the model's converted values."""
    facts = []
    for started, ended, outcome, learned, new, person, event, signs, times in (
        Conversation.objects.filter(owner=owner).order_by("-started_at", "-id").values_list(*FIELDS)
    ):
        facts.append(
            rules.ConversationFact(
                day=timezone.localtime(started).date(),
                with_new_person=new,
                finished=bool(outcome) or ended is not None,
                gave_story=rules.gave_story(outcome=outcome, learned=learned),
                outcome=outcome,
                person_id=person,
                event_id=event,
                warning_signs=tuple(signs) if signs else (),
                warning_sign_times={
                    key: int(value)
                    for key, value in (times if isinstance(times, dict) else {}).items()
                    if isinstance(value, int | float)
                },
                duration_seconds=None if ended is None else int((ended - started).total_seconds()),
            )
        )
    return facts


@pytest.fixture
def process_far_east() -> Iterator[None]:
    """The process's own time zone is not Django's: naive UTC must never be read as local."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Kiritimati"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_facts_from_the_cursor_match_the_converted_values(
    owner: Any, settings: Any, process_far_east: None
) -> None:
    settings.TIME_ZONE = "America/New_York"
    person = person_create(owner=owner, name="Ana")
    late = dt.datetime(2026, 11, 3, 3, 30, tzinfo=dt.UTC)  # Nov 2 in New York, Nov 3 in UTC
    rows = [
        # (started, minutes, outcome, learned, signs, times)
        (late, 12, "connected", {}, [], {}),
        (late - dt.timedelta(days=1), None, "", {"passions": "  "}, ["wandering_eyes"], {}),
        (late - dt.timedelta(days=2), 5, "", {"drivers": 7}, ["short_answers"], {"x": "9"}),
        (late - dt.timedelta(days=3), 30, "cut_short", {"passions": "sailing"}, [], {"a": 2.7}),
        (late - dt.timedelta(days=4), None, "cards_only", JSON_NULL, JSON_NULL, JSON_NULL),
    ]
    Conversation.objects.bulk_create(
        Conversation(
            owner=owner,
            person=person,
            started_at=started,
            ended_at=None if minutes is None else started + dt.timedelta(minutes=minutes),
            outcome=outcome,
            learned=learned,
            warning_signs=signs,
            warning_sign_times=times,
            with_new_person=index == 4,
        )
        for index, (started, minutes, outcome, learned, signs, times) in enumerate(rows)
    )
    expected = _through_the_orm(owner)
    assert conversation_facts(user=owner, since=dt.date(2026, 1, 1)) == expected
    assert expected[0].day == dt.date(2026, 11, 2)
    assert [fact.gave_story for fact in expected] == [True, False, True, True, False]
    finished = [fact for fact in expected if fact.finished]
    assert recent_conversation_facts(user=owner, limit=2) == finished[:2]


def test_anonymous_users_have_no_facts(db: None) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert conversation_facts(user=AnonymousUser(), since=dt.date(2026, 1, 1)) == []
