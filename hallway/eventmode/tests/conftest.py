from __future__ import annotations

from typing import Any

import pytest

from hallway.eventmode.services import live_conversation_start
from hallway.people.services import person_create


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
