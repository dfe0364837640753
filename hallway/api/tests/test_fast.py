"""The API's pydantic-free answers (hallway.api.fast) are what the schemas would write."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone
from ninja.responses import NinjaJSONEncoder

from hallway.api.fast import PERSON_COLUMNS, json_answer, people_out, person_out
from hallway.api.schemas import PersonOut
from hallway.people.models import Person, Tag
from hallway.people.selectors import with_tag_names

pytestmark = pytest.mark.django_db


def test_a_person_comes_out_as_person_out_would_write_it(owner: Any) -> None:
    tag = Tag.objects.create(owner=owner, name="cloud")
    people = [
        Person.objects.create(owner=owner, name="Ada Lovelace"),
        Person.objects.create(
            owner=owner,
            name="Grace “Amazing” Hopper",
            email="grace@example.com",
            phone="+1 555 0100",
            company="Navy",
            role="Rear admiral",
            location="Arlington",
            linkedin_url="https://www.linkedin.com/in/grace",
            website="https://grace.example",
            met_at="COBOL summit",
            keep_in_touch_days=90,
            birthday="1906-12-09",
            anniversary="--06-28",
            work="Compilers",
            passions="Teaching <everyone>",
            last_contact_at=timezone.now() - dt.timedelta(days=3, microseconds=123_456),
        ),
    ]
    people[1].tags.add(tag)
    for person in with_tag_names(Person.objects.filter(owner=owner).order_by("pk")):
        expected = PersonOut.from_orm(person).model_dump()
        assert person_out(person) == expected
        # the same text too: key order, floats, times
        assert json.dumps(person_out(person), cls=NinjaJSONEncoder) == json.dumps(
            expected, cls=NinjaJSONEncoder
        )


def test_the_answer_is_json_with_the_apis_headers() -> None:
    response = json_answer({"items": [], "count": 0})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == {"items": [], "count": 0}


def test_search_results_come_out_as_search_out_would_write_them(owner: Any) -> None:
    from hallway.api.search import SearchOut, search_out
    from hallway.search import selectors

    Person.objects.create(owner=owner, name="Marguerite Sailor", passions="sailing in Brittany")
    Person.objects.create(owner=owner, name="Ada Lovelace", work="Sailing analytics")
    for query in ("sailing", "Margerite", "nobody-at-all"):
        payload = selectors.results_payload(
            selectors.search(user=owner, query=query, mode="keyword", limit=20)
        )
        expected = SearchOut.model_validate(payload).model_dump()
        assert json.dumps(search_out(payload), cls=NinjaJSONEncoder) == json.dumps(
            expected, cls=NinjaJSONEncoder
        )


def _json(data: Any) -> str:
    return json.dumps(data, cls=NinjaJSONEncoder)


def test_a_row_of_a_person_comes_out_as_person_out_would_write_it(owner: Any) -> None:
    tag, other = (Tag.objects.create(owner=owner, name=name) for name in ("cloud", "anchors"))
    Person.objects.create(owner=owner, name="Ada Lovelace")
    grace = Person.objects.create(
        owner=owner,
        name="Grace “Amazing” Hopper",
        email="grace@example.com",
        company="Navy",
        keep_in_touch_days=90,
        birthday="1906-12-09",
        drivers="Curiosity",
        last_contact_at=timezone.now() - dt.timedelta(days=3, microseconds=123_456),
    )
    grace.tags.add(tag, other)
    people = with_tag_names(Person.objects.filter(owner=owner).order_by("pk"))
    rows = list(Person.objects.filter(owner=owner).order_by("pk").values_list(*PERSON_COLUMNS))
    expected = [PersonOut.from_orm(person).model_dump() for person in people]
    assert [row["tags"] for row in people_out(rows)] == [[], ["anchors", "cloud"]]
    # the same text: key order, floats, times (milliseconds, Z) and dates
    assert _json(people_out(rows)) == _json(expected)
    assert people_out([]) == []


def test_reconnect_items_come_out_as_reconnect_out_would_write_them(owner: Any) -> None:
    from hallway.api.recall import ReconnectOut, reconnect_out
    from hallway.recall import selectors

    now = timezone.now()
    for days, since in ((30, 45), (90, 400), (7, 8)):
        Person.objects.create(
            owner=owner,
            name=f"Overdue {days}",
            keep_in_touch_days=days,
            last_contact_at=now - dt.timedelta(days=since, hours=3),
        )
    Person.objects.create(owner=owner, name="Not yet", keep_in_touch_days=30)
    people = with_tag_names(selectors.people_to_reconnect(user=owner, now=now))
    rows = selectors.reconnect_rows(user=owner, now=now, columns=PERSON_COLUMNS, start=0, stop=50)
    assert len(people) == len(rows) == 3
    expected = [
        ReconnectOut.model_validate(selectors.reconnect_payload(person, now)).model_dump()
        for person in people
    ]
    assert _json(reconnect_out(rows, now)) == _json(expected)
    # a page further on is the same list's next rows
    second = selectors.reconnect_rows(user=owner, now=now, columns=PERSON_COLUMNS, start=1, stop=3)
    assert second == rows[1:3]


def test_followups_come_out_as_followup_item_out_would_write_them(owner: Any) -> None:
    from hallway.api.recall import FOLLOWUP_COLUMNS, FollowUpItemOut, followup_item_out
    from hallway.conversations.models import FollowUp
    from hallway.recall import selectors

    ada = Person.objects.create(owner=owner, name="Ada Lovelace")
    FollowUp.objects.create(owner=owner, person=ada, text="Send the paper", due=dt.date(2026, 3, 1))
    FollowUp.objects.create(owner=owner, person=ada, text="Undated")
    FollowUp.objects.create(owner=owner, person=ada, text="Done", done=True, done_at=timezone.now())
    for filters in ({}, {"done": False}, {"person_id": ada.pk}):
        found = list(selectors.followups_filter(user=owner, **filters))
        rows, count = selectors.followup_rows(
            user=owner, columns=FOLLOWUP_COLUMNS, start=0, stop=50, **filters
        )
        assert count == len(found) == len(rows)
        expected = [
            FollowUpItemOut.model_validate(selectors.followup_payload(followup)).model_dump()
            for followup in found
        ]
        assert _json([followup_item_out(row) for row in rows]) == _json(expected)
