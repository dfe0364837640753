from __future__ import annotations

import base64
import datetime as dt
import os
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.events.models import Event
from hallway.interop.importing import import_file, import_preview
from hallway.interop.models import ContactDetail
from hallway.interop.parsers import ImportFileError
from hallway.interop.tests.test_parsers import _PIECES, SAMPLE_FILES, SAMPLES
from hallway.people.models import Note, Person
from hallway.people.services import person_create

pytestmark = pytest.mark.django_db

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_apple_vcards_import_with_every_detail(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("apple.vcf"))
    assert (plan.created, plan.updated, plan.skipped, plan.errors) == (3, 0, 0, [])
    jane = Person.objects.get(owner=owner, name="Jane Doe")
    assert jane.email == "jane@acme.example"
    assert jane.phone == "+1 (617) 555-0100"
    assert jane.company == "Acme, Inc. (IT)"
    assert jane.role == "CIO"
    assert jane.location == "Boston, MA, USA"
    assert jane.linkedin_url == "https://www.linkedin.com/in/janedoe"
    assert jane.website == "https://janedoe.example"
    assert sorted(jane.tag_names) == ["boston", "cio"]
    assert [note.text for note in jane.notes.all()] == [
        "Met at the CIO Summit; loves sailing, and\nhiking."
    ]
    extras = set(ContactDetail.objects.filter(person=jane).values_list("kind", "value"))
    assert extras == {("email", "jane.doe@home.example"), ("phone", "+1 617 555 0199")}
    assert Person.objects.filter(owner=owner, name="山田 太郎").exists()
    folded = Person.objects.get(owner=owner, name="Jürgen Müller").notes.get()
    assert folded.text.endswith("because Apple folds at seventy-five octets.")


def test_quoted_printable_android_vcard_is_decoded(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("android.vcf"))
    person = Person.objects.get(owner=owner)
    assert person.name == "René Élève Long"
    assert person.notes.get().text == "Première ligne\nDeuxième ligne"


def test_vcard4_photo_is_kept_as_the_persons_photo(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("v4.vcf"))
    person = Person.objects.get(owner=owner)
    assert person.phone == "+1-555-555-0101"
    with person.photo.open("rb") as handle:
        assert handle.read() == PNG


def test_a_photo_over_the_limit_is_left_out_with_a_message(owner: Any, monkeypatch: Any) -> None:
    from hallway.interop.parsers import vcard

    monkeypatch.setattr(vcard, "MAX_PHOTO_BYTES", 40)
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=PNG:"
        + base64.b64encode(PNG)
        + b"\r\nEND:VCARD\r\n"
    )
    plan = import_file(owner=owner, data=card)
    assert plan.created == 1
    assert "larger than the 40 bytes limit" in plan.errors[0].message
    assert not Person.objects.get(owner=owner).photo


def test_linkedin_connections_import_after_the_notes_preamble(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("linkedin.csv"))
    assert plan.format == "linkedin"
    assert plan.created == 3
    bob = Person.objects.get(owner=owner, name="Bob Stone")
    assert (bob.company, bob.role) == ("Fabrikam, Inc.", "Head of IT")
    assert bob.met_at == "Connected on LinkedIn on 2023-01-02"
    assert plan.errors[0].line if plan.errors else True


def test_google_csv_reads_multi_values_and_primary_marks(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("google.csv"))
    assert plan.format == "google"
    dana = Person.objects.get(owner=owner, name="Dana Scully")
    assert dana.email == "dana@fbi.example"
    assert set(
        ContactDetail.objects.filter(person=dana, kind="email").values_list("value", flat=True)
    ) == {
        "dana.scully@home.example",
        "dscully@old.example",
    }
    assert dana.linkedin_url == "https://www.linkedin.com/in/danascully"
    assert dana.tag_names == ["Work"]
    assert dana.notes.get().text == "Met at re:Invent"
    fox = Person.objects.get(owner=owner, name="Fox Mulder")
    assert fox.phone == "+1 202 555 0188"


