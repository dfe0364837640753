"""Issue 20: an import never folds two different people into one, and a calendar's times do not
depend on what the process read before."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from hallway.events.models import Event
from hallway.interop.duplicates import possible_duplicates
from hallway.interop.exporting import vcards_export
from hallway.interop.importing import import_file
from hallway.interop.matching import names_agree, phone_key
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import parse
from hallway.lib.story import normalize_name
from hallway.people.models import Person
from hallway.people.services import person_create, person_update

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def _read(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_people_who_share_a_phone_or_an_email_are_not_folded_together(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("google_shared.csv"))
    names = sorted(Person.objects.filter(owner=owner).values_list("name", flat=True))
    assert names == [
        "Elena Costa",
        "Jin Park",
        "Marco Costa",
        "Priya Raman",
        "Sara Lind",
        "Tom Becker",
    ]
    # the same Priya twice (same mobile, same name) is still one person
    assert (plan.created, plan.skipped) == (6, 1)
    assert plan.result()["flagged"] == 3
    flagged = {(item["name"], item["reason"]) for item in plan.result()["possible_duplicates"]}
    assert flagged == {
        ("Tom Becker", "same phone, different name (line 2 of this file)"),
        ("Marco Costa", "same e-mail, different name (line 4 of this file)"),
        ("Sara Lind", "same e-mail, different name (line 6 of this file)"),
    }
    pairs = {
        frozenset((pair.first.name, pair.second.name)) for pair in possible_duplicates(user=owner)
    }
    assert {
        frozenset(("Priya Raman", "Tom Becker")),
        frozenset(("Elena Costa", "Marco Costa")),
        frozenset(("Jin Park", "Sara Lind")),
    } <= pairs


def test_an_import_does_not_attach_another_persons_emails(owner: Any) -> None:
    jin = person_create(owner=owner, name="Jin Park", email="platform-team@contoso.example")
    plan = import_file(owner=owner, data=_read("google_shared.csv"))
    sara = Person.objects.get(owner=owner, name="Sara Lind")
    assert sara.email == "platform-team@contoso.example"
    jin_details = set(ContactDetail.objects.filter(person=jin).values_list("value", flat=True))
    assert jin_details == {"jin.park@contoso.example"}
    assert plan.matched == {"same e-mail and name": 1}
    assert any(row.person_id == jin.pk for row in plan.rows_with("update"))


def test_the_report_counts_what_matched_and_what_was_flagged(owner: Any) -> None:
    person_create(owner=owner, name="Priya Raman", phone="+44 7700 900123")
    person_create(owner=owner, name="Elena Costa", email="costa.family@example.com")
    person_create(owner=owner, name="T. Becker", email="tom.becker@northwind.example")
    plan = import_file(owner=owner, data=_read("google_shared.csv"), dry_run=True)
    # Priya is on two lines of the file, both matched by her mobile
    assert plan.matched == {"same e-mail and name": 2, "same phone and name": 2}
    result = plan.result()
    # Tom is T. Becker (same e-mail, names agree); Marco and Sara are flagged
    assert result["flagged"] == 2
    assert {
        item["name"] for item in result["possible_duplicates"] if item["person_id"] is not None
    } == {"Marco Costa"}
    assert plan.summary()[0] == (
        "4 rows matched people you have (2 on same e-mail and name, 2 on same phone and name)."
    )


def test_a_reimport_of_the_export_keeps_people_who_share_an_email_apart(owner: Any) -> None:
    person_create(owner=owner, name="Lena Ortiz", email="office@ortiz.example")
    person_create(owner=owner, name="Pablo Ortiz", email="office@ortiz.example")
    exported = "".join(vcards_export(user=owner)).encode()
    fresh = User.objects.create_user(username="fresh")
    plan = import_file(owner=fresh, data=exported)
    assert plan.created == 2
    assert sorted(Person.objects.filter(owner=fresh).values_list("name", flat=True)) == [
        "Lena Ortiz",
        "Pablo Ortiz",
    ]
    again = import_file(owner=fresh, data=exported)
    assert (again.created, again.updated) == (0, 0)


def test_hallways_own_uid_matches_a_renamed_person(owner: Any) -> None:
    ann = person_create(owner=owner, name="Ann Lee", email="ann@contoso.example")
    exported = "".join(vcards_export(user=owner)).encode()
    person_update(person=ann, name="Ann Lee-Walker")
    plan = import_file(owner=owner, data=exported)
    assert (plan.created, plan.matched) == (0, {"same Hallway UID": 1})


def test_a_uid_from_another_installation_does_not_match_a_stranger(owner: Any) -> None:
    stranger = person_create(owner=owner, name="Someone Else")
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEMAIL:ann@contoso.example\r\n"
        f"UID:hallway-person-{stranger.pk}\r\nEND:VCARD\r\n"
    )
    plan = import_file(owner=owner, data=card.encode())
    assert plan.created == 1
    assert Person.objects.get(pk=stranger.pk).name == "Someone Else"


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("Ann Lee", "ann lee", True),
        ("Ann Lee", "Ann B. Lee", True),
        ("Ann Lee", "A. Lee", True),
        ("山田 太郎", "太郎 山田", True),
        ("Twin Person", "Twin P.", True),
        ("Elena Costa", "Marco Costa", False),
        ("Ann Lee", "Ann Walker", False),
        ("A. Lee", "B. Lee", False),
    ],
)
def test_names_agree_forgivingly_but_not_across_people(
    first: str, second: str, agree: bool
) -> None:
    assert names_agree(normalize_name(first), normalize_name(second)) is agree


def test_vanity_phone_numbers_compare_by_their_keypad_digits() -> None:
    assert phone_key("+1-800-MYFAX") == phone_key("+1 800 69329")
    assert phone_key("+1-800-MYFAX") != phone_key("+1-800-FLOWERS")


def test_a_phone_with_letters_does_not_make_every_reimport_an_update(owner: Any) -> None:
    first = import_file(owner=owner, data=_read("outlook2003.vcf"))
    assert first.created == 1
    again = import_file(owner=owner, data=_read("outlook2003.vcf"))
    assert (again.created, again.updated, again.skipped) == (0, 0, 1)
    exported = "".join(vcards_export(user=owner)).encode()
    assert (import_file(owner=owner, data=exported).updated) == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "outlook2003.vcf",
            {
                "name": "Mary Jones",
                "company": "Northwind Traders, Ltd. (Purchasing)",
                "email": "mary.jones@northwind.example",
            },
        ),
        (
            "lotus.vcf",
            {
                "name": "Otto Brandt",
                "company": "Brandt Maschinenbau GmbH",
                "email": "otto.brandt@maschinenbau.example",
            },
        ),
        (
            "android_stray_byte.vcf",
            {"name": "Ana Silva", "company": "Banco Azul", "email": "ana.silva@example.com.br"},
        ),
    ],
)
def test_one_bad_property_never_drops_the_card(
    owner: Any, name: str, expected: dict[str, str]
) -> None:
    plan = import_file(owner=owner, data=_read(name))
    assert plan.created == 1
    person = Person.objects.get(owner=owner)
    assert {key: getattr(person, key) for key in expected} == expected
    if name == "android_stray_byte.vcf":
        assert person.phone == "+55 11 91234 5678"
        assert [(error.line, error.message) for error in plan.errors] == [
            (
                7,
                "NOTE held bytes that are not text in its character set; they were replaced with �.",
            )
        ]


def test_a_property_vobject_cannot_read_is_left_out_with_a_line(owner: Any) -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kai Berg\r\nEMAIL:kai@example.org\r\n"
        b"BEGIN:VCARD\r\nEND:VCARD\r\nTITLE:CTO\r\nEND:VCARD\r\n"
    )
    parsed = parse(card)
    assert [(contact.name, contact.emails) for contact in parsed.contacts] == [
        ("Kai Berg", ["kai@example.org"])
    ]


def _starts(owner: Any) -> dict[str, dt.datetime]:
    return dict(Event.objects.filter(owner=owner).values_list("name", "starts_at"))


@pytest.mark.parametrize("defined_first", [True, False])
def test_time_zones_come_from_each_file_whatever_was_read_before(
    owner: Any, defined_first: bool
) -> None:
    files = ["calendar_defines_zone.ics", "calendar_names_undefined_zone.ics"]
    plans = {}
    for name in files if defined_first else reversed(files):
        plans[name] = import_file(owner=owner, data=_read(name))
    starts = _starts(owner)
    # 12:00 in the zone the first file defines (daylight time, UTC-4)
    assert starts["Board lunch"] == dt.datetime(2024, 6, 12, 16, 0, tzinfo=dt.UTC)
    # the second file names that zone without defining it: read in HALLWAY_TIME_ZONE (UTC)
    assert starts["CTO breakfast"] == dt.datetime(2024, 6, 13, 8, 0, tzinfo=dt.UTC)
    assert starts["Cloud day"] == dt.datetime(2024, 6, 14, 7, 0, tzinfo=dt.UTC)
    messages = [error.message for error in plans["calendar_names_undefined_zone.ics"].errors]
    assert (
        "The time zone “Custom Eastern” is neither defined in the file nor known to the system: "
        "its times were read in UTC." in messages
    )
    again = import_file(owner=owner, data=_read("calendar_names_undefined_zone.ics"))
    assert (again.created, again.updated) == (0, 0)


def test_parser_warnings_are_folded_into_the_report(owner: Any) -> None:
    # icalendar warns once per vendor TZID and process: this one appears in no other test
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{day}@example.org\r\nSUMMARY:Day {day}\r\n"
        f"DTSTART;TZID=/example.org/warning_test/Europe/Oslo:202406{day:02d}T090000\r\nEND:VEVENT\r\n"
        for day in range(1, 4)
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan = import_file(owner=owner, data=data)
    assert caught == []
    assert plan.created == 3
    folded = [error.message for error in plan.errors if "file reader warned" in error.message]
    assert len(folded) == 1
    assert "/example.org/warning_test/Europe/Oslo" in folded[0]
    assert _starts(owner)["Day 1"] == dt.datetime(2024, 6, 1, 7, 0, tzinfo=dt.UTC)
