"""Story terms: every word the owner's documents say (and, on SQLite, the one-letter deletions
of the word and of its root), for "Did you mean …?" on misspelt story words."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import F

from hallway.lib.story import normalize_name
from hallway.search.models import StoryTerm
from hallway.search.services.name_terms import MAX_TERM_LENGTH, deletions
from hallway.search.services.sql import upsert

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
    return {
        word
        for word in _WORD.findall(normalize_name(text))
        if MIN_STORY_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH
    }


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
    if not words:
        return
    # Most writes repeat words the owner already has: one indexed look-up skips them.
    existing = set(
        StoryTerm.objects.filter(
            owner_id=owner_id, variant__in=words, term=F("variant")
        ).values_list("term", flat=True)
    )
    vendor = connection.vendor
    rows = sorted(
        (
            (owner_id, variant, word)
            for word in words - existing
            for variant in _variants(word, vendor)
        ),
        key=operator.itemgetter(1),
    )
    if not rows:
        return
    table = connection.ops.quote_name(StoryTerm._meta.db_table)
    with connection.cursor() as cursor:
        upsert(
            cursor,
            table,
            ("owner_id", "variant", "term"),
            ("bigint", "text", "text"),
            rows,
            " ON CONFLICT DO NOTHING",
        )
