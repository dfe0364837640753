"""Issue 16: contacts and calendars that did not come through — other CSV shapes, legacy
encodings, calendars detected by content, recurring events, oversized photos."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import time_machine

from hallway.events.models import Event
from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import parse
from hallway.people.models import Person

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def _read(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def _people(owner: Any) -> dict[str, tuple[str, str, str, str]]:
    return {
        person.name: (person.email, person.phone, person.company, person.role)
        for person in Person.objects.filter(owner=owner)
    }


def test_outlook_on_the_web_with_one_name_column(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("outlook_web.csv"))
    assert (plan.format, plan.created) == ("outlook", 2)
    assert _people(owner) == {
        "Chidi Okonkwo": (
            "chidi.okonkwo@tailspin.example",
            "+234 1 555 0100",
            "Tailspin Toys",
            "CIO",
        ),
        "Mei Tanaka": ("mei.tanaka@wingtip.example", "+81 90 5555 0123", "Wingtip", "Head of Data"),
    }


def test_a_csv_of_email_addresses_only(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("emails_only.csv"))
    assert plan.created == 2
    hana = Person.objects.get(owner=owner, email="hana.kim@contoso.example")
    assert hana.name == "hana.kim"
    assert ContactDetail.objects.get(person=hana).value == "hana@kim-family.example"


def test_roundcube_csv(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("roundcube.csv"))
    assert plan.created == 2
    lars = Person.objects.get(owner=owner, name="Lars Eriksen")
    assert (lars.email, lars.phone, lars.company, lars.role, lars.website) == (
        "lars.eriksen@fjord-it.example",
        "+47 22 55 50 10",
        "Fjord IT",
        "CTO",
        "https://fjord-it.example",
    )
    assert Person.objects.get(owner=owner, name="Ines Duarte").phone == "+351 912 345 678"


def test_the_header_detector_takes_a_bom_semicolons_and_quotes(owner: Any) -> None:
    import_file(owner=owner, data=_read("outlook_semicolon.csv"))
    assert _people(owner) == {
        "Jörg Weiß": ("joerg.weiss@example.de", "", "Stadtwerke Süd", "Leiter IT")
    }


def test_utf16_without_a_byte_order_mark_is_detected(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("outlook_utf16_no_bom.csv"))
    assert sorted(_people(owner)) == ["Aiko Sato", "Émile Brun"]
    assert plan.errors == []


def test_the_bat_vcard_in_windows_1251_keeps_everything(owner: Any) -> None:
    import_file(owner=owner, data=_read("thebat.vcf"))
    assert _people(owner) == {
        "Пётр Иванов": (
            "p.ivanov@romashka.example",
            "+7 495 555-01-23",
            "ООО Ромашка",
            "ИТ-директор",
        )
    }


def test_a_shift_jis_property_is_decoded_by_its_charset() -> None:
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:山田;太郎\r\nFN;CHARSET=SHIFT_JIS:山田 太郎\r\nTEL;CELL:090-1234-5678\r\nEND:VCARD\r\n"
    assert [c.name for c in parse(card.encode("shift_jis")).contacts] == ["山田 太郎"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bare_vevent.ics",
            {"Security leaders roundtable": dt.datetime(2024, 4, 18, 16, 30, tzinfo=dt.UTC)},
        ),
        (
            "two_calendars.ics",
            {
                # floating time in the first calendar's X-WR-TIMEZONE (Lisbon, UTC+0 in November)
                "Opening keynote": dt.datetime(2024, 11, 5, 9, 30, tzinfo=dt.UTC),
                "Speakers dinner": dt.datetime(2024, 11, 13, 1, 0, tzinfo=dt.UTC),
            },
        ),
    ],
)
def test_calendars_are_detected_by_content(
    owner: Any, name: str, expected: dict[str, dt.datetime]
) -> None:
    plan = import_file(owner=owner, data=_read(name))
    assert plan.format == "ics"
    assert dict(Event.objects.filter(owner=owner).values_list("name", "starts_at")) == expected


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_an_excluded_date_is_read_in_its_own_zone_whatever_was_read_before(owner: Any) -> None:
    # A file that defines the same TZID with other offsets, read first in the same process:
    # icalendar remembers zones by name, so the EXDATE of the next file came back an hour off
    # (11:00 UTC read as 12:00 UTC) and the cancelled lunch was imported (a flaky suite).
    other = _read("recurring.ics").replace(b"TZOFFSETTO:+0100", b"TZOFFSETTO:+0000")
    other = other.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0000").replace(
        b"cto-lunch@exchange.example", b"other@example"
    )
    parse(other, "ics")
    import_file(owner=owner, data=_read("recurring.ics"))
    lunches = set(
        Event.objects.filter(owner=owner, name="CTO lunch").values_list("starts_at", flat=True)
    )
    assert dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC) in lunches
    assert dt.datetime(2026, 1, 12, 11, 0, tzinfo=dt.UTC) not in lunches


@time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_recurring_events_become_their_occurrences(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("recurring.ics"))
    lunches = list(
        Event.objects.filter(owner=owner, name="CTO lunch")
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    )
    # weekly on Mondays from 2026-01-05 (12:00 Amsterdam) up to 180 days after today,
    # without the cancelled 12 January and the 19th, which moved to Tuesday
    assert lunches[0] == dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC)
    assert dt.datetime(2026, 1, 12, 11, 0, tzinfo=dt.UTC) not in lunches
    assert dt.datetime(2026, 1, 19, 11, 0, tzinfo=dt.UTC) not in lunches
    assert lunches[-1] == dt.datetime(2026, 7, 27, 10, 0, tzinfo=dt.UTC)  # summer time
    moved = Event.objects.get(owner=owner, name="CTO lunch (moved to Tuesday)")
    assert moved.starts_at == dt.datetime(2026, 1, 20, 11, 0, tzinfo=dt.UTC)
    summit = Event.objects.filter(owner=owner, name="Cloud summit").order_by("starts_at")
    assert [event.starts_at.date() for event in summit] == [
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 12),
    ]
    messages = [error.message for error in plan.errors]
    assert (
        f"“CTO lunch” repeats: imported as {len(lunches)} separate events, 2026-01-05 to "
        "2026-07-27; only those from 2025-11-03 to 2026-07-31 (at most 100) are imported."
        in messages
    )
    again = import_file(owner=owner, data=_read("recurring.ics"))
    assert (again.created, again.updated) == (0, 0)


def test_a_photo_with_too_many_pixels_is_dropped_and_the_person_kept(owner: Any) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (9000, 5000)).save(buffer, "PNG")  # 45 megapixels in a few kilobytes
    photo = base64.b64encode(buffer.getvalue())
    assert len(buffer.getvalue()) < 100_000
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bomb Photo\r\nEMAIL:bomb@example.org\r\n"
        b"PHOTO;ENCODING=b;TYPE=PNG:" + photo + b"\r\nEND:VCARD\r\n"
    )
    plan = import_file(owner=owner, data=card)
    person = Person.objects.get(owner=owner)
    assert (person.name, bool(person.photo)) == ("Bomb Photo", False)
    assert [error.message for error in plan.errors] == [
        "The photo has too many pixels (45 megapixels); photos are limited to 40 megapixels, "
        "like card scans. It was left out; the person was imported."
    ]


def test_a_csv_with_roundcubes_own_column_labels(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("roundcube_labels.csv"))

    assert (plan.format, plan.created, plan.errors) == ("outlook", 3, [])
    sofie = Person.objects.get(owner=owner, name="Sofie Vermeulen")
    assert (sofie.email, sofie.phone, sofie.company, sofie.role, sofie.location) == (
        "sofie@vermeulen-thuis.example",
        "+32 475 55 01 20",  # the mobile comes first, as in every Outlook-shaped file
        "Havenbedrijf Antwerpen",
        "CIO",
        "Antwerpen, Belgium",
    )
    assert (sofie.birthday, sofie.anniversary) == ("1979-11-03", "2006-06-17")
    assert sofie.website == "https://sofie.example"
    assert sofie.linkedin_url == "https://www.linkedin.com/in/sofievermeulen"
    assert sorted(sofie.tag_names) == ["board", "conference"]
    assert [note.text for note in sofie.notes.all()] == [
        "Met at the Antwerp CIO breakfast; runs the port's data platform."
    ]
    extras = set(ContactDetail.objects.filter(person=sofie).values_list("kind", "value", "label"))
    assert extras == {
        ("email", "s.vermeulen@havenbedrijf.example", ""),
        ("phone", "+32 3 555 01 20", ""),
        ("phone", "+32 3 555 09 00", ""),
        ("url", "https://havenbedrijf.example/team/sofie", "work"),
        ("url", "https://sofie.example/blog", "blog"),
        ("url", "https://mastodon.example/@sofie", "other"),
    }
    hiro = Person.objects.get(owner=owner, name="Hiro Tanaka")
    assert (hiro.email, hiro.birthday, hiro.location) == (
        "hiro.tanaka@shinkansen-it.example",
        "--07-21",
        "Tokyo, Japan",
    )
    assert Person.objects.get(owner=owner, email="mo.haddad@example.org").name == "mo"


def test_roundcubes_labels_are_found_by_the_header_detector_alone(owner: Any) -> None:
    data = b"Email Work,Display Name\r\nana@contoso.example,Ana Lima\r\n"
    plan = import_file(owner=owner, data=data)
    assert (plan.format, plan.created) == ("outlook", 1)
    assert Person.objects.get(owner=owner).email == "ana@contoso.example"
