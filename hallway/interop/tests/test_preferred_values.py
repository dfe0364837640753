"""The value a file marks as preferred becomes the person's main e-mail or phone."""

from __future__ import annotations

from typing import Any

from hallway.interop.importing import import_file
from hallway.interop.models import ContactDetail
from hallway.people.models import Person


def _extra(person: Person, kind: str) -> set[str]:
    return set(
        ContactDetail.objects.filter(person=person, kind=kind).values_list("value", flat=True)
    )


def test_google_primary_label_on_the_second_column_wins(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("google_primary_second.csv"))
    priya = Person.objects.get(owner=owner, name="Priya Raman")
    assert priya.email == "priya.raman@northwind.example"
    assert priya.phone == "+1 617 555 0199"
    assert _extra(priya, "email") == {"priya.home@example.net"}
    assert _extra(priya, "phone") == {"+1 617 555 0101"}


def test_google_primary_mark_inside_a_packed_cell_wins(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("google_primary_second.csv"))
    omar = Person.objects.get(owner=owner, name="Omar Haddad")
    assert omar.email == "omar@contoso.example"
    assert _extra(omar, "email") == {"omar@old.example"}


def test_outlook_primary_phone_is_the_main_phone(owner: Any, sample: Any) -> None:
    import_file(owner=owner, data=sample("outlook_primary_phone.csv"))
    lena = Person.objects.get(owner=owner)
    assert lena.email == "lena@fabrikam.example"
    assert lena.phone == "+46 8 555 0300"
    assert _extra(lena, "email") == {"lena.berg@home.example"}
