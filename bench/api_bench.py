"""Time the API v1 list and write endpoints in-process (WSGI, real token, real database).

    HALLWAY_DATA_DIR=/tmp/hw-api-bench .venv/bin/python bench/api_bench.py --people 10000
    DATABASE_URL=postgresql://postgres@127.0.0.1:54329/hallway_api_bench .venv/bin/python bench/api_bench.py

Creates (once) a user `api-bench` with --people people (tags, stories), 50 events and a
conversation per 4 people, through bulk inserts; then sends each request --repeat times through
Django's WSGI handler and prints p50/p95 in milliseconds and the number of SQL queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _seed(people: int) -> Any:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from hallway.conversations.models import Conversation
    from hallway.events.models import Event
    from hallway.lib.story import normalize_name
    from hallway.people.models import Person, Tag

    user, created = User.objects.get_or_create(username="api-bench")
    if not created and Person.objects.filter(owner=user).count() >= people:
        return user
    Person.objects.filter(owner=user).delete()
    tags = [
        Tag.objects.get_or_create(owner=user, name=name)[0]
        for name in ("cio", "cto", "fintech", "boston")
    ]
    now = timezone.now()
    batch = [
        Person(
            owner=user,
            name=f"Person {index:06d}",
            name_normalized=normalize_name(f"Person {index:06d}"),
            company=f"Company {index % 500}",
            role="CIO" if index % 3 else "CTO",
            work="Runs IT",
            passions="sailing" if index % 7 == 0 else "",
            created_at=now,
        )
        for index in range(people)
    ]
    Person.objects.bulk_create(batch, batch_size=2000)
    ids = list(Person.objects.filter(owner=user).values_list("pk", flat=True))
    through = Person.tags.through
    through.objects.bulk_create(
        [through(person_id=pk, tag_id=tags[pk % len(tags)].pk) for pk in ids], batch_size=5000
    )
    events = Event.objects.bulk_create(
        [Event(owner=user, name=f"Event {index}", starts_at=now) for index in range(50)]
    )
    Conversation.objects.bulk_create(
        [
            Conversation(
                owner=user,
                person_id=pk,
                event=events[index % 50],
                started_at=now,
                outcome="connected",
            )
            for index, pk in enumerate(ids[::4])
        ],
        batch_size=5000,
    )
    return user


def _time(
    client: Any, method: str, url: str, repeat: int, body: Any = None
) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, json.dumps(body), content_type="application/json")
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 201), (
            url,
            response.status_code,
            response.content[:200],
        )
        queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    _setup()
    from django.test import Client

    from hallway.accounts.services import token_create
    from hallway.people.models import Person

    user = _seed(args.people)
    _record, raw = token_create(user=user, name="bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    person_id = (
        Person.objects.filter(owner=user)
        .order_by("pk")
        .values_list("pk", flat=True)[args.people // 2]
    )
    cases = [
        ("get", "/api/v1/people"),
        ("get", "/api/v1/people?limit=500"),
        ("get", "/api/v1/people?offset=5000"),
        ("get", "/api/v1/people?tag=fintech"),
        ("get", "/api/v1/people?status=connection"),
        ("get", "/api/v1/people?q=company%2042"),
        ("get", f"/api/v1/people/{person_id}"),
        ("get", "/api/v1/events"),
        ("get", "/api/v1/conversations"),
        ("get", f"/api/v1/conversations?person_id={person_id}"),
        ("post", "/api/v1/conversations"),
    ]
    print(f"{args.people} people, {args.repeat} requests each")
    print(f"{'request':45} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for method, url in cases:
        body = {"person_id": person_id, "learned": {"origin": "Ohio"}} if method == "post" else None
        p50, p95, queries = _time(client, method, url, args.repeat, body)
        print(f"{method.upper() + ' ' + url:45} {p50:8.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
