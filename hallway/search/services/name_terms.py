"""Name terms: every word of every name (and, on SQLite, its one-letter deletions) for typo
tolerance."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.db import connection

from hallway.lib.story import normalize_name
from hallway.search.models import NameTerm
from hallway.search.services.terms import terms_add

MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 40


def name_words(name: str) -> list[str]:
    # Word by word (normalizing never joins or splits across white space), so the words of
    # the many names an import shares are worked out once.
    return [word for token in name.split() for word in _token_words(token)]


@functools.lru_cache(maxsize=65_536)
def _token_words(token: str) -> tuple[str, ...]:
    # ASCII needs no decomposition and casefold() is lower() there.
    normalized = token.lower() if token.isascii() else normalize_name(token)
    words = []
    for word in normalized.replace("-", " ").replace("'", " ").split():
        if not word.isalnum():
            word = "".join(ch for ch in word if ch.isalnum())
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH:
            words.append(word)
    return tuple(words)


def deletions(word: str) -> set[str]:
    """The word with one letter removed, every way (SymSpell's index keys)."""
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _term_only(term: str) -> Iterable[str]:
    return (term,)


def _with_deletions(term: str) -> Iterable[str]:
    return {term} | deletions(term)


def name_terms_add(*, owner_id: int, names: Iterable[str]) -> None:
    """Add the words of the names to the owner's name terms (each distinct name read once)."""
    words: set[str] = set()
    for name in set(names):
        words.update(name_words(name))
    # pg_trgm finds similar terms on PostgreSQL; SQLite looks up the one-letter deletions.
    variants = _term_only if connection.vendor == "postgresql" else _with_deletions
    terms_add(model=NameTerm, owner_id=owner_id, words=words, variants=variants)
