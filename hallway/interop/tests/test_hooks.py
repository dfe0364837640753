from __future__ import annotations

from typing import Any

import pytest

from hallway.interop.backup import backup_create, backup_dumps, backup_loads, backup_restore
from hallway.interop.importing import import_file
from hallway.lib import hooks
from hallway.people.models import Person


def test_a_bulk_listener_stands_in_for_the_per_person_listener_it_replaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []

    def one(person: Any) -> None:
        calls.append(("one", person))

    def other(person: Any) -> None:
        calls.append(("other", person))

    def many(people: list[Any]) -> None:
        calls.append(("many", tuple(people)))

    monkeypatch.setattr(hooks, "_person_listeners", [one, other])
    monkeypatch.setattr(hooks, "_people_listeners", [])
    hooks.on_people_changed(many, replaces=one)
    hooks.on_people_changed(many, replaces=one)
    hooks.people_changed(["a", "b"])
    assert calls == [("many", ("a", "b")), ("other", "a"), ("other", "b")]
    hooks.people_changed([])
    assert len(calls) == 3


@pytest.mark.django_db
def test_imported_people_are_in_the_search_index_at_once(owner: Any, sample: Any) -> None:
    from hallway.search.models import SearchDocument

    import_file(owner=owner, data=sample("linkedin.csv"))
    documents = SearchDocument.objects.filter(owner=owner)
    assert sorted(documents.values_list("name", flat=True)) == [
        "Ann Lee",
        "Bob Stone",
        "Chloé Dubois",
    ]
    assert "Fabrikam, Inc." in documents.get(name="Bob Stone").headline


@pytest.mark.django_db(transaction=True)
def test_restored_people_are_in_the_search_index(owner: Any, sample: Any) -> None:
    from django.contrib.auth.models import User

    from hallway.search.models import SearchDocument

    import_file(owner=owner, data=sample("apple.vcf"))
    text = backup_dumps(backup_create())
    User.objects.all().delete()
    assert not SearchDocument.objects.exists()
    backup_restore(backup=backup_loads(text))
    assert SearchDocument.objects.count() == Person.objects.count() == 3


def test_run_last_listeners_run_after_those_registered_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []

    def locking(person: Any) -> None:
        calls.append(("locking", person))

    def locking_many(people: list[Any]) -> None:
        calls.append(("locking many", tuple(people)))

    def later(person: Any) -> None:
        calls.append(("later", person))

    def later_many(people: list[Any]) -> None:
        calls.append(("later many", tuple(people)))

    def unreplaced(person: Any) -> None:
        calls.append(("unreplaced", person))

    monkeypatch.setattr(hooks, "_person_listeners", [])
    monkeypatch.setattr(hooks, "_people_listeners", [])
    monkeypatch.setattr(hooks, "_run_last", set())
    hooks.on_person_changed(locking, run_last=True)
    hooks.on_people_changed(locking_many, replaces=locking, run_last=True)
    hooks.on_person_changed(later)
    hooks.on_people_changed(later_many, replaces=later)
    hooks.on_person_changed(unreplaced)
    hooks.person_changed("a")
    assert calls == [("later", "a"), ("unreplaced", "a"), ("locking", "a")]
    calls.clear()
    hooks.people_changed(["a", "b"])
    assert calls == [
        ("later many", ("a", "b")),
        ("unreplaced", "a"),
        ("unreplaced", "b"),
        ("locking many", ("a", "b")),
    ]
