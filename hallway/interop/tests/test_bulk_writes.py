"""The fast paths of a large import keep the slow paths' answers: e-mail checks, ids, index."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.interop.importing import import_file
from hallway.interop.importing.cleaning import _valid_email
from hallway.people.models import Person
from hallway.people.services import person_create
from hallway.search.models import NameTerm, SearchDocument
from hallway.sync.models import CardChange

TRICKY_EMAILS = [
    "ann@example.com",
    "ann.lee+crm@mail.example.co.uk",
    "ann@localhost",
    "ann@[127.0.0.1]",
    "ann@[IPv6:::1]",
    "ann@[999.1.1.1]",
    '"ann lee"@example.com',
    "ann@@example.com",
    "ann@example",
    "ann@-example.com",
    "ann@exa_mple.com",
    "ann@bücher.example",
    "ännä@example.com",
    "ann@example.com.",
    "ann.@example.com",
    ".ann@example.com",
    "ann@" + "a" * 64 + ".com",
    "a" * 310 + "@example.com",
    "ann@example.c",
    "ann@123.example",
    "ann lee@example.com",
    "",
    "@",
    "ann@",
]


def _django_says(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("value", TRICKY_EMAILS)
def test_the_import_e_mail_check_agrees_with_djangos_validator(value: str) -> None:
    assert _valid_email(value) == _django_says(value)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet='ab.+-_"@[]:1 ü', max_size=12),
    st.sampled_from(["example.com", "localhost", "[127.0.0.1]", "b.c", "x", "ü.de", ""]),
)
def test_the_import_e_mail_check_agrees_with_djangos_validator_on_generated_addresses(
    user: str, domain: str
) -> None:
    value = f"{user}@{domain}"
    assert _valid_email(value) == _django_says(value)


@pytest.mark.django_db
def test_imported_people_never_reuse_the_id_of_a_deleted_person(owner: Any) -> None:
    first = person_create(owner=owner, name="Ann Lee")
    gone = person_create(owner=owner, name="Bob Stone")
    gone_id = gone.pk
    gone.delete()

    import_file(owner=owner, data=b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chloe Dubois\r\nEND:VCARD\r\n")

    chloe = Person.objects.get(owner=owner, name="Chloe Dubois")
    assert chloe.pk > gone_id > first.pk


@pytest.mark.django_db
def test_a_large_import_indexes_and_marks_every_new_person_once(owner: Any) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Ann,Lee {index},https://www.linkedin.com/in/ann-{index},ann{index}@example.com,"
        f"Contoso,CTO,01 Mar 2024"
        for index in range(1200)
    ]
    plan = import_file(owner=owner, data=("\n".join(lines) + "\n").encode())

    ids = set(Person.objects.filter(owner=owner).values_list("pk", flat=True))
    assert plan.created == len(ids) == 1200
    assert (
        set(SearchDocument.objects.filter(owner=owner).values_list("person_id", flat=True)) == ids
    )
    assert set(CardChange.objects.filter(owner=owner).values_list("person_id", flat=True)) == ids
    terms = set(NameTerm.objects.filter(owner=owner, variant="1199").values_list("term", flat=True))
    assert terms == {"1199"}
    again = import_file(owner=owner, data=("\n".join(lines) + "\n").encode())
    assert (again.created, again.updated, again.skipped) == (0, 0, 1200)


@pytest.mark.django_db
def test_the_people_an_import_hands_to_the_change_hooks_are_the_saved_rows(
    owner: Any, monkeypatch: Any
) -> None:
    from hallway.lib import hooks

    handed: list[Any] = []
    original = hooks.people_changed

    def listen(people: list[Any]) -> None:
        handed.extend(people)
        original(people)

    monkeypatch.setattr(hooks, "people_changed", listen)
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ōkubo\r\nORG:Wingtip\r\nTITLE:CISO\r\n"
        "EMAIL:zoe@example.com\r\nTEL:+81 3 5555 0100\r\nBDAY:--04-12\r\n"
        "X-HALLWAY-PASSIONS:sailing\r\nEND:VCARD\r\n"
    )
    import_file(owner=owner, data=card.encode())

    (person,) = handed
    saved = Person.objects.get(pk=person.pk)
    assert person._state.adding is False and person._state.db == saved._state.db
    for field in Person._meta.concrete_fields:
        assert getattr(person, field.attname) == getattr(saved, field.attname), field.name
    assert person.owner == owner and person.passions == "sailing"


def _sync_rows(owner: Any) -> list[tuple[Any, ...]]:
    return sorted(
        CardChange.objects.filter(owner=owner).values_list("person_id", "revision", "deleted")
    )


@pytest.mark.django_db
def test_the_drivers_own_placeholders_write_what_djangos_cursor_writes(owner: Any) -> None:
    """rows_insert binds the driver's way (sqlite3's ?, psycopg's binary arrays) unless
    someone records queries; both ways give the same rows, and errors are Django's."""
    from django.db import IntegrityError, connection, transaction
    from django.test.utils import CaptureQueriesContext

    from hallway.lib.bulk_sql import model_rows_insert

    columns = ("owner_id", "person_id", "revision", "deleted", "href")
    rows = [(owner.pk, 10_000 + index, index, index % 2 == 0, "") for index in range(3000)]
    with transaction.atomic():
        model_rows_insert(CardChange, columns, rows)
    raw = _sync_rows(owner)
    CardChange.objects.filter(owner=owner).delete()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        model_rows_insert(CardChange, columns, rows)
    assert queries.captured_queries  # Django's cursor saw (and logged) the inserts
    assert _sync_rows(owner) == raw == [(r[1], r[2], r[3]) for r in rows]
    with pytest.raises(IntegrityError), transaction.atomic():
        model_rows_insert(CardChange, columns, rows[:1])  # person_id is unique


@pytest.mark.django_db
def test_an_import_leaves_the_cycle_collector_as_it_found_it(owner: Any) -> None:
    import gc

    from hallway.interop.parsers import ImportFileError

    assert gc.isenabled()
    import_file(owner=owner, data=b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        import_file(owner=owner, data=b"not a contacts file")
    assert gc.isenabled()
    gc.disable()
    try:
        import_file(owner=owner, data=b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEND:VCARD\r\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
