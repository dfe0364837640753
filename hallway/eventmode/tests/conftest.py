from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from hallway.eventmode.services import live_conversation_start
from hallway.people.services import person_create

# A Wednesday evening: "tomorrow" is Thursday 26 November, "Tuesday" 1 December.
NOW = dt.datetime(2026, 11, 25, 18, 30, tzinfo=dt.UTC)


@pytest.fixture
def frozen_now() -> Iterator[dt.datetime]:
    """Time stands still at NOW (list it before the fixtures that create objects)."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def wanted(owner: Any, event: Any) -> Any:
    """Someone the owner hopes to meet at the event."""
    person = person_create(owner=owner, name="Aaron Wanted", company="Globex")
    event.want_to_meet.add(person)
    return person


@pytest.fixture
def conversation(owner: Any, event: Any) -> Any:
    """An open conversation with someone new at the event."""
    return live_conversation_start(user=owner, event=event, new_person_name="Nina New")
