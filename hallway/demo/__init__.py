"""The sample network loaded by `hallway demo`: a living app for a newcomer.

Deterministic (seeded) so screenshots and tests see the same network every time. Everything is
written through the services, exactly as a user's own data would be.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from hallway.conversations.services import conversation_log
from hallway.demo.data import (
    CITIES,
    COMPANIES,
    DRIVERS,
    EDUCATION,
    EVENTS,
    FIRST_NAMES,
    GENERAL_FOLLOWUPS,
    INDUSTRY_TAGS,
    LAST_NAMES,
    NOTES,
    ORIGIN,
    PASSIONS,
    ROLE_TAGS,
    WORK,
    WORK_FOLLOWUPS,
)
from hallway.events.models import Event
from hallway.events.services import event_create
from hallway.people.services import note_add, person_create

__all__ = [
    "FIRST_NAMES",
    "LAST_NAMES",
    "COMPANIES",
    "WORK",
    "DRIVERS",
    "CITIES",
    "ORIGIN",
    "EDUCATION",
    "PASSIONS",
    "WORK_FOLLOWUPS",
    "GENERAL_FOLLOWUPS",
    "NOTES",
    "EVENTS",
    "ROLE_TAGS",
    "INDUSTRY_TAGS",
    "load_demo",
]


def _story(rng: random.Random, company: str, industry: str) -> dict[str, str]:
    """A story as deep as chance makes it, told from the person's own company and industry."""
    story: dict[str, str] = {}
    depth = rng.random()
    if depth > 0.15:
        story["work"] = rng.choice(WORK[company])
    if depth > 0.35:
        story["origin"] = rng.choice(ORIGIN)
    if depth > 0.5:
        story["education"] = rng.choice(EDUCATION)
    if depth > 0.55:
        story["passions"] = rng.choice(PASSIONS)[0]
    if depth > 0.7:
        story["drivers"] = rng.choice(DRIVERS[industry] + DRIVERS["any"])
    return story


def _tags(rng: random.Random, role: str, industry: str) -> list[str]:
    tags = [tag for tag in (ROLE_TAGS.get(role), INDUSTRY_TAGS.get(industry)) if tag]
    if rng.random() > 0.75:
        tags.append(rng.choice(["mentor", "speaker"]))
    return tags


def _followup(rng: random.Random, person: Any, learned: dict[str, str], industry: str) -> str:
    """What one promises after a conversation follows from what was talked about."""
    if "passions" in learned:
        return dict(PASSIONS)[learned["passions"]]
    if "work" in learned:
        return WORK_FOLLOWUPS[industry]
    return rng.choice(GENERAL_FOLLOWUPS)


@transaction.atomic
def load_demo(*, owner: User, people_count: int = 45, seed: int = 7) -> dict[str, int]:
    """Create a sample network for the owner; returns counts of what was created."""
    rng = random.Random(seed)
    now = timezone.now()
    people = []
    for index in range(people_count):
        first, last = (
            FIRST_NAMES[index % len(FIRST_NAMES)],
            LAST_NAMES[(index * 7) % len(LAST_NAMES)],
        )
        company, role, industry = COMPANIES[index % len(COMPANIES)]
        story = _story(rng, company, industry)
        slug = f"{first}.{last}".lower().replace("'", "")
        ascii_slug = slug.encode("ascii", "ignore").decode()
        person = person_create(
            owner=owner,
            name=f"{first} {last}",
            company=company,
            role=role,
            location=rng.choice(CITIES),
            email=f"{ascii_slug}@{company.split()[0].lower()}.example",
            phone=f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if rng.random() > 0.3
            else "",
            linkedin_url=f"https://www.linkedin.com/in/{ascii_slug.replace('.', '-')}"
            if rng.random() > 0.4
            else "",
            keep_in_touch_days=rng.choice([None, 30, 60, 90, 180]),
            story=story,
            tags=_tags(rng, role, industry),
            created_at=now - dt.timedelta(days=rng.randint(100, 400)),
        )
        people.append(person)

    events = []
    for name, days, place, goal in EVENTS:
        start = (now + dt.timedelta(days=days)).replace(hour=18, minute=30, second=0, microsecond=0)
        event = event_create(
            owner=owner,
            name=name,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            location=place,
            goal_new_connections=goal,
            reflection="Good energy; I talked to too few new people." if days < -20 else "",
            want_to_meet=rng.sample(people, k=4),
        )
        events.append(event)

    conversations = 0
    industry_of = {company: industry for company, _role, industry in COMPANIES}
    past_events = [event for event in events if event.starts_at < now]
    for index, person in enumerate(people):
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            met_at: Event | None = rng.choice(past_events) if rng.random() > 0.25 else None
            start = (
                met_at.starts_at if met_at else now - dt.timedelta(days=rng.randint(1, 200))
            ) + dt.timedelta(minutes=rng.randint(0, 150))
            minutes = rng.randint(2, 25)
            signs = rng.sample(
                ["wandering_eyes", "not_flowing", "checking_phone", "short_answers"],
                k=rng.choice([0, 0, 0, 1, 2]),
            )
            learned: dict[str, str] = {}
            if person.passions and rng.random() > 0.4:
                learned["passions"] = person.passions
            elif person.work and rng.random() > 0.5:
                learned["work"] = person.work
            outcome = (
                "connected"
                if learned.get("passions")
                else ("cut_short" if signs and minutes < 5 else "cards_only")
            )
            followup = _followup(rng, person, learned, industry_of[person.company])
            conversation_log(
                owner=owner,
                person=person,
                event=met_at,
                started_at=start,
                ended_at=start + dt.timedelta(minutes=minutes),
                learned=learned,
                warning_signs=signs,
                outcome=outcome,
                notes=rng.choice(
                    [
                        "",
                        "Talked about AI governance.",
                        "Both hate vendor lock-in.",
                        "Swapped stories about outages.",
                    ]
                ),
                followups=[
                    {"text": followup, "due": (now + dt.timedelta(days=rng.randint(-5, 14))).date()}
                ]
                if followup and rng.random() > 0.6
                else [],
            )
            conversations += 1
        if index % 6 == 0:
            note_add(
                person=person,
                text=rng.choice(NOTES),
                date=(now - dt.timedelta(days=rng.randint(20, 150))).date(),
            )
    return {"people": len(people), "events": len(events), "conversations": conversations}
