"""The `caldav` client library (a real CalDAV client we did not write) lists Hallway's events
and follow-ups, read only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import caldav
import pytest
from django.utils import timezone

from hallway.conversations.services import followup_add
from hallway.events.services import event_create
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_caldav_library_lists_events_and_follow_ups(
    live_server: Any, owner: Any, teammate: Any, device: tuple[Any, str]
) -> None:
    # Noon, so the hour around the event never reaches the follow-up's all-day slot next day
    # (at 23:xx it did, and the time-range search found both).
    start = (timezone.now() + dt.timedelta(days=3)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    event_create(owner=owner, name="CIO Summit", starts_at=start, location="Boston")
    event_create(owner=teammate, name="Teammate's dinner", starts_at=start)
    jane = person_create(owner=owner, name="Jane Doe")
    followup_add(person=jane, text="Send the article", due=start.date() + dt.timedelta(days=1))
    client = caldav.DAVClient(
        url=f"{live_server.url}/dav/",
        username=owner.username,
        password=device[1],
        enable_rfc6764=False,
        require_tls=False,
    )
    principal = client.principal()
    calendars = principal.calendars()
    assert [calendar.get_display_name() for calendar in calendars] == ["Hallway"]
    summaries = sorted(str(event.icalendar_component["summary"]) for event in calendars[0].events())
    assert summaries == ["CIO Summit", "Follow up with Jane Doe: Send the article"]
    # A time-range search (what phone calendars send) finds the event in its week only.
    found = calendars[0].search(
        start=start - dt.timedelta(hours=1), end=start + dt.timedelta(hours=1), event=True
    )
    assert [str(event.icalendar_component["summary"]) for event in found] == ["CIO Summit"]
    # Read only: a phone cannot add events to it.
    with pytest.raises(caldav.lib.error.DAVError):
        calendars[0].save_event(
            dtstart=start, dtend=start + dt.timedelta(hours=1), summary="From the phone"
        )
