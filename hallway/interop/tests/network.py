"""A demo-like network built through the real services, for round-trip tests."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from hallway.conversations.services import conversation_log, followup_add
from hallway.events.services import event_create
from hallway.interop.models import ContactDetail
from hallway.people.services import note_add, person_create

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def build_network(owner: Any) -> dict[str, Any]:
    jane = person_create(
        owner=owner,
        name="Jane Doe",
        email="jane@acme.example",
        phone="+1 617 555 0100",
        company="Acme, Inc.",
        role="CIO",
        location="Boston, MA",
        linkedin_url="https://www.linkedin.com/in/janedoe",
        website="https://janedoe.example",
        met_at="CIO Summit 2024; hallway, near the coffee",
        keep_in_touch_days=60,
        story={
            "work": "Runs IT at Acme; moving everything to the cloud",
            "origin": "Grew up in Lyon, France",
            "education": "École Polytechnique",
            "passions": "Sailing; jazz piano\non weekends",
            "drivers": "Wants her team to be proud of their work",
        },
        tags=["cio", "retail", "boston"],
    )
    jane.photo.save("jane.png", ContentFile(PNG), save=True)
    ContactDetail.objects.create(
        owner=owner, person=jane, kind="email", value="jane.doe@home.example"
    )
    ContactDetail.objects.create(owner=owner, person=jane, kind="phone", value="+33 6 12 34 56 78")
    note_add(
        person=jane, text="Her daughter starts university in the fall.", date=dt.date(2024, 5, 2)
    )
    note_add(
        person=jane,
        text="Likes: Miles Davis, Kind of Blue; dislikes; commas, semicolons",
        date=dt.date(2024, 6, 1),
    )
    kenji = person_create(
        owner=owner,
        name="山田 太郎",
        company="Fabrikam",
        story={"work": "CTO"},
        tags=["cto"],
        introduced_by=jane,
    )
    ann = person_create(owner=owner, name="Ann Lee", email="ann@contoso.example")
    summit = event_create(
        owner=owner,
        name="CIO Summit",
        starts_at=dt.datetime(2024, 6, 12, 17, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2024, 6, 12, 22, 0, tzinfo=dt.UTC),
        location="Paris",
        goal_new_connections=5,
        reflection="Good evening; met three new people.",
        want_to_meet=[kenji, ann],
    )
    talk = conversation_log(
        owner=owner,
        person=jane,
        event=summit,
        started_at=dt.datetime(2024, 6, 12, 18, 0, tzinfo=dt.UTC),
        ended_at=dt.datetime(2024, 6, 12, 18, 20, tzinfo=dt.UTC),
        learned={"passions": "Sailing"},
        warning_signs=["wandering_eyes"],
        outcome="connected",
        notes="Talked about boats.",
        followups=[{"text": "Send the sailing club link", "due": "2024-06-20"}],
    )
    followup_add(person=ann, text="Intro Ann to Jane", due=dt.date(2024, 7, 1))
    return {"jane": jane, "kenji": kenji, "ann": ann, "summit": summit, "talk": talk}
