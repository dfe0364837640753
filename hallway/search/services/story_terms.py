"""Story terms: every word the owner's documents say (and, on SQLite, the one-letter deletions
of the word and of its root), for "Did you mean …?" on misspelt story words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from django.db import connection

from hallway.lib.story import normalize_name
from hallway.search.models import StoryTerm
from hallway.search.services.name_terms import MAX_TERM_LENGTH, deletions
from hallway.search.services.terms import terms_add

# Shorter words are too many to correct (and a typo in them is usually another word).
MIN_STORY_TERM_LENGTH = 4
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "es", "ed", "ly", "s")
_WORD = re.compile(r"[^\W\d_]+")


def word_root(word: str) -> str:
    """A crude stem: "sailing" → "sail", "sails" → "sail" (what highlighting and
    suggestions compare; the engines' own stemmers decide what matches)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def story_words(text: str) -> set[str]:
    """The distinct words of a text worth correcting to: lower-case, accent-free letters."""
    words: set[str] = set()
    # Token by token (normalizing never joins or splits across white space): the texts of an
    # import repeat the same companies, roles and places, so each token is worked out once.
    for token in text.split():
        words.update(_token_words(token))
    return words


@functools.lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    return tuple(
        word
        for word in _WORD.findall(normalize_name(token))
        if MIN_STORY_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH
    )


@functools.lru_cache(maxsize=65_536)
def _variants(word: str, vendor: str) -> frozenset[str]:
    root = word_root(word)
    if vendor == "postgresql":
        return frozenset({word, root})
    return frozenset({word, root} | deletions(word) | deletions(root))


def story_terms_add(*, owner_id: int, texts: Iterable[str]) -> None:
    """Add the words of the texts to the owner's vocabulary (existing ones are skipped)."""
    words: set[str] = set()
    for text in texts:
        words |= story_words(text)
    vendor = connection.vendor
    terms_add(
        model=StoryTerm,
        owner_id=owner_id,
        words=words,
        variants=lambda word: _variants(word, vendor),
    )
