from __future__ import annotations

from typing import Any

import pytest

from hallway.people.services import person_create
from hallway.search import keyword, selectors


def _search(owner: Any, query: str, **options: Any) -> selectors.SearchResults:
    return selectors.search(user=owner, query=query, mode="keyword", **options)


def test_a_word_stem_finds_the_longer_word(owner: Any, sailor: Any) -> None:
    assert [hit.person for hit in _search(owner, "sail").hits] == [sailor]


def test_the_start_of_a_word_finds_the_word_as_you_type(owner: Any, sailor: Any) -> None:
    assert [hit.person for hit in _search(owner, "Okon").hits] == [sailor]
    assert [hit.person for hit in _search(owner, "northw").hits] == [sailor]


def test_all_words_must_match_and_stop_words_are_ignored(
    owner: Any, sailor: Any, climate_founder: Any
) -> None:
    assert [hit.person for hit in _search(owner, "the CTO from Ohio who sails").hits] == [sailor]
    assert _search(owner, "CTO carbon").hits == []


def test_a_misspelt_name_still_finds_the_person(owner: Any, sailor: Any) -> None:
    results = _search(owner, "Margret Okonkow")
    assert [hit.person for hit in results.hits] == [sailor]
    assert results.corrections == {"margret": ["margaret"], "okonkow": ["okonkwo"]}


def test_accents_do_not_matter(owner: Any) -> None:
    jose = person_create(owner=owner, name="José Müller")
    assert [hit.person for hit in _search(owner, "jose muller").hits] == [jose]
    assert [hit.person for hit in _search(owner, "Müll").hits] == [jose]


def test_the_snippet_highlights_why_the_person_matched(owner: Any, sailor: Any) -> None:
    hit = _search(owner, "sailing Erie").hits[0]
    assert "<mark>sailing</mark>" in hit.snippet
    assert "<mark>Erie</mark>" in hit.snippet


def test_a_name_match_highlights_the_name(owner: Any, sailor: Any) -> None:
    hit = _search(owner, "Margaret").hits[0]
    assert hit.name_html == "<mark>Margaret</mark> Okonkwo"


def test_user_text_in_snippets_is_escaped(owner: Any) -> None:
    person_create(
        owner=owner,
        name="Eve <script>alert(1)</script>",
        story={"work": "Builds <img src=x onerror=alert(1)> tools"},
    )
    hit = _search(owner, "tools").hits[0]
    assert "<mark>tools</mark>" in hit.snippet
    # The only tags are the highlights; everything the user typed arrives escaped.
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert hit.name_html == "Eve &lt;script&gt;alert(1)&lt;/script&gt;"


def test_another_users_people_never_appear(
    owner: Any, outsider: Any, sailor: Any, outsiders_sailor: Any
) -> None:
    for query in ("Okonkwo", "Northwind", "sailing", "Okonkwo-Smith", "Smith", "Smiht"):
        people = [hit.person for hit in _search(owner, query).hits]
        assert outsiders_sailor not in people, query
    assert [hit.person for hit in _search(outsider, "Okonkwo").hits] == [outsiders_sailor]


def test_names_weigh_more_than_notes(owner: Any) -> None:
    mentioned = person_create(
        owner=owner, name="Alice Brown", story={"work": "Works with Sharma on payments"}
    )
    named = person_create(owner=owner, name="Priya Sharma")
    assert [hit.person for hit in _search(owner, "Sharma").hits] == [named, mentioned]


def test_limit_caps_the_number_of_results(owner: Any) -> None:
    for index in range(5):
        person_create(owner=owner, name=f"Person {index}", company="Initech")
    assert len(_search(owner, "Initech", limit=3).hits) == 3


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND OR NOT", "name:foo", "(((", "'; DROP TABLE x; --", "NEAR(a b)", "ünïcödé ✓"],
)
def test_query_syntax_characters_are_just_words(owner: Any, sailor: Any, query: str) -> None:
    # No engine syntax error, no operator obeyed (none of these words is in her story), and
    # the index still answers a plain query afterwards.
    assert _search(owner, query).hits == []
    assert [hit.person for hit in _search(owner, "sailing").hits] == [sailor]


def test_an_empty_query_finds_nobody(owner: Any, sailor: Any) -> None:
    assert _search(owner, "   ").hits == []


def test_bad_mode_and_limit_are_rejected_with_a_message(owner: Any) -> None:
    with pytest.raises(selectors.SearchError, match="Unknown search mode"):
        selectors.search(user=owner, query="x", mode="fuzzy")
    with pytest.raises(selectors.SearchError, match="limit must be between 1 and 100"):
        selectors.search(user=owner, query="x", mode="keyword", limit=0)
    with pytest.raises(selectors.SearchError, match="at most 200 characters"):
        selectors.search(user=owner, query="x" * 201, mode="keyword")


def test_edit_distance_counts_a_swap_as_one() -> None:
    assert keyword.edit_distance("jonh", "john") == 1
    assert keyword.edit_distance("margret", "margaret") == 1
    assert keyword.edit_distance("kitten", "sitting") == 3


def test_semantic_mode_without_the_extra_says_what_is_missing(
    owner: Any, no_semantic: None
) -> None:
    with pytest.raises(selectors.SemanticUnavailable, match="turned off"):
        selectors.search(user=owner, query="x", mode="semantic")


def test_hybrid_without_the_extra_falls_back_to_keyword_and_says_so(
    owner: Any, sailor: Any, no_semantic: None
) -> None:
    results = selectors.search(user=owner, query="sailing")
    assert results.mode == "keyword" and results.requested_mode == "hybrid"
    assert "Keyword results only" in results.notice
    assert [hit.person for hit in results.hits] == [sailor]
