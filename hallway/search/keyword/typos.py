"""Typo tolerance: the owner's name terms within an edit or two of a word, and the owner's
story words for "Did you mean …?"."""

from __future__ import annotations

from django.db import connection

from hallway.search.keyword.query import MIN_TYPO_LENGTH
from hallway.search.models import NameTerm, StoryTerm
from hallway.search.services import MIN_TERM_LENGTH, deletions
from hallway.search.services.story_terms import MIN_STORY_TERM_LENGTH, word_root

# --- Typo tolerance on names ----------------------------------------------------------------


def edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swap of two letters costs 1."""
    previous_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, first_char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, second_char in enumerate(second, start=1):
            cost = 0 if first_char == second_char else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and first_char == second[j - 2] and first[i - 2] == second_char:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


def _allowed_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def name_corrections(owner_id: int, word: str, limit: int = 5) -> list[str]:
    """Names of the owner's people within a typo or two of the word, closest first."""
    if len(word) < max(MIN_TYPO_LENGTH, MIN_TERM_LENGTH):
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Short names share few trigrams with a misspelling; edit distance decides below.
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            cursor.execute(
                "SELECT term FROM search_nameterm WHERE owner_id = %s AND term %% %s "
                "ORDER BY similarity(term, %s) DESC LIMIT 50",
                [owner_id, word, word],
            )
            candidates = [row[0] for row in cursor.fetchall()]
    else:
        variants = {word} | deletions(word)
        candidates = list(
            NameTerm.objects.filter(owner_id=owner_id, variant__in=variants)
            .values_list("term", flat=True)
            .distinct()[:200]
        )
    scored = sorted(
        (distance, term)
        for term in set(candidates)
        if term != word and (distance := edit_distance(word, term)) <= _allowed_distance(word)
    )
    return [term for _distance, term in scored[:limit]]


def story_correction(owner_id: int, word: str) -> str:
    """The owner's own story word closest to a misspelt word ("saling" → "sailing"), or "".

    Compared as words and as roots, so the suggestion keeps the user's ending: the sailor's
    story says "sails", and "saling" becomes "sail" + "ing". Bounded at any size: an indexed
    look-up of the word's deletions (SQLite) or a trigram index search (PostgreSQL), at most
    200 candidates, all within the owner's vocabulary.
    """
    if len(word) < MIN_STORY_TERM_LENGTH:
        return ""
    root = word_root(word)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            cursor.execute(
                "SELECT DISTINCT term FROM (SELECT term FROM search_storyterm "
                "WHERE owner_id = %s AND (variant %% %s OR variant %% %s) "
                "ORDER BY greatest(similarity(variant, %s), similarity(variant, %s)) DESC "
                "LIMIT 200) AS near",
                [owner_id, word, root, word, root],
            )
            candidates = [row[0] for row in cursor.fetchall()]
    else:
        variants = {word, root} | deletions(word) | deletions(root)
        candidates = list(
            StoryTerm.objects.filter(owner_id=owner_id, variant__in=variants)
            .values_list("term", flat=True)
            .distinct()[:200]
        )
    allowed = _allowed_distance(word)
    suffix = word[len(root) :]
    scored = []
    for term in set(candidates):
        if term == word:
            continue
        if edit_distance(word, term) <= allowed:
            scored.append((edit_distance(word, term), term))
        elif edit_distance(root, word_root(term)) <= allowed:
            suggestion = word_root(term) + suffix
            scored.append((edit_distance(word, suggestion), suggestion))
    scored.sort()
    return scored[0][1] if scored and scored[0][1] != word else ""
