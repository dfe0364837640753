"""Counting connections and cards from their partial indexes counts the same people."""

from __future__ import annotations

from typing import Any

from hallway.people.selectors import status_count
from hallway.people.services import person_create


def test_connections_and_cards_are_counted_per_owner(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Card Only")
    person_create(owner=owner, name="Has Passions", story={"passions": "sailing"})
    person_create(owner=owner, name="Has Drivers", story={"drivers": "their kids"})
    person_create(owner=outsider, name="Not Mine", story={"passions": "chess"})
    assert status_count(user=owner, status="connection") == 2
    assert status_count(user=owner, status="card") == 1
    assert status_count(user=outsider, status="connection") == 1
    assert status_count(user=outsider, status="card") == 0
