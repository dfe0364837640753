"""Issue 16: birthdays (year optional) and anniversaries on a person — imported, shown on the
person page, in briefings, the digest, the vCard export and the calendar feed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from hallway.interop.exporting import vcards_export
from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.lib.partial_dates import celebration_text, parse_partial_date
from hallway.people.models import Person
from hallway.people.services import person_create
from hallway.recall.selectors import person_briefing
from hallway.updates.feeds import calendar_feed_ics
from hallway.updates.selectors import digest_for

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parents[2] / "interop" / "tests" / "samples"
TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1985-04-12", "1985-04-12"),
        ("19850412", "1985-04-12"),
        ("--04-12", "--04-12"),
        ("--0412", "--04-12"),
        ("1604-04-12", "--04-12"),
        ("4/12/1985", "1985-04-12"),
        ("1985-04-12T00:00:00Z", "1985-04-12"),
        ("--02-29", "--02-29"),
        ("1985-02-29", None),
        ("next spring", None),
    ],
)
def test_partial_dates_are_read_from_what_address_books_write(text: str, iso: str | None) -> None:
    found = parse_partial_date(text)
    assert (found.iso if found else None) == iso


def test_celebrations_say_when_in_words() -> None:
    today = TODAY.date()
    assert celebration_text("birthday", today, today, 41) == "Birthday today (turns 41)"
    assert celebration_text("anniversary", dt.date(2026, 12, 2), today, None) == (
        "Anniversary tomorrow"
    )
    assert celebration_text("birthday", dt.date(2026, 12, 4), today, None) == (
        "Birthday this week, on Friday 4 December"
    )
    assert celebration_text("birthday", dt.date(2026, 12, 8), today, 30) == (
        "Birthday next week, on Tuesday 8 December (turns 30)"
    )


def test_a_person_has_a_birthday_with_or_without_a_year(owner: Any) -> None:
    person = person_create(
        owner=owner, name="Ann Lee", birthday="--12-08", anniversary="2012-06-16"
    )
    assert (person.birthday_date.display, person.anniversary_date.display) == (  # type: ignore[union-attr]
        "8 December",
        "16 June 2012",
    )
    with pytest.raises(ValidationError):
        person_create(owner=owner, name="Bad Date", birthday="2023-02-30")


def test_imported_birthdays_and_anniversaries_from_vcards(owner: Any) -> None:
    plan = import_file(owner=owner, data=(SAMPLES / "birthdays.vcf").read_bytes())
    assert (plan.created, plan.errors) == (3, [])
    dates = dict(
        (name, (birthday, anniversary))
        for name, birthday, anniversary in Person.objects.values_list(
            "name", "birthday", "anniversary"
        )
    )
    assert dates == {
        "Leila Haddad": ("--12-08", "2012-06-16"),
        "Tomasz Nowak": ("1985-04-12", "--09-05"),
        "Ngozi Achebe": ("1980-02-29", "2005-04-30"),
    }


def test_every_link_is_kept_with_its_kind(owner: Any) -> None:
    import_file(owner=owner, data=(SAMPLES / "birthdays.vcf").read_bytes())
    leila = Person.objects.get(owner=owner, name="Leila Haddad")
    assert leila.website == "https://leila.example"
    assert sorted(
        ContactDetail.objects.filter(person=leila, kind="url").values_list("label", "value")
    ) == [
        ("blog", "https://leila.example/writing"),
        ("github", "https://github.com/lhaddad"),
        ("twitter", "https://twitter.com/leilahaddad"),
    ]
    import_file(owner=owner, data=(SAMPLES / "google_birthdays.csv").read_bytes())
    ravi = Person.objects.get(owner=owner, name="Ravi Menon")
    assert (ravi.birthday, ravi.anniversary, ravi.website) == (
        "1990-03-21",
        "2018-11-24",
        "https://ravimenon.example",
    )
    assert list(
        ContactDetail.objects.filter(person=ravi, kind="url").values_list("label", "value")
    ) == [("blog", "https://ravimenon.example/blog")]
    assert Person.objects.get(owner=owner, name="Sofia Greco").birthday == "--07-02"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_dates_and_link_kinds_survive_the_vcard_export(owner: Any, version: str) -> None:
    import_file(owner=owner, data=(SAMPLES / "birthdays.vcf").read_bytes())
    exported = "".join(vcards_export(user=owner, version=version))
    assert ("BDAY:--1208" if version == "4.0" else "BDAY:--12-08") in exported
    assert ("ANNIVERSARY:20120616" if version == "4.0" else "X-ANNIVERSARY:2012-06-16") in exported
    assert "URL;TYPE=blog:https://leila.example/writing" in exported
    copy = User.objects.create_user(username="copy")
    import_file(owner=copy, data=exported.encode())
    fields = ("name", "birthday", "anniversary", "website")
    assert sorted(Person.objects.filter(owner=copy).values_list(*fields)) == sorted(
        Person.objects.filter(owner=owner).values_list(*fields)
    )
    assert sorted(
        ContactDetail.objects.filter(owner=copy).values_list("kind", "label", "value")
    ) == (sorted(ContactDetail.objects.filter(owner=owner).values_list("kind", "label", "value")))
    again = import_file(owner=copy, data=exported.encode())
    assert (again.created, again.updated) == (0, 0)


def test_the_person_page_shows_birthday_anniversary_and_links(owner: Any, client: Any) -> None:
    import_file(owner=owner, data=(SAMPLES / "birthdays.vcf").read_bytes())
    client.force_login(owner)
    leila = Person.objects.get(owner=owner, name="Leila Haddad")
    page = client.get(leila.get_absolute_url()).content.decode()
    assert "8 December" in page and "16 June 2012" in page
    assert "https://github.com/lhaddad" in page and "Github" in page


@time_machine.travel(TODAY, tick=False)
def test_the_briefing_says_birthday_next_week(owner: Any, client: Any) -> None:
    person = person_create(owner=owner, name="Leila Haddad", birthday="1996-12-08")
    briefing = person_briefing(person=person)
    assert [item.text for item in briefing.celebrations] == [
        "Birthday next week, on Tuesday 8 December (turns 30)"
    ]
    client.force_login(owner)
    page = client.get(f"/recall/people/{person.pk}/").content.decode()
    assert "Birthday next week, on Tuesday 8 December (turns 30)" in page
    far = person_create(owner=owner, name="Far Away", birthday="--06-01")
    assert person_briefing(person=far).celebrations == []


@time_machine.travel(TODAY, tick=False)
def test_the_digest_lists_birthdays_and_anniversaries_ahead(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Leila Haddad", birthday="--12-03")
    person_create(owner=owner, name="Tomasz Nowak", anniversary="2016-12-06")
    person_create(owner=owner, name="Later Person", birthday="--12-20")
    person_create(owner=outsider, name="Not Yours", birthday="--12-02")
    digest = digest_for(user=owner, frequency="weekly")
    assert [(item.person.name, item.text) for item in digest.celebrations] == [
        ("Leila Haddad", "Birthday this week, on Thursday 3 December"),
        ("Tomasz Nowak", "Anniversary this week, on Sunday 6 December (10 years)"),
    ]
    assert not digest.is_empty


@time_machine.travel(TODAY, tick=False)
def test_the_calendar_feed_has_yearly_birthdays(owner: Any, outsider: Any) -> None:
    person_create(owner=owner, name="Leila Haddad", birthday="--12-08")
    person_create(owner=owner, name="Ngozi Achebe", birthday="1980-02-29")
    person_create(owner=outsider, name="Not Yours", birthday="--12-02")
    calendar = icalendar.Calendar.from_ical(calendar_feed_ics(user=owner))
    entries = {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}
    assert set(entries) == {"Birthday: Leila Haddad", "Birthday: Ngozi Achebe (since 1980)"}
    leila = entries["Birthday: Leila Haddad"]
    assert leila["DTSTART"].dt == dt.date(2025, 12, 8)
    assert leila["RRULE"]["FREQ"] == ["YEARLY"]
    assert entries["Birthday: Ngozi Achebe (since 1980)"]["RRULE"]["BYMONTHDAY"] == [-1]
