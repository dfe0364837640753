"""Every main page and API list runs a fixed number of SQL queries, whatever the data size.

Each page is asked twice: on a small network and on one four times as big (more people, tags,
notes, conversations, follow-ups, duplicates, people to reconnect with). The counts must be the
same (a query per row shown — an N+1 — would grow with the data) and under a bound that leaves
room for a few more queries, never for one per row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

SMALL = 3
BIG = 12


def _grow(owner: Any, event: Any, start: int, count: int) -> list[Any]:
    """`count` more people with all the things pages show about a person."""
    from hallway.conversations.services import conversation_log
    from hallway.people.services import note_add, person_create

    today = timezone.localdate()
    people = []
    for index in range(start, start + count):
        person = person_create(
            owner=owner,
            name=f"Sam Sailor {index}",
            email=f"sam{index}@example.com",
            company=f"Company {index % 3}",
            role="CTO",
            tags=[f"tag{index}", "sailing"],
            story={"work": "Runs the data platform", "passions": "sailing and jazz"},
            keep_in_touch_days=30,
            last_contact_at=timezone.now() - dt.timedelta(days=90 + index),
        )
        # Same name and e-mail: the duplicates page has one more pair each time.
        person_create(owner=owner, name=f"Sam Sailor {index}", email=f"sam{index}@example.com")
        note_add(person=person, text=f"Met at the harbour, talked about boats {index}")
        conversation_log(
            owner=owner,
            person=person,
            event=event,
            started_at=timezone.now() - dt.timedelta(days=index % 20, hours=1),
            learned={"origin": "Grew up in Lyon"},
            warning_signs=["wandering_eyes"] if index % 2 else [],
            outcome="connected",
            followups=[{"text": f"Send the article {index}", "due": today - dt.timedelta(days=1)}],
        )
        people.append(person)
    return people


PAGES = [
    # (name, URL (person id filled in), most queries allowed)
    ("home", "/", 11),
    ("people list", "/people/", 8),
    ("people list with words", "/people/?q=sailing", 10),
    ("person page", "/people/{person}/", 14),
    ("briefing", "/recall/people/{person}/", 15),
    ("search", "/search/?q=sailing&mode=keyword", 10),
    ("due", "/recall/due/", 10),
    ("reconnect", "/recall/reconnect/", 10),
    ("practice", "/practice/", 14),
    ("duplicates", "/interop/duplicates/", 10),
    ("events", "/events/", 10),
    ("event page", "/events/{event}/", 14),
]
API = [
    ("API people", "/api/v1/people", 8),
    ("API person", "/api/v1/people/{person}", 8),
    ("API briefing", "/api/v1/people/{person}/briefing", 14),
    ("API events", "/api/v1/events", 8),
    ("API conversations", "/api/v1/conversations", 8),
    ("API follow-ups", "/api/v1/followups", 8),
    ("API reconnect", "/api/v1/reconnect", 8),
    ("API duplicates", "/api/v1/duplicates", 8),
    ("API search", "/api/v1/search?q=sailing&mode=keyword", 8),
    ("API practice", "/api/v1/practice", 14),
]


def _count(client: Any, url: str, **headers: Any) -> int:
    client.get(url, **headers)  # once to warm per-process caches (the counts are per request)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.mark.parametrize(("name", "url", "bound"), PAGES + API, ids=[p[0] for p in PAGES + API])
def test_queries_per_page_do_not_grow_with_the_data(
    owner_client: Any,
    owner: Any,
    event: Any,
    django_assert_max_num_queries: Any,
    name: str,
    url: str,
    bound: int,
) -> None:
    from hallway.accounts.services import token_create

    headers = {}
    if url.startswith("/api/"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token_create(user=owner, name='t')[1]}"
    first = _grow(owner, event, 0, SMALL)[0]
    target = url.format(person=first.pk, event=event.pk)
    small = _count(owner_client, target, **headers)
    _grow(owner, event, SMALL, BIG - SMALL)
    with django_assert_max_num_queries(bound):
        owner_client.get(target, **headers)
    big = _count(owner_client, target, **headers)
    assert big == small, f"{name}: {small} queries with {SMALL} people, {big} with {BIG}"
