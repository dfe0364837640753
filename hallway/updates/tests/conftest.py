from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hallway.conversations.services import followup_add, followup_set_done
from hallway.events.services import event_create
from hallway.people.services import person_update
from hallway.practice.tests.conftest import frozen, history  # noqa: F401  (shared fixtures)

SITE = "https://hallway.example"


@pytest.fixture
def site(settings: Any) -> str:
    settings.SITE_URL = SITE
    return SITE


@pytest.fixture
def digest_data(owner: Any, history: dict[str, Any], site: str) -> dict[str, Any]:  # noqa: F811
    """The practice history plus follow-ups, keep-in-touch cadences and one event next week."""
    people, events = history["people"], history["events"]
    followups = {
        "overdue": followup_add(
            person=people["Ben"], text="Send the Terraform article", due=dt.date(2026, 11, 18)
        ),
        "soon": followup_add(
            person=people["Ana"], text="Introduce her to Dan", due=dt.date(2026, 11, 25)
        ),
        "later": followup_add(
            person=people["Dan"], text="Ask about the hospital project", due=dt.date(2026, 12, 15)
        ),
        "done": followup_add(
            person=people["Eve"], text="Already did this", due=dt.date(2026, 11, 19)
        ),
    }
    followup_set_done(followup=followups["done"])
    person_update(person=people["Gus"], keep_in_touch_days=30)
    person_update(person=people["Ana"], keep_in_touch_days=90)
    events["breakfast"] = event_create(
        owner=owner,
        name="CTO Breakfast",
        starts_at=dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC),
        location="Lyon",
    )
    return {**history, "followups": followups}
