"""Birthdays and anniversaries in the .ics export: yearly all-day entries, as in the feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
import time_machine

from hallway.events.models import Event
from hallway.interop.exporting import calendar_export
from hallway.interop.importing import import_file
from hallway.people.services import person_create
from hallway.updates.feeds import calendar_feed_ics

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def _yearly(ics: bytes) -> dict[str, Any]:
    return {
        str(component["SUMMARY"]): component
        for component in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        if "RRULE" in component
    }


@time_machine.travel(NOW, tick=False)
def test_the_ics_export_has_birthdays_and_anniversaries_as_yearly_all_day_events(
    owner: Any,
) -> None:
    person_create(owner=owner, name="Ann Lee", birthday="1985-04-12", anniversary="--06-16")
    person_create(owner=owner, name="Leap Day", birthday="--02-29")
    person_create(owner=owner, name="No Dates")

    entries = _yearly(calendar_export(user=owner))

    assert sorted(entries) == [
        "Anniversary: Ann Lee",
        "Birthday: Ann Lee (since 1985)",
        "Birthday: Leap Day",
    ]
    birthday = entries["Birthday: Ann Lee (since 1985)"]
    assert birthday["DTSTART"].dt == dt.date(2025, 4, 12)
    assert birthday["DTEND"].dt == dt.date(2025, 4, 13)
    assert birthday["RRULE"] == icalendar.vRecur({"FREQ": ["YEARLY"]})
    assert str(birthday["TRANSP"]) == "TRANSPARENT"
    assert str(birthday["X-HALLWAY-KIND"]) == "birthday"
    assert entries["Anniversary: Ann Lee"]["DTSTART"].dt == dt.date(2025, 6, 16)
    leap = entries["Birthday: Leap Day"]
    assert leap["DTSTART"].dt == dt.date(2025, 2, 28)
    assert leap["RRULE"] == icalendar.vRecur(
        {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
    )


@time_machine.travel(NOW, tick=False)
def test_the_export_and_the_feed_write_each_birthday_the_same_way(owner: Any) -> None:
    person_create(owner=owner, name="Ann Lee", birthday="1985-04-12", anniversary="2012-02-29")

    exported = _yearly(calendar_export(user=owner))
    feed = _yearly(calendar_feed_ics(user=owner, now=NOW))

    assert sorted(exported) == sorted(feed)
    for summary, component in exported.items():
        for name in ("DTSTART", "DTEND", "RRULE", "TRANSP"):
            assert component[name].to_ical() == feed[summary][name].to_ical(), (summary, name)


@time_machine.travel(NOW, tick=False)
def test_importing_the_ics_export_again_creates_no_event_from_a_birthday(owner: Any) -> None:
    person_create(owner=owner, name="Ann Lee", birthday="1985-04-12", anniversary="--06-16")
    Event.objects.create(owner=owner, name="CIO Summit", starts_at=NOW)

    plan = import_file(owner=owner, data=calendar_export(user=owner))

    assert (plan.created, plan.updated) == (0, 0)
    assert list(Event.objects.filter(owner=owner).values_list("name", flat=True)) == ["CIO Summit"]
    reasons = sorted(item.reason for item in plan.skipped_items)
    assert reasons == [
        "a birthday from a Hallway export, not an event",
        "already known, nothing new (same Hallway UID)",
        "an anniversary from a Hallway export, not an event",
    ]


def test_nobody_elses_birthdays_are_in_the_export(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Ann Lee", birthday="1985-04-12")

    assert _yearly(calendar_export(user=outsider)) == {}
    assert "Birthday: Ann Lee (since 1985)" in _yearly(calendar_export(user=owner))
