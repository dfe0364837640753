from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from hallway.conversations.services import conversation_log
from hallway.people.services import note_add, note_delete, person_delete, person_update
from hallway.search import keyword
from hallway.search.models import SearchDocument
from hallway.search.services import documents_rebuild


def _found(owner: Any, query: str) -> list[int]:
    matches, _parsed = keyword.search(owner.pk, query, 20)
    return [match.person_id for match in matches]


def test_creating_a_person_indexes_name_company_role_location_tags_and_story(
    owner: Any, sailor: Any
) -> None:
    document = SearchDocument.objects.get(person=sailor)
    assert document.owner_id == owner.pk
    for query in ("Okonkwo", "Northwind", "CTO", "Columbus", "sailing-club", "Erie", "platform"):
        assert _found(owner, query) == [sailor.pk], query


def test_a_note_is_searchable_as_soon_as_it_is_added_and_gone_when_deleted(
    owner: Any, sailor: Any
) -> None:
    note = note_add(person=sailor, text="Training for the Boston marathon")
    assert _found(owner, "marathon") == [sailor.pk]
    note_delete(note=note)
    assert _found(owner, "marathon") == []


def test_conversation_notes_and_what_was_learned_are_searchable(owner: Any, sailor: Any) -> None:
    conversation_log(
        owner=owner,
        person=sailor,
        notes="Talked about kubernetes migrations",
        learned={"origin": "Grew up in Lagos"},
    )
    assert _found(owner, "kubernetes") == [sailor.pk]
    assert _found(owner, "Lagos") == [sailor.pk]


def test_editing_a_person_replaces_the_old_words(owner: Any, sailor: Any) -> None:
    person_update(person=sailor, company="Contoso")
    assert _found(owner, "Contoso") == [sailor.pk]
    assert _found(owner, "Northwind") == []


def test_deleting_a_person_removes_them_from_the_index(owner: Any, sailor: Any) -> None:
    person_id = sailor.pk
    person_delete(person=sailor)
    assert not SearchDocument.objects.filter(person_id=person_id).exists()
    assert _found(owner, "Okonkwo") == []


def test_a_failed_write_leaves_the_index_as_it_was(owner: Any, sailor: Any) -> None:
    with pytest.raises(ValidationError):
        # The name is validated after the company is set: the whole update rolls back.
        person_update(person=sailor, company="Contoso", name="   ")
    assert _found(owner, "Northwind") == [sailor.pk]
    assert _found(owner, "Contoso") == []


def test_rebuilding_the_index_restores_a_lost_document(owner: Any, sailor: Any) -> None:
    SearchDocument.objects.filter(person=sailor).delete()
    assert _found(owner, "Okonkwo") == []
    assert documents_rebuild(owner=owner) == 1
    assert _found(owner, "Okonkwo") == [sailor.pk]


def test_the_full_text_index_lives_in_the_engine(sailor: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument WHERE document @@ to_tsquery('hallway_search', 'sail')"
            )
        else:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'sail'")
        assert cursor.fetchone()[0] == 1


def test_the_bulk_refresh_writes_the_same_document_and_name_terms_as_a_single_refresh(
    owner: Any, sailor: Any
) -> None:
    from hallway.people.models import Person
    from hallway.search.models import NameTerm
    from hallway.search.services import document_refresh, documents_refresh_many

    note_add(person=sailor, text="Training for the Boston marathon")
    conversation_log(
        owner=owner, person=sailor, notes="Talked about kubernetes", learned={"origin": "Lagos"}
    )
    sailor = Person.objects.get(pk=sailor.pk)
    document_refresh(sailor)
    columns = ("name", "headline", "tags", "story", "notes", "semantic_hash")
    single = SearchDocument.objects.filter(person=sailor).values(*columns).get()
    terms = set(NameTerm.objects.filter(owner=owner).values_list("term", "variant"))
    SearchDocument.objects.filter(person=sailor).delete()
    NameTerm.objects.filter(owner=owner).delete()

    documents_refresh_many([sailor])

    assert SearchDocument.objects.filter(person=sailor).values(*columns).get() == single
    assert set(NameTerm.objects.filter(owner=owner).values_list("term", "variant")) == terms
    assert _found(owner, "kubernetes") == [sailor.pk]
    assert _found(owner, "Lagos") == [sailor.pk]
