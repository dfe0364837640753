from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.contrib.auth.models import User

from hallway.interop.exporting import calendar_export, vcards_export
from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.interop.tests.network import build_network
from hallway.lib.story import FACETS
from hallway.people.models import Person
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db


def _snapshot(owner: Any) -> list[dict[str, Any]]:
    people = []
    for person in Person.objects.filter(owner=owner).order_by("name"):
        photo = b""
        if person.photo:
            with person.photo.open("rb") as handle:
                photo = handle.read()
        people.append(
            {
                **{
                    field: getattr(person, field)
                    for field in (
                        "name",
                        "email",
                        "phone",
                        "company",
                        "role",
                        "location",
                        "linkedin_url",
                        "website",
                        "met_at",
                        "keep_in_touch_days",
                        "birthday",
                        "anniversary",
                    )
                },
                "story": {facet: getattr(person, facet) for facet in FACETS},
                "tags": sorted(person.tag_names),
                "notes": sorted((note.date, note.text) for note in person.notes.all()),
                "details": sorted(
                    ContactDetail.objects.filter(person=person).values_list(
                        "kind", "label", "value"
                    )
                ),
                "photo": photo,
            }
        )
    return people


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_export_round_trips_through_our_import_with_nothing_lost(
    owner: Any, version: str
) -> None:
    build_network(owner)
    exported = "".join(vcards_export(user=owner, version=version))
    assert f"VERSION:{version}" in exported
    copy = User.objects.create_user(username="copy")
    plan = import_file(owner=copy, data=exported.encode())
    assert (plan.created, plan.errors) == (3, [])
    assert _snapshot(copy) == _snapshot(owner)
    again = import_file(owner=copy, data=exported.encode())
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)


def test_vcard_export_shows_the_story_to_other_tools_in_note(owner: Any) -> None:
    build_network(owner)
    exported = "".join(vcards_export(user=owner))
    unfolded = exported.replace("\r\n ", "")
    assert "X-HALLWAY-PASSIONS:Sailing\\; jazz piano\\non weekends" in unfolded
    assert "NOTE:Work: Runs IT at Acme" in unfolded
    assert "2024-05-02: Her daughter starts university in the fall." in unfolded
    assert "PHOTO:data:image/png;base64," in unfolded
    assert all(len(line.encode()) <= 75 for line in exported.split("\r\n"))


def test_exports_only_contain_the_requesting_users_data(owner: Any, outsider: Any) -> None:
    build_network(owner)
    person_create(owner=outsider, name="Secret Contact")
    assert "Jane Doe" not in "".join(vcards_export(user=outsider))
    assert b"CIO Summit" not in calendar_export(user=outsider)
    assert "Secret Contact" not in "".join(vcards_export(user=owner))


def test_calendar_export_has_events_in_utc_and_follow_ups_as_all_day(owner: Any) -> None:
    build_network(owner)
    calendar = icalendar.Calendar.from_ical(calendar_export(user=owner))
    events = {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}
    summit = events["CIO Summit"]
    assert summit["DTSTART"].dt == dt.datetime(2024, 6, 12, 17, 0, tzinfo=dt.UTC)
    assert summit["DTEND"].dt == dt.datetime(2024, 6, 12, 22, 0, tzinfo=dt.UTC)
    assert str(summit["LOCATION"]) == "Paris"
    followup = events["Follow up with Jane Doe: Send the sailing club link"]
    assert followup["DTSTART"].dt == dt.date(2024, 6, 20)
    assert "Follow up with Ann Lee: Intro Ann to Jane" in events


def test_calendar_export_round_trips_events_without_the_follow_ups(owner: Any) -> None:
    build_network(owner)
    copy = User.objects.create_user(username="copy")
    plan = import_file(owner=copy, data=calendar_export(user=owner))
    assert plan.created == 1
    event = copy.events.get()
    assert (event.name, event.location, event.goal_new_connections, event.reflection) == (
        "CIO Summit",
        "Paris",
        5,
        "Good evening; met three new people.",
    )
    assert event.starts_at == dt.datetime(2024, 6, 12, 17, 0, tzinfo=dt.UTC)


def test_the_photo_survives_the_vcard3_export(owner: Any) -> None:
    build_network(owner)
    exported = "".join(vcards_export(user=owner, version="3.0")).replace("\r\n ", "")
    assert "PHOTO;ENCODING=b;TYPE=PNG:" in exported
