"""Hybrid keeps strong keyword hits, and misspelt story words are corrected from the owner's
own words ("Did you mean sailing?")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hallway.accounts.services import token_create
from hallway.people.models import Person
from hallway.people.services import person_create
from hallway.search import keyword, selectors, semantic, tasks
from hallway.search.models import StoryTerm


@pytest.fixture
def mentors(owner: Any) -> list[Any]:
    return [
        person_create(
            owner=owner, name=f"Mentor {index}", story={"drivers": "Mentoring young engineers"}
        )
        for index in range(2)
    ]


# --- Hybrid: any-word matches behind the strict ones ---------------------------------------


def test_keyword_mode_stays_strict(owner: Any, mentors: list[Any]) -> None:
    assert (
        selectors.search(user=owner, query="people who care about mentoring", mode="keyword").hits
        == []
    )


@pytest.mark.semantic
@pytest.mark.skipif(not semantic.is_available(), reason="needs the semantic extra")
def test_hybrid_finds_the_people_whose_story_says_one_rare_word(
    owner: Any, mentors: list[Any], sailor: Any, climate_founder: Any
) -> None:
    tasks.embed_people([person.pk for person in [*mentors, sailor, climate_founder]])
    semantic.forget_cache()
    results = selectors.search(user=owner, query="people who care about mentoring", mode="hybrid")
    found = [hit.person for hit in results.hits]
    assert set(found[:2]) == set(mentors)
    assert all("<mark>Mentoring</mark>" in hit.snippet for hit in results.hits[:2])


def test_rarer_words_rank_first_among_partial_matches(owner: Any) -> None:
    common = [
        person_create(owner=owner, name=f"Engineer {index}", story={"work": "Engineering lead"})
        for index in range(3)
    ]
    rare = person_create(owner=owner, name="Rare One", story={"passions": "Plays the theremin"})
    matches, _parsed = keyword.search(owner.pk, "engineering theremin", 10, any_words=True)
    assert [match.person_id for match in matches][0] == rare.pk
    assert {match.person_id for match in matches} == {rare.pk, *(p.pk for p in common)}
    assert not any(match.strict for match in matches)


def test_strict_keyword_hits_outweigh_the_meaning_list() -> None:
    def hit(pk: int, strict: bool, source: str) -> selectors.SearchHit:
        return selectors.SearchHit(
            person=Person(pk=pk, name=f"P{pk}"),
            score=0.0,
            snippet="",
            name_html="",
            matched_by=[source],
            strict=strict,
        )

    # Person 1 is the top strict keyword hit; person 2 tops the meaning list only.
    fused = selectors._fuse([hit(1, True, "keyword")], [hit(2, False, "semantic")], 10)
    assert [h.person.pk for h in fused] == [1, 2]
    loose = selectors._fuse([hit(2, False, "keyword")], [hit(1, False, "semantic")], 10)
    assert [h.person.pk for h in loose] == [1, 2]  # equal weights: the name decides


def test_a_meaning_match_shows_the_facet_that_shares_the_query_words(owner: Any) -> None:
    person = person_create(
        owner=owner,
        name="Ana Boat",
        story={"work": "Runs the payments team", "passions": "Sails a small boat on weekends"},
    )
    snippet = selectors._semantic_snippet(person, "the CTO who loves boats")
    assert snippet == "Sails a small <mark>boat</mark> on weekends"
    assert selectors._semantic_snippet(person, "zzz") == "Runs the payments team"


# --- Typos in story words ------------------------------------------------------------------


def test_a_misspelt_story_word_finds_the_person_and_suggests_the_word(
    owner: Any, sailor: Any, climate_founder: Any
) -> None:
    person_create(owner=owner, name="Sam Sailor", story={"passions": "Sails a small boat"})
    results = selectors.search(user=owner, query="saling", mode="keyword")
    assert {hit.person.name for hit in results.hits} == {"Margaret Okonkwo", "Sam Sailor"}
    assert results.corrections == {"saling": ["sailing"]}
    assert results.suggestion == "sailing"
    assert "Did you mean “sailing”?" in results.notice
    assert results.name_corrections == {}


def test_the_suggestion_comes_only_from_the_users_own_words(owner: Any, outsider: Any) -> None:
    person_create(owner=outsider, name="Other", story={"passions": "Theremin concerts"})
    results = selectors.search(user=owner, query="theramin", mode="keyword")
    assert results.hits == [] and results.corrections == {} and results.suggestion == ""
    assert not StoryTerm.objects.filter(owner=owner, term="theremin").exists()


def test_the_search_page_and_the_api_say_did_you_mean(
    owner: Any, owner_client: Client, sailor: Any, no_semantic: None
) -> None:
    page = owner_client.get("/search/", {"q": "saling"})
    assert "Did you mean “sailing”?" in page.content.decode()
    assert "Showing names close to" not in page.content.decode()
    api = Client()
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_create(user=owner, name='t')[1]}"
    body = api.get("/api/v1/search", {"q": "saling", "mode": "keyword"}).json()
    assert body["corrections"] == {"saling": ["sailing"]}
    assert [item["person"]["name"] for item in body["items"]] == ["Margaret Okonkwo"]
    assert "Did you mean “sailing”?" in body["notice"]


def test_the_cli_says_did_you_mean(owner: Any, sailor: Any) -> None:
    from typer.testing import CliRunner

    from hallway.cli import app

    result = CliRunner().invoke(
        app, ["search", "saling", "--mode", "keyword", "--user", owner.username]
    )
    assert result.exit_code == 0, result.output
    assert "Did you mean “sailing”?" in result.output
    assert "Margaret Okonkwo" in result.output
