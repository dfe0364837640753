"""Issue 19: files that real producers write — events without UID, escaped vCard values, names
behind quoted-printable and charsets — and a report that says what was skipped and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pytest

from hallway.events.models import Event
from hallway.events.services import event_update
from hallway.interop.exporting import calendar_export, vcards_export
from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.interop.tests.network import build_network
from hallway.interop.tests.test_parsers import SAMPLE_FILES
from hallway.people.models import Note, Person

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def _read(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def _counts() -> tuple[int, int, int, int]:
    return (
        Person.objects.count(),
        Note.objects.count(),
        Event.objects.count(),
        ContactDetail.objects.count(),
    )


def test_events_without_uid_are_found_again_by_summary_start_and_location(owner: Any) -> None:
    first = import_file(owner=owner, data=_read("meetup_no_uid.ics"))
    assert first.created == 3  # the roundtable happens in two rooms at once: two events
    rooms = sorted(
        Event.objects.filter(name="Breakfast roundtable").values_list("location", flat=True)
    )
    assert rooms == ["Room Limmat", "Room Sihl"]
    again = import_file(owner=owner, data=_read("meetup_no_uid.ics"))
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)
    assert Event.objects.count() == 3
    assert {item.reason for item in again.skipped_items} == {
        "already known, nothing new (same summary, start and location)"
    }


def test_the_exported_event_uid_is_stable_and_matches_a_renamed_event(owner: Any) -> None:
    network = build_network(owner)
    uids = [
        [
            str(c["UID"])
            for c in icalendar.Calendar.from_ical(calendar_export(user=owner)).walk("VEVENT")
        ]
        for _ in range(2)
    ]
    assert uids[0] == uids[1]
    exported = calendar_export(user=owner)
    event_update(event=network["summit"], name="CIO Summit Paris")
    plan = import_file(owner=owner, data=exported)
    assert (plan.created, plan.updated) == (0, 0)
    assert [item.reason for item in plan.skipped_items] == [
        "already known, nothing new (same Hallway UID)",
        "a follow-up reminder from a Hallway export, not an event",
        "a follow-up reminder from a Hallway export, not an event",
    ]


def test_escaped_vcard3_values_are_unescaped_before_they_are_checked(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("gmail_escaped.vcf"))
    assert (plan.created, plan.errors) == (1, [])
    wei = Person.objects.get(owner=owner)
    assert wei.website == "http://www.weizhang.example/"
    assert wei.linkedin_url == "https://www.linkedin.com/in/wei-zhang-k8s"
    links = set(
        ContactDetail.objects.filter(person=wei, kind="url").values_list("value", flat=True)
    )
    assert "https://blog.weizhang.example/posts?tag=k8s,cloud" in links
    assert (wei.company, wei.role) == (
        "Fabrikam, Inc. (Cloud Platform)",
        "VP Engineering; Platform",
    )
    assert wei.notes.get().text == (
        "Met at KubeCon: likes bouldering, jazz; has two kids.\nAsk about the Lisbon offsite."
    )
    assert "Cloud, Platform" in wei.tag_names


def test_uris_are_exported_unescaped_and_text_escaped(owner: Any) -> None:
    import_file(owner=owner, data=_read("gmail_escaped.vcf"))
    for version in ("3.0", "4.0"):
        exported = "".join(vcards_export(user=owner, version=version)).replace("\r\n ", "")
        # the link keeps its kind (Apple's home-page label) as TYPE
        assert (
            "URL;TYPE=home page:https://blog.weizhang.example/posts?tag=k8s,cloud\r\n" in exported
        )
        assert "URL:http://www.weizhang.example/\r\n" in exported
        assert "TITLE:VP Engineering\\; Platform\r\n" in exported
        assert "ORG:Fabrikam\\, Inc. (Cloud Platform)\r\n" in exported


def test_quoted_printable_names_emails_and_phones_are_decoded_per_property(owner: Any) -> None:
    plan = import_file(owner=owner, data=_read("android_qp.vcf"))
    assert plan.created == 3
    bjorn = Person.objects.get(owner=owner, email="bjorn.lofgren@smaland-logistik.example")
    # FN is empty: the name is built from N
    assert (bjorn.name, bjorn.company, bjorn.phone) == (
        "Björn Löfgren",
        "Småland Logistik AB",
        "+46 70 123 45 67",
    )
    assert bjorn.notes.get().text == "Träffade på mässan i Göteborg.\nVill ha en demo."
    ana = Person.objects.get(owner=owner, email="ana.simunovic@example.hr")
    assert (ana.name, ana.phone) == ("Šimunović Ana", "+385 1 555 0199")
    # a name garbled by its producer is imported as it is, with a line in the report
    assert Person.objects.filter(owner=owner, name="RenÃ© Dupont").exists()
    assert [error.message for error in plan.errors] == [
        "The name “RenÃ© Dupont” looks garbled (a wrong character set in the file?); it was "
        "imported as it is: check it."
    ]


def test_a_csv_row_without_a_name_says_how_it_was_named(owner: Any) -> None:
    data = b"First Name,Last Name,E-mail Address\n,,kim.ode@example.org\n"
    plan = import_file(owner=owner, data=data)
    assert Person.objects.get(owner=owner).name == "kim.ode"
    assert [error.message for error in plan.errors] == [
        "This row has no name: the person is named “kim.ode” after the e-mail address."
    ]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_reimporting_any_sample_changes_nothing_and_says_why(owner: Any, name: str) -> None:
    first = import_file(owner=owner, data=_read(name))
    counts = _counts()
    again = import_file(owner=owner, data=_read(name))
    assert (again.created, again.updated) == (0, 0)
    assert _counts() == counts
    assert len(again.skipped_items) >= again.skipped > 0 or first.created == 0
    assert all(item.reason for item in again.skipped_items)


@pytest.mark.parametrize("kind", ["vcard 3.0", "vcard 4.0", "ics"])
def test_reimporting_any_export_changes_nothing(owner: Any, kind: str) -> None:
    build_network(owner)
    for name in SAMPLE_FILES:
        import_file(owner=owner, data=_read(name))
    if kind == "ics":
        exported = calendar_export(user=owner)
    else:
        exported = "".join(vcards_export(user=owner, version=kind.split()[1])).encode()
    counts = _counts()
    plan = import_file(owner=owner, data=exported)
    assert (plan.created, plan.updated) == (0, 0), [row.changes for row in plan.rows_with("update")]
    assert _counts() == counts


def test_an_android_card_with_every_field_reimports_as_nothing_new(owner: Any) -> None:
    first = import_file(owner=owner, data=_read("android_full.vcf"))
    assert (first.created, first.errors) == (1, [])
    camila = Person.objects.get(owner=owner)
    assert (camila.name, camila.birthday, camila.anniversary, camila.company) == (
        "Dr. Camila Beatriz Oliveira",
        "1984-07-19",
        "2010-10-02",
        "Nuvem Sistemas S.A. (Engenharia)",
    )
    assert camila.photo
    for data in (
        _read("android_full.vcf"),
        "".join(vcards_export(user=owner, version="3.0")).encode(),
    ):
        again = import_file(owner=owner, data=data)
        assert (again.created, again.updated, again.skipped) == (0, 0, 1)