def test_outlook_vcard_21_reads_the_preferred_email_first(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("outlook.vcf"))
    karen = Person.objects.get(owner=owner)
    assert (karen.email, karen.company, karen.role) == (
        "karen@adventure-works.example",
        "Adventure Works (Sales)",
        "Sales Director",
    )
    assert karen.location == "Redmond, WA, United States of America"
    assert karen.website == "http://www.adventure-works.example"


def test_the_new_google_csv_header_is_read_too(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("google_new.csv"))
    assert plan.format == "google"
    walter = Person.objects.get(owner=owner)
    assert (walter.email, walter.role, walter.linkedin_url) == (
        "walter@fbi.example",
        "Assistant Director",
        "https://linkedin.com/in/wskinner",
    )
    assert walter.tag_names == ["Colleagues"]
    assert walter.location == "935 Pennsylvania Ave NW, Washington, DC"


def test_outlook_csv_fills_story_from_hobby_and_schools(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("outlook.csv"))
    grace = Person.objects.get(owner=owner)
    assert grace.passions == "Compilers and teaching"
    assert grace.education == "Yale"
    assert grace.status == "connection"
    assert grace.location == "Arlington, VA, USA"


@pytest.mark.parametrize(
    "name",
    [
        "apple.vcf",
        "android.vcf",
        "v4.vcf",
        "linkedin.csv",
        "google.csv",
        "outlook.csv",
        "conference.ics",
    ],
)
def test_reimporting_the_same_file_creates_nothing_new(owner: Any, sample: Any, name: str) -> None:
    first = import_file(owner=owner, data=sample(name))
    counts = (
        Person.objects.count(),
        Note.objects.count(),
        Event.objects.count(),
        ContactDetail.objects.count(),
    )
    again = import_file(owner=owner, data=sample(name))
    assert (again.created, again.updated) == (0, 0)
    assert again.skipped == first.created
    assert (
        Person.objects.count(),
        Note.objects.count(),
        Event.objects.count(),
        ContactDetail.objects.count(),
    ) == counts


def test_a_known_person_only_gains_what_is_new(owner: Any, sample: Any) -> None:
    ann = person_create(
        owner=owner,
        name="Ann Lee",
        email="ANN@contoso.example",
        company="Contoso Ltd",
        story={"work": "Runs IT"},
    )
    plan = import_file(owner=owner, data=sample("linkedin.csv"))
    assert (plan.created, plan.updated) == (2, 1)
    ann.refresh_from_db()
    assert ann.company == "Contoso Ltd"  # what the user typed is never overwritten
    assert ann.role == "CTO"
    assert ann.linkedin_url == "https://www.linkedin.com/in/annlee"
    assert ann.work == "Runs IT"


def test_the_preview_lists_new_updates_duplicates_and_errors_without_writing(owner: Any) -> None:
    person_create(owner=owner, name="Known Person", email="known@example.com")
    person_create(owner=owner, name="Same Name", email="one@example.com")
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"New,Person,,new@example.com,Acme,CTO,15 Mar 2024\n"
        b"Known,Person,,known@example.com,Acme,CIO,15 Mar 2024\n"
        b"Known,Person,,KNOWN@example.com,,,15 Mar 2024\n"
        b",,,,,,\n"
        b",,,,Nameless Inc,,01 Jan 2024\n"
        b"Same,Name,,two@example.com,,,01 Jan 2024\n"
        b"Bad,Mail,,not-an-email,,,01 Jan 2024\n"
    )
    plan = import_preview(owner=owner, data=data)
    assert [row.record.name for row in plan.rows_with("create")] == [
        "New Person",
        "Same Name",
        "Bad Mail",
    ]
    assert [row.person_name for row in plan.rows_with("update")] == ["Known Person"]
    assert plan.rows_with("update")[0].changes == ["company", "role", "met_at"]
    assert len(plan.rows_with("skip")) == 1
    assert plan.rows_with("create")[1].possible_duplicate_of is not None
    assert [(error.line, error.message) for error in plan.errors] == [
        (6, "This row has no name and no e-mail address; skipped."),
        (8, "“not-an-email” is not a valid e-mail address; left out."),
    ]
    assert Person.objects.filter(owner=owner).count() == 2


