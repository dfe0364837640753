"""Name terms: every word of every name (and, on SQLite, its one-letter deletions) for typo
tolerance."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable

from django.db import connection

from hallway.lib.story import normalize_name
from hallway.search.models import NameTerm
from hallway.search.services.sql import upsert

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


def _term_rows(owner_id: int, names: Iterable[str], vendor: str) -> list[tuple[int, str, str]]:
    """(owner_id, variant, term) for every word of the names, each once."""
    words: set[str] = set()
    for name in set(names):
        words.update(name_words(name))
    rows = []
    for term in words:
        variants = {term} if vendor == "postgresql" else {term} | deletions(term)
        rows += [(owner_id, variant, term) for variant in variants]
    # In the order of the unique index: the inserts then append to it instead of touching
    # pages all over a large index (many times slower once it outgrows SQLite's page cache).
    rows.sort(key=operator.itemgetter(1))
    return rows


def name_terms_add(*, owner_id: int, names: Iterable[str]) -> None:
    rows = _term_rows(owner_id, names, connection.vendor)
    if not rows:
        return
    table = connection.ops.quote_name(NameTerm._meta.db_table)
    # Plain rows, not model instances: an import adds hundreds of thousands of variants.
    with connection.cursor() as cursor:
        upsert(
            cursor,
            table,
            ("owner_id", "variant", "term"),
            ("bigint", "text", "text"),
            rows,
            " ON CONFLICT DO NOTHING",
        )
