"""The real sentence model on a small set (needs the semantic extra)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.people.services import person_create, person_update
from hallway.search import selectors, semantic, services, tasks
from hallway.search.models import EmbeddingState, SearchDocument

pytestmark = [
    pytest.mark.semantic,
    pytest.mark.skipif(not semantic.is_available(), reason="needs the semantic extra"),
]


@pytest.fixture
def network(owner: Any, sailor: Any, climate_founder: Any) -> dict[str, Any]:
    baker = person_create(
        owner=owner,
        name="Hannah Weiss",
        role="Pastry chef",
        story={"passions": "Bakes sourdough bread"},
    )
    security = person_create(
        owner=owner,
        name="Ravi Patel",
        role="CISO",
        story={"work": "Leads cyber security and incident response"},
    )
    tasks.embed_people([sailor.pk, climate_founder.pk, baker.pk, security.pk])
    semantic.forget_cache()
    return {"sailor": sailor, "climate": climate_founder, "baker": baker, "security": security}


def test_a_description_finds_the_person_by_meaning(owner: Any, network: dict[str, Any]) -> None:
    results = selectors.search(user=owner, query="works on climate tech", mode="semantic", limit=4)
    assert results.hits[0].person == network["climate"]
    assert results.hits[0].matched_by == ["semantic"]


def test_meaning_finds_people_that_share_no_word_with_the_query(
    owner: Any, network: dict[str, Any]
) -> None:
    assert selectors.search(user=owner, query="climate tech", mode="keyword").hits == []
    assert (
        selectors.search(user=owner, query="boats and the water", mode="semantic", limit=1)
        .hits[0]
        .person
        == network["sailor"]
    )
    assert (
        selectors.search(user=owner, query="hackers and breaches", mode="semantic", limit=1)
        .hits[0]
        .person
        == network["security"]
    )


def test_hybrid_merges_exact_words_and_meaning(owner: Any, network: dict[str, Any]) -> None:
    by_meaning = selectors.search(user=owner, query="works on climate tech", mode="hybrid")
    assert by_meaning.mode == "hybrid"
    assert by_meaning.hits[0].person == network["climate"]
    by_name = selectors.search(user=owner, query="Hannah", mode="hybrid")
    assert by_name.hits[0].person == network["baker"]
    assert "keyword" in by_name.hits[0].matched_by


def test_a_story_change_makes_the_embedding_stale_until_the_background_step(
    owner: Any, network: dict[str, Any]
) -> None:
    baker = network["baker"]
    version = EmbeddingState.objects.get(owner=owner).version
    person_update(person=baker, story={"passions": "Restores vintage motorcycles"})
    document = SearchDocument.objects.get(person=baker)
    assert document.embedded_hash != document.semantic_hash
    assert services.stale_embedding_count(owner=owner) == 1
    assert tasks.embed_people([baker.pk]) == 1
    assert EmbeddingState.objects.get(owner=owner).version > version
    hits = selectors.search(user=owner, query="motorbikes", mode="semantic", limit=1).hits
    assert hits[0].person == baker


def test_the_cached_matrix_reloads_when_the_counter_moves(
    owner: Any, network: dict[str, Any]
) -> None:
    first = semantic.owner_matrix(owner.pk)
    assert semantic.owner_matrix(owner.pk) is first
    services.embeddings_changed(owner_id=owner.pk)
    assert semantic.owner_matrix(owner.pk) is not first


def test_other_users_never_get_the_owners_people_by_meaning(
    outsider: Any, network: dict[str, Any]
) -> None:
    outsider_person = person_create(
        owner=outsider, name="Olaf", story={"work": "Direct air capture of CO2"}
    )
    tasks.embed_people([outsider_person.pk])
    hits = selectors.search(user=outsider, query="works on climate tech", mode="semantic").hits
    assert [hit.person for hit in hits] == [outsider_person]


def test_the_api_searches_by_meaning(owner_client: Client, network: dict[str, Any]) -> None:
    body = owner_client.get(
        "/api/v1/search", {"q": "works on climate tech", "mode": "semantic"}
    ).json()
    assert body["mode"] == "semantic" and body["semantic_available"] is True
    assert body["items"][0]["person"]["id"] == network["climate"].pk


def test_a_write_queues_the_embedding_in_its_own_transaction(owner: Any) -> None:
    from django.db import transaction
    from django_q.models import OrmQ

    before = OrmQ.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        person_create(owner=owner, name="Rolled Back Rhea", story={"work": "Wind farms"})
        raise RuntimeError("the write fails after the person")
    assert OrmQ.objects.count() == before  # a rolled-back write queues nothing
    person = person_create(owner=owner, name="Queued Quinn", story={"work": "Solar farms"})
    queued = [row.task["args"] for row in OrmQ.objects.all()[before:]]
    assert ([person.pk],) in queued  # written with the person: no second write after commit
    assert SearchDocument.objects.get(person=person).embedding is None
