"""Synthetic network for the benchmark: realistic people, stories, notes and conversations.

    HALLWAY_DATA_DIR=/tmp/hw-bench .venv/bin/python bench/generate.py --people 100000
    DATABASE_URL=postgresql://postgres@127.0.0.1:54329/hallway_bench .venv/bin/python bench/generate.py

Everything goes in with bulk inserts; the search index is then built in bulk. Embeddings (when
the semantic extra is installed) are composed from embeddings of each distinct phrase the
stories are made of (a few hundred model calls instead of 100,000); pass --exact-embeddings
to run the model on every person instead (much slower, same query cost).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary as words  # noqa: E402
from bench.loading import Loader, timestamp, write_search_index  # noqa: E402

BENCH_PASSWORD = "bench-password-not-secret"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate(
    *, people: int, conversations: int, username: str, seed: int, exact_embeddings: bool
) -> None:
    import json

    from django.contrib.auth.models import User
    from django.db import connection
    from django.utils import timezone
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from hallway.events.models import Event
    from hallway.people.models import Tag
    from hallway.search import semantic, services

    console = Console()
    rng = random.Random(seed)
    started = time.perf_counter()
    if User.objects.filter(username=username).exists():
        sys.exit(
            f"User {username} already has a generated network here; use an empty database "
            "(a new HALLWAY_DATA_DIR, or drop and create the PostgreSQL database) or another --user."
        )
    user = User.objects.create_user(username=username, password=BENCH_PASSWORD)
    vendor = connection.vendor
    now = timezone.now()
    columns = (
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    tags = Tag.objects.bulk_create([Tag(owner=user, name=name) for name in words.TAGS])
    events = Event.objects.bulk_create(
        [
            Event(
                owner=user,
                name=f"{rng.choice(words.EVENT_NAMES)} {index}",
                starts_at=now - dt.timedelta(days=rng.randint(1, 2000)),
                location=rng.choice(words.CITIES),
            )
            for index in range(200)
        ]
    )
    with Progress(*columns, console=console) as progress:
        load = Loader(progress)
        first_person = load.next_id("people_person")
        person_rows, tag_rows, note_rows = [], [], []
        story_of: dict[int, dict[str, Any]] = {}
        phrases_of: dict[int, list[str]] = {}
        tag_names: dict[int, list[str]] = {}
        notes_of: dict[int, list[str]] = {}
        note_id, link_id = load.next_id("people_note"), load.next_id("people_person_tags")
        task = progress.add_task("Making people up", total=people)
        for index in range(people):
            person_id = first_person + index
            fields, phrases = words.person_fields(rng, index)
            story_of[person_id] = fields
            phrases_of[person_id] = phrases
            created = now - dt.timedelta(days=rng.randint(0, 3000))
            person_rows.append(
                (
                    person_id,
                    user.pk,
                    fields["name"],
                    fields["name_normalized"],
                    fields["email"],
                    "",
                    fields["company"],
                    fields["role"],
                    fields["location"],
                    "",
                    "",
                    "",
                    fields["met_at"],
                    rng.choice([None, None, 30, 90, 180]),
                    fields.get("work", ""),
                    fields.get("origin", ""),
                    fields.get("education", ""),
                    fields.get("passions", ""),
                    fields.get("drivers", ""),
                    None,
                    timestamp(created, vendor),
                    timestamp(now, vendor),
                    "",
                    "",
                )
            )
            for tag in rng.sample(tags, rng.choice([0, 1, 1, 2, 3])):
                tag_rows.append((link_id, person_id, tag.pk))
                tag_names.setdefault(person_id, []).append(tag.name)
                link_id += 1
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                text = words.fill(rng.choice(words.NOTE_TEMPLATES), rng)
                note_day = now - dt.timedelta(days=rng.randint(0, 900))
                note_rows.append(
                    (
                        note_id,
                        user.pk,
                        person_id,
                        text,
                        note_day.date(),
                        timestamp(note_day, vendor),
                    )
                )
                notes_of.setdefault(person_id, []).append(text)
                note_id += 1
            if index % 5000 == 4999:
                progress.advance(task, 5000)
        progress.advance(task, people % 5000)

        conversation_rows, followup_rows = [], []
        conversations_of: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        last_contact: dict[int, dt.datetime] = {}
        conversation_id, followup_id = (
            load.next_id("conversations_conversation"),
            load.next_id("conversations_followup"),
        )
        for _ in range(conversations):
            person_id = first_person + rng.randrange(people)
            when = now - dt.timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 1440))
            learned = {"passions": rng.choice(words.PASSIONS)} if rng.random() < 0.3 else {}
            notes = words.fill(rng.choice(words.CONVERSATION_NOTES), rng)
            signs = rng.choice([[], [], ["wandering_eyes"], ["short_answers", "checking_phone"]])
            event_id = rng.choice(events).pk if rng.random() < 0.6 else None
            conversation_rows.append(
                (
                    conversation_id,
                    user.pk,
                    person_id,
                    event_id,
                    timestamp(when, vendor),
                    timestamp(when + dt.timedelta(minutes=rng.randint(3, 40)), vendor),
                    json.dumps(learned),
                    json.dumps(signs),
                    "{}",
                    rng.choice(["connected", "cards_only", "cut_short"]),
                    notes,
                    False,
                    timestamp(when, vendor),
                    timestamp(when, vendor),
                )
            )
            conversations_of.setdefault(person_id, []).append((notes, learned))
            if person_id not in last_contact or when > last_contact[person_id]:
                last_contact[person_id] = when
            if rng.random() < 0.2:
                followup_rows.append(
                    (
                        followup_id,
                        user.pk,
                        person_id,
                        conversation_id,
                        words.fill("Send the {topic} deck", rng),
                        (when + dt.timedelta(days=14)).date(),
                        rng.random() < 0.7,
                        None,
                        timestamp(when, vendor),
                    )
                )
                followup_id += 1
            conversation_id += 1
        for row_index, row in enumerate(person_rows):
            contact = last_contact.get(row[0])
            if contact is not None:
                person_rows[row_index] = (*row[:19], timestamp(contact, vendor), *row[20:])

        load.insert(
            "people_person",
            [
                "id",
                "owner_id",
                "name",
                "name_normalized",
                "email",
                "phone",
                "company",
                "role",
                "location",
                "linkedin_url",
                "website",
                "photo",
                "met_at",
                "keep_in_touch_days",
                "work",
                "origin",
                "education",
                "passions",
                "drivers",
                "last_contact_at",
                "created_at",
                "updated_at",
                "birthday",
                "anniversary",
            ],
            person_rows,
            "People",
        )
        load.insert("people_person_tags", ["id", "person_id", "tag_id"], tag_rows, "Tags")
        load.insert(
            "people_note",
            ["id", "owner_id", "person_id", "text", "date", "created_at"],
            note_rows,
            "Notes",
        )
        load.insert(
            "conversations_conversation",
            [
                "id",
                "owner_id",
                "person_id",
                "event_id",
                "started_at",
                "ended_at",
                "learned",
                "warning_signs",
                "warning_sign_times",
                "outcome",
                "notes",
                "with_new_person",
                "created_at",
                "updated_at",
            ],
            conversation_rows,
            "Conversations",
        )
        load.insert(
            "conversations_followup",
            [
                "id",
                "owner_id",
                "person_id",
                "conversation_id",
                "text",
                "due",
                "done",
                "done_at",
                "created_at",
            ],
            followup_rows,
            "Follow-ups",
        )
        load.fix_sequences(
            [
                "people_person",
                "people_person_tags",
                "people_note",
                "conversations_conversation",
                "conversations_followup",
            ]
        )

        embeddings: dict[int, bytes] = {}
        if not semantic.unavailable_reason() and not exact_embeddings:
            embeddings = _composed_embeddings(phrases_of, console)
        write_search_index(
            load,
            user=user,
            now=now,
            story_of=story_of,
            tag_names=tag_names,
            notes_of=notes_of,
            conversations_of=conversations_of,
            embeddings=embeddings,
        )
        services.embeddings_changed(owner_id=user.pk)
        services.fts_optimize()
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if semantic.unavailable_reason():
        console.print(f"No embeddings: {semantic.unavailable_reason()}.")
    elif exact_embeddings:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("Embeddings (exact)", total=people)
            services.embeddings_refresh(
                owner=user, batch_size=256, progress=lambda done: progress.advance(task, done)
            )
    elapsed = time.perf_counter() - started
    console.print(
        f"[bold]{people:,}[/] people and [bold]{conversations:,}[/] conversations for user [bold]{username}[/] "
        f"(password {BENCH_PASSWORD}) in {elapsed:.0f} s."
    )


def _composed_embeddings(phrases_of: dict[int, list[str]], console: Any) -> dict[int, bytes]:
    """One model call per distinct phrase; a person's vector is the normalized sum of theirs."""
    import numpy as np

    from hallway.search import semantic

    distinct = sorted({phrase for phrases in phrases_of.values() for phrase in phrases})
    console.print(f"Embedding {len(distinct):,} distinct story phrases…")
    vectors = dict(zip(distinct, semantic.encode(distinct), strict=True))
    result = {}
    for person_id, phrases in phrases_of.items():
        vector = np.sum([vectors[phrase] for phrase in phrases], axis=0)
        result[person_id] = (vector / np.linalg.norm(vector)).astype(np.float32).tobytes()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--conversations", type=int, default=None, help="default: 3 per person")
    parser.add_argument("--user", default="bench")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--exact-embeddings", action="store_true", help="run the model on every person (slow)"
    )
    args = parser.parse_args()
    _setup()
    generate(
        people=args.people,
        conversations=args.conversations if args.conversations is not None else args.people * 3,
        username=args.user,
        seed=args.seed,
        exact_embeddings=args.exact_embeddings,
    )


if __name__ == "__main__":
    main()
