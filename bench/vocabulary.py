"""Word pools for the synthetic network, realistic enough that searches behave like real ones,
and how they combine into a person and a note.

The pools are data, kept in vocabulary.json next to this file (one list per name below)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

_POOLS: dict[str, list[str]] = json.loads(
    (Path(__file__).with_name("vocabulary.json")).read_text(encoding="utf-8")
)

FIRST_NAMES = _POOLS["FIRST_NAMES"]
LAST_NAMES = _POOLS["LAST_NAMES"]
COMPANY_STEMS = _POOLS["COMPANY_STEMS"]
COMPANY_SUFFIXES = _POOLS["COMPANY_SUFFIXES"]
ROLES = _POOLS["ROLES"]
CITIES = _POOLS["CITIES"]
WORK_TOPICS = _POOLS["WORK_TOPICS"]
ORIGINS = _POOLS["ORIGINS"]
EDUCATION = _POOLS["EDUCATION"]
PASSIONS = _POOLS["PASSIONS"]
DRIVERS = _POOLS["DRIVERS"]
NOTE_TEMPLATES = _POOLS["NOTE_TEMPLATES"]
RACES = _POOLS["RACES"]
NOTE_TOPICS = _POOLS["NOTE_TOPICS"]
CONVERSATION_NOTES = _POOLS["CONVERSATION_NOTES"]
TAGS = _POOLS["TAGS"]
EVENT_NAMES = _POOLS["EVENT_NAMES"]


def company_name(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_SUFFIXES)}"


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        city=rng.choice(CITIES).split(",")[0],
        race=rng.choice(RACES),
        role=rng.choice(ROLES),
        topic=rng.choice(NOTE_TOPICS),
        company=company_name(rng),
        passion=rng.choice(PASSIONS).lower(),
    )


def person_fields(rng: random.Random, index: int) -> tuple[dict[str, Any], list[str]]:
    """Fields of one person and the phrases their story is made of (for composed embeddings)."""
    from hallway.lib.story import normalize_name

    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    name = f"{first} {last}"
    company, role, city = company_name(rng), rng.choice(ROLES), rng.choice(CITIES)
    fields: dict[str, Any] = {
        "name": name,
        "name_normalized": normalize_name(name),
        "email": f"{first}.{last}.{index}@example.com".lower().replace(" ", "").replace("'", ""),
        "company": company,
        "role": role,
        "location": city,
        "met_at": rng.choice(
            [
                "",
                "",
                f"{rng.choice(EVENT_NAMES)} {rng.randint(2019, 2026)}",
                "Intro by a colleague",
            ]
        ),
    }
    phrases = [role]
    depth = rng.random()
    # Most people are cards or half-known stories, as in a real network.
    if depth > 0.15:
        topic = rng.choice(WORK_TOPICS)
        fields["work"] = f"{role} at {company}; {topic}"
        phrases.append(topic)
    if depth > 0.35:
        fields["origin"] = rng.choice(ORIGINS).format(city=rng.choice(CITIES[:20]).split(",")[0])
        phrases.append(fields["origin"])
    if depth > 0.5:
        fields["education"] = rng.choice(EDUCATION)
        phrases.append(fields["education"])
    if depth > 0.55:
        fields["passions"] = rng.choice(PASSIONS)
        phrases.append(fields["passions"])
    if depth > 0.75:
        fields["drivers"] = rng.choice(DRIVERS)
        phrases.append(fields["drivers"])
    return fields, phrases
