"""people_match_name: the forgiving matcher every CLI command uses for names."""

from __future__ import annotations

from typing import Any

from hallway.people.selectors import people_match_name
from hallway.people.services import person_create


def _names(user: Any, text: str) -> list[str]:
    return [person.name for person in people_match_name(user=user, name=text)]


def test_case_accents_spacing_and_word_order_are_forgiven(owner: Any) -> None:
    person_create(owner=owner, name="Zoë Müller-Ng")
    for typed in ("zoë müller-ng", "ZOE MULLER-NG", "  zoe   muller-ng ", "muller zoe", "zo mul"):
        assert _names(owner, typed) == ["Zoë Müller-Ng"], typed


def test_an_exact_name_wins_over_longer_ones(owner: Any) -> None:
    person_create(owner=owner, name="Jane Doe")
    person_create(owner=owner, name="Jane Doeson")
    assert _names(owner, "jane doe") == ["Jane Doe"]
    assert _names(owner, "jane") == ["Jane Doe", "Jane Doeson"]


def test_word_starts_beat_matches_inside_words(owner: Any) -> None:
    person_create(owner=owner, name="Ann Lee")
    person_create(owner=owner, name="Joanna Smith")
    assert _names(owner, "ann") == ["Ann Lee"]
    assert _names(owner, "oann") == ["Joanna Smith"]


def test_only_your_own_people_and_nothing_for_blank(owner: Any, outsider: Any) -> None:
    person_create(owner=outsider, name="Jane Doe")
    assert _names(owner, "Jane Doe") == []
    assert _names(owner, "   ") == []
