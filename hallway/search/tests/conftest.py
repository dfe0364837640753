from __future__ import annotations

from typing import Any

import pytest

from hallway.people.services import person_create


@pytest.fixture
def sailor(owner: Any) -> Any:
    return person_create(
        owner=owner,
        name="Margaret Okonkwo",
        company="Northwind Logistics",
        role="CTO",
        location="Columbus, Ohio",
        story={
            "passions": "Loves sailing on Lake Erie every summer",
            "work": "Runs the platform team",
        },
        tags=["sailing-club"],
    )


@pytest.fixture
def climate_founder(owner: Any) -> Any:
    return person_create(
        owner=owner,
        name="Dmitri Alvarez",
        company="Terra Sequester",
        role="Founder",
        story={"work": "Founded a carbon capture startup that pulls CO2 out of the air"},
    )


@pytest.fixture
def outsiders_sailor(outsider: Any) -> Any:
    """Another user's person who matches the same words: must never show up for the owner."""
    return person_create(
        owner=outsider,
        name="Margaret Okonkwo-Smith",
        company="Northwind Logistics",
        story={"passions": "Sailing, sailing, sailing"},
    )


@pytest.fixture
def no_semantic(settings: Any) -> None:
    settings.SEMANTIC_SEARCH = "off"
