"""Benchmark the practice screen, the digest and the calendar feed on a busy year of networking.

Usage: .venv/bin/python bench/practice_bench.py [--conversations 5000] [--runs 5]
Uses the database of the environment (DATABASE_URL or HALLWAY_DATA_DIR); the throw-away user it
creates is deleted at the end.

With --existing it writes nothing: it logs in as the first user of an already filled database
(e.g. one made by the big benchmark generator) and times GET /practice/, GET /api/v1/practice and
`hallway practice --json` (--runs each, p50/p95); --profile N prints the top N cProfile lines of
one progress_for call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=5000)
    parser.add_argument("--events", type=int, default=120)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--existing", action="store_true", help="time the first user's data")
    parser.add_argument("--profile", type=int, default=0, help="with --existing: cProfile lines")
    args = parser.parse_args()

    import django

    django.setup()
    if args.existing:
        bench_existing(runs=args.runs, profile=args.profile)
        return
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.utils import timezone

    from hallway.conversations.models import Conversation, FollowUp
    from hallway.events.models import Event
    from hallway.lib.story import OUTCOMES, WARNING_SIGNS
    from hallway.people.models import Person
    from hallway.practice.selectors import progress_for
    from hallway.updates.feeds import calendar_feed_ics
    from hallway.updates.selectors import digest_for

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(7)
    now = timezone.now()
    user = User.objects.create_user(
        username=f"bench-practice-{secrets.token_hex(4)}", email="b@example.com"
    )
    try:
        started = time.perf_counter()
        people = Person.objects.bulk_create(
            Person(
                owner=user,
                name=f"Person {index}",
                keep_in_touch_days=rng.choice([None, 30, 90]),
                last_contact_at=now - dt.timedelta(days=rng.randint(0, 400)),
            )
            for index in range(args.conversations // 2)
        )
        events = Event.objects.bulk_create(
            Event(
                owner=user,
                name=f"Event {index}",
                starts_at=now - dt.timedelta(days=rng.randint(-30, 365)),
            )
            for index in range(args.events)
        )
        seen: set[int] = set()
        conversations = []
        for _ in range(args.conversations):
            person = rng.choice(people)
            start = now - dt.timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
            signs = rng.sample(list(WARNING_SIGNS), rng.choice([0, 0, 1, 2]))
            conversations.append(
                Conversation(
                    owner=user,
                    person=person,
                    event=rng.choice(events),
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=rng.randint(2, 30)),
                    outcome=rng.choice(list(OUTCOMES)),
                    learned={"passions": "x"} if rng.random() < 0.3 else {},
                    warning_signs=signs,
                    warning_sign_times={sign: rng.randint(30, 1200) for sign in signs},
                    with_new_person=person.pk not in seen,
                )
            )
            seen.add(person.pk)
        Conversation.objects.bulk_create(conversations)
        FollowUp.objects.bulk_create(
            FollowUp(
                owner=user,
                person=rng.choice(people),
                text="Follow up",
                due=now.date() + dt.timedelta(days=rng.randint(-20, 60)),
            )
            for _ in range(500)
        )
        print(
            f"setup: {len(people)} people, {args.events} events, {args.conversations} conversations "
            f"in {time.perf_counter() - started:.1f}s ({os.environ.get('DATABASE_URL') or 'SQLite'})"
        )
        for label, work in (
            ("progress_for (screen, API, CLI)", lambda: progress_for(user=user)),
            ("digest_for (weekly digest content)", lambda: digest_for(user=user)),
            ("calendar_feed_ics (feed)", lambda: calendar_feed_ics(user=user)),
        ):
            timings = []
            for _ in range(args.runs):
                begin = time.perf_counter()
                work()
                timings.append((time.perf_counter() - begin) * 1000)
            print(
                f"{label:40s} median {statistics.median(timings):7.1f} ms  max {max(timings):7.1f} ms"
            )
    finally:
        if not os.environ.get("BENCH_KEEP"):
            user.delete()


def _percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):7.1f} ms  p95 {p95:7.1f} ms"


def bench_existing(*, runs: int, profile: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from typer.testing import CliRunner

    from hallway.cli import app
    from hallway.practice.selectors import progress_for

    user = User.objects.order_by("id").first()
    if user is None:
        raise SystemExit("No user in this database: run the benchmark generator first.")
    client = Client()
    client.force_login(user)
    runner = CliRunner()
    print(f"user {user.username} ({os.environ.get('DATABASE_URL') or 'SQLite'}), {runs} runs each")

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    def cli() -> None:
        result = runner.invoke(app, ["practice", "--user", user.username, "--json"])
        assert result.exit_code == 0, result.output

    for label, work in (
        ("GET /practice/", lambda: get("/practice/")),
        ("GET /api/v1/practice", lambda: get("/api/v1/practice")),
        ("hallway practice --json", cli),
    ):
        work()  # warm-up (templates, imports)
        timings = []
        for _ in range(runs):
            begin = time.perf_counter()
            work()
            timings.append((time.perf_counter() - begin) * 1000)
        print(f"{label:30s} {_percentiles(timings)}")
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(progress_for, user=user)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)


if __name__ == "__main__":
    main()