def test_dry_run_writes_nothing(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("apple.vcf"), dry_run=True)
    assert plan.created == 3
    assert not Person.objects.exists()


def test_the_same_person_twice_in_one_file_becomes_one(owner: Any) -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Twin Person\nEMAIL:twin@example.com\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Twin P.\nEMAIL:twin@example.com\nTEL:+1 555 0100 200\nEND:VCARD\n"
    )
    plan = import_file(owner=owner, data=data)
    assert (plan.created, plan.skipped) == (1, 1)
    person = Person.objects.get(owner=owner)
    assert person.phone == "+1 555 0100 200"


def test_imports_only_match_the_owners_people(owner: Any, outsider: Any, sample: Any) -> None:
    person_create(owner=outsider, name="Ann Lee", email="ann@contoso.example")
    plan = import_file(owner=owner, data=sample("linkedin.csv"))
    assert plan.created == 3
    assert Person.objects.filter(owner=outsider).count() == 1


def test_calendar_events_keep_their_time_zone(owner: Any, sample: Any) -> None:
    plan = import_file(owner=owner, data=sample("conference.ics"))
    assert plan.created == 3
    dinner = Event.objects.get(owner=owner, name="Speakers dinner")
    assert dinner.starts_at == dt.datetime(2024, 6, 12, 17, 0, tzinfo=dt.UTC)
    assert dinner.ends_at == dt.datetime(2024, 6, 12, 20, 0, tzinfo=dt.UTC)
    assert dinner.location == "Le Procope, Paris"
    assert Event.objects.get(name="Expo day").starts_at == dt.datetime(2024, 6, 14, tzinfo=dt.UTC)


def test_a_file_level_error_writes_nothing(owner: Any) -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Complete\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n"
    )
    with pytest.raises(ImportFileError, match="truncated"):
        import_file(owner=owner, data=data)
    assert not Person.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(
    owner: Any, sample: Any, monkeypatch: Any
) -> None:
    from hallway.interop.importing import writing

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing, "apply_tags", broken)
    with pytest.raises(RuntimeError):
        import_file(owner=owner, data=sample("apple.vcf"))
    assert not Person.objects.exists()
    assert not Note.objects.exists()


def test_characters_no_database_can_store_are_dropped(owner: Any) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=00 Lee\r\nNOTE;ENCODING=QUOTED-PRINTABLE:=00\r\nEND:VCARD\r\n"
    plan = import_file(owner=owner, data=data)
    assert plan.created == 1
    person = Person.objects.get(owner=owner)
    assert person.name == "Ann Lee"
    assert not person.notes.exists()


def test_a_calendar_with_an_absurd_goal_still_imports(owner: Any) -> None:
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Meetup\r\nDTSTART:20240101T180000Z\r\nX-HALLWAY-GOAL:99999999999999999999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert import_file(owner=owner, data=data).created == 1
    assert Event.objects.get(owner=owner).goal_new_connections is None


class _Rollback(Exception):
    pass


@settings(
    max_examples=int(os.environ.get("HALLWAY_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=60))
def test_importing_fuzzed_files_writes_cleanly_or_refuses_clearly(
    owner: Any, pieces: list[str]
) -> None:
    data = "".join(pieces).encode("utf-8", "surrogatepass")
    try:
        with transaction.atomic():
            import_file(owner=owner, data=data)
            raise _Rollback
    except (ImportFileError, _Rollback):
        pass


@settings(
    max_examples=int(os.environ.get("HALLWAY_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(SAMPLE_FILES),
    cuts=st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 40), st.binary(max_size=8)), max_size=4
    ),
)
def test_importing_mutated_real_files_writes_cleanly_or_refuses_clearly(
    owner: Any, name: str, cuts: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray((SAMPLES / name).read_bytes())
    for position, length, insert in cuts:
        position %= max(len(data), 1)
        data[position : position + length] = insert
    try:
        with transaction.atomic():
            import_file(owner=owner, data=bytes(data))
            raise _Rollback
    except (ImportFileError, _Rollback):
        pass
