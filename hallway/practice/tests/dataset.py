"""A known practice history, built through the real services, for tests of practice and updates.

Frozen "now": 2026-11-20 12:00 UTC. In short:

* September (last quarter): Sep Expo — Gus, Hal (cards only), Ivy (connected), Jo (cut short,
  wandering eyes at 9 min). Connection rate 1/4.
* October: Oct Forum — Eve (cards only, wandering eyes at 8 min), Finn (connected).
* November: Cloud Meetup (Nov 5, goal 3) — Ana (connected: passions), Ben (cards only,
  wandering eyes at 9 min), Cara (cut short, wandering eyes at 10 min, short answers at 5 min);
  CIO Dinner (Nov 12) — Dan (drivers learned), Ana again (cards only); Future Summit (Nov 28)
  is planned.

This quarter: 3 of 6 conversations with new people gave a story (50%), last quarter 1 of 4 (25%).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hallway.conversations.models import Conversation
from hallway.conversations.services import conversation_log
from hallway.events.services import event_create
from hallway.people.services import person_create

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def _at(month: int, day: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def build_practice_history(owner: Any) -> dict[str, Any]:
    """Create the data set for `owner`; call it while time is frozen at NOW."""
    people = {
        name: person_create(owner=owner, name=name, email=f"{name.lower()}@example.com")
        for name in ("Ana", "Ben", "Cara", "Dan", "Eve", "Finn", "Gus", "Hal", "Ivy", "Jo")
    }
    events = {
        "sep": event_create(owner=owner, name="Sep Expo", starts_at=_at(9, 15), location="Lyon"),
        "oct": event_create(owner=owner, name="Oct Forum", starts_at=_at(10, 10), location="Paris"),
        "meetup": event_create(
            owner=owner,
            name="Cloud Meetup",
            starts_at=_at(11, 5),
            goal_new_connections=3,
            reflection="Good crowd; I asked about passions earlier and it worked.",
        ),
        "dinner": event_create(owner=owner, name="CIO Dinner", starts_at=_at(11, 12)),
        "summit": event_create(owner=owner, name="Future Summit", starts_at=_at(11, 28, 9)),
    }

    def talk(
        name: str,
        event: str,
        start: dt.datetime,
        minutes: int,
        outcome: str,
        learned: dict[str, str] | None = None,
        signs: dict[str, int] | None = None,
    ) -> Conversation:
        conversation = conversation_log(
            owner=owner,
            person=people[name],
            event=events[event],
            started_at=start,
            ended_at=start + dt.timedelta(minutes=minutes),
            outcome=outcome,
            learned=learned or {},
            warning_signs=list(signs or {}),
        )
        if signs:
            # The live screen records when each sign was noticed; here the times are given.
            Conversation.objects.filter(pk=conversation.pk).update(warning_sign_times=signs)
        return conversation

    talk("Gus", "sep", _at(9, 15, 18, 10), 6, "cards_only")
    talk("Hal", "sep", _at(9, 15, 18, 20), 7, "cards_only")
    talk("Ivy", "sep", _at(9, 15, 18, 40), 20, "connected", {"passions": "Rowing"})
    talk("Jo", "sep", _at(9, 15, 19, 5), 10, "cut_short", signs={"wandering_eyes": 540})
    talk("Eve", "oct", _at(10, 10, 18, 10), 9, "cards_only", signs={"wandering_eyes": 480})
    talk("Finn", "oct", _at(10, 10, 18, 30), 15, "connected", {"drivers": "Mentoring juniors"})
    talk(
        "Ana", "meetup", _at(11, 5, 18, 10), 18, "connected", {"passions": "Sailing", "work": "CTO"}
    )
    talk("Ben", "meetup", _at(11, 5, 18, 30), 11, "cards_only", signs={"wandering_eyes": 540})
    talk(
        "Cara",
        "meetup",
        _at(11, 5, 18, 45),
        11,
        "cut_short",
        signs={"wandering_eyes": 600, "short_answers": 300},
    )
    talk("Dan", "dinner", _at(11, 12, 19, 0), 25, "cards_only", {"drivers": "Fixing hospitals' IT"})
    talk("Ana", "dinner", _at(11, 12, 20, 0), 5, "cards_only")
    return {"people": people, "events": events}
