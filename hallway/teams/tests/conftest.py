"""Team fixtures: a teammate's network the owner may or may not share."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.people.services import person_create


@pytest.fixture
def acme_people(owner: Any) -> dict[str, Any]:
    """Three people of the owner's at Acme and elsewhere, with stories."""
    return {
        "jane": person_create(
            owner=owner,
            name="Jane Doe",
            company="Acme Corp",
            role="CIO",
            email="jane@acme.example",
            phone="+1 555 0100",
            story={"passions": "Ocean sailing", "work": "Runs IT at Acme"},
            tags=["cio"],
        ),
        "raj": person_create(
            owner=owner,
            name="Raj Patel",
            company="Globex",
            role="CTO",
            story={"drivers": "Wants to fix hospital software", "origin": "Grew up in Leeds"},
            tags=["cio", "health"],
        ),
        "mia": person_create(
            owner=owner,
            name="Mia Wong",
            company="Initech",
            role="Head of Data",
            story={"passions": "Marathon running"},
        ),
    }
