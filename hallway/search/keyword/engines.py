"""Running the keyword search on the deployment's engine: the tiered SQL, typo retries, and the
id filter for lists."""

from __future__ import annotations

from typing import Any

from django.db import connection

from hallway.search.keyword.highlighting import Highlighter
from hallway.search.keyword.query import (
    MIN_TYPO_LENGTH,
    KeywordMatch,
    ParsedQuery,
    fts5_match,
    parse,
    tsquery_text,
)
from hallway.search.keyword.typos import name_corrections, story_correction

# --- Raw engine queries (also timed alone by the benchmark) --------------------------------
# Ranking is by tiers, not by a relevance formula: people whose name matches come first,
# then those whose name/company/role/location/tags match, then matches anywhere (story,
# notes, conversations); within a tier the most recently added first. Each tier is an
# index walk in id order that stops after `limit` hits, so the cost does not grow with the
# number of matches (BM25 or ts_rank must score every match: 100+ ms for broad words at
# 100,000 people).

# (FTS5 columns, PostgreSQL tsvector column) of each tier
TIERS = (
    ("name", "name_document"),
    ("name headline tags", "profile_document"),
    ("name headline tags story notes", "document"),
)

_SQLITE_SQL = """
SELECT document.person_id, best.tier, document.name, document.headline, document.tags,
       document.story, document.notes
FROM (
    SELECT person_id, MIN(tier) AS tier FROM (
        SELECT * FROM (SELECT rowid AS person_id, 1 AS tier FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s)
        UNION ALL
        SELECT * FROM (SELECT rowid AS person_id, 2 AS tier FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s)
        UNION ALL
        SELECT * FROM (SELECT rowid AS person_id, 3 AS tier FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s)
    ) AS candidate
    GROUP BY person_id ORDER BY tier, person_id DESC LIMIT %s
) AS best
JOIN search_searchdocument AS document ON document.person_id = best.person_id
WHERE document.owner_id = %s
ORDER BY best.tier, best.person_id DESC
"""

# PostgreSQL, per tier: first look among the owner's newest RECENT_WINDOW people (an index
# walk, cheap for common words); only when that finds fewer than `limit`, ask the GIN index
# for all matches (few, since the word is rare). Both paths are bounded whatever the
# planner's estimates ("person_id + 0" keeps it from walking the primary key instead).
RECENT_WINDOW = 1000


def _postgres_tier(tier: int, column: str) -> str:
    match = f"{column} @@ to_tsquery('hallway_search', %(query)s)"
    if tier == 1:
        # Names are selective: the GIN index alone is always cheap.
        return f"""
recent_1 AS MATERIALIZED (
    SELECT person_id FROM search_searchdocument
    WHERE owner_id = %(owner)s AND {match} ORDER BY person_id + 0 DESC LIMIT %(limit)s
),
older_1 AS (SELECT person_id FROM recent_1 WHERE false),"""
    # Only when the tiers so far (and this tier's newest) found fewer than `limit` people.
    found = (
        ["SELECT person_id FROM recent_1"]
        + [
            f"SELECT person_id FROM {name}_{earlier}"
            for earlier in range(2, tier)
            for name in ("recent", "older")
        ]
        + [f"SELECT person_id FROM recent_{tier}"]
    )
    return f"""
recent_{tier} AS MATERIALIZED (
    SELECT person_id FROM (
        SELECT person_id, {column} FROM search_searchdocument
        WHERE owner_id = %(owner)s ORDER BY person_id DESC LIMIT %(window)s
    ) AS newest WHERE {match} LIMIT %(limit)s
),
older_{tier} AS MATERIALIZED (
    SELECT person_id FROM search_searchdocument
    WHERE owner_id = %(owner)s AND {match}
      AND (SELECT count(DISTINCT person_id) FROM ({" UNION ALL ".join(found)}) AS found) < %(limit)s
    ORDER BY person_id + 0 DESC LIMIT %(limit)s
),"""


_POSTGRES_SQL = (
    "WITH"
    + "".join(
        _postgres_tier(tier, column) for tier, (_columns, column) in enumerate(TIERS, start=1)
    )
    + """
candidate AS (
    SELECT person_id, 1 AS tier FROM recent_1 UNION ALL SELECT person_id, 1 FROM older_1
    UNION ALL SELECT person_id, 2 FROM recent_2 UNION ALL SELECT person_id, 2 FROM older_2
    UNION ALL SELECT person_id, 3 FROM recent_3 UNION ALL SELECT person_id, 3 FROM older_3
)
SELECT document.person_id, best.tier, document.name, document.headline, document.tags,
       document.story, document.notes
FROM (
    SELECT person_id, MIN(tier) AS tier FROM candidate
    GROUP BY person_id ORDER BY tier, person_id DESC LIMIT %(limit)s
) AS best
JOIN search_searchdocument AS document ON document.person_id = best.person_id
WHERE document.owner_id = %(owner)s
ORDER BY best.tier, best.person_id DESC
"""
)


def engine_sql(owner_id: int, parsed: ParsedQuery, limit: int) -> tuple[str, Any]:
    """The one SQL statement that runs the keyword search on this engine, with its parameters."""
    if connection.vendor == "postgresql":
        return _POSTGRES_SQL, {
            "owner": owner_id,
            "query": tsquery_text(parsed),
            "limit": limit,
            "window": RECENT_WINDOW,
        }
    params: list[Any] = []
    for columns, _weights in TIERS:
        params += [fts5_match(owner_id, parsed, columns), limit]
    return _SQLITE_SQL, [*params, limit, owner_id]


def _run(
    owner_id: int, parsed: ParsedQuery, limit: int, highlighter: Highlighter | None = None
) -> list[KeywordMatch]:
    sql, params = engine_sql(owner_id, parsed, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    highlighter = highlighter or Highlighter(parsed)
    matches = []
    for position, (person_id, tier, name, *columns) in enumerate(rows):
        matches.append(
            KeywordMatch(
                person_id=person_id,
                # Higher is better: the tier first, then the order within the tier.
                score=round(len(TIERS) + 1 - tier - position / 1000, 3),
                name_marked=highlighter.mark(name or "", window=None),
                snippets_marked=[highlighter.mark(text or "") for text in columns],
            )
        )
    return matches


def _has_match(owner_id: int, word: str) -> bool:
    parsed = ParsedQuery(words=[word])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                # Sorting makes the planner use the GIN index instead of scanning for a first row.
                "SELECT person_id FROM search_searchdocument WHERE owner_id = %s "
                "AND document @@ to_tsquery('hallway_search', %s) ORDER BY person_id + 0 LIMIT 1",
                [owner_id, tsquery_text(parsed)],
            )
        else:
            cursor.execute(
                "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1",
                [fts5_match(owner_id, parsed)],
            )
        return cursor.fetchone() is not None


def _any_word(
    owner_id: int, parsed: ParsedQuery, limit: int, exclude: set[int]
) -> list[KeywordMatch]:
    """People matching some of the words, those matching the rarest words first.

    One bounded tiered query per word (at most `limit` hits each): a word with fewer hits is
    rarer and weighs more (1 / hits), and a person's weight is the sum over the words they
    match. Nothing here counts all the matches of a common word.
    """
    highlighter = Highlighter(parsed)
    weights: dict[int, float] = {}
    best: dict[int, KeywordMatch] = {}
    for index, word in enumerate(parsed.words):
        single = ParsedQuery(
            words=[word],
            corrections={word: parsed.corrections[word]} if word in parsed.corrections else {},
            prefix_last=parsed.prefix_last and index == len(parsed.words) - 1,
        )
        hits = [
            match
            for match in _run(owner_id, single, limit, highlighter)
            if match.person_id not in exclude
        ]
        for match in hits:
            weights[match.person_id] = weights.get(match.person_id, 0.0) + 1.0 / len(hits)
            if match.person_id not in best or match.score > best[match.person_id].score:
                best[match.person_id] = match
    ordered = sorted(best.values(), key=lambda match: (-weights[match.person_id], -match.score))
    for match in ordered:
        match.strict = False
        match.score = round(weights[match.person_id], 3)
    return ordered


def search(
    owner_id: int, query: str, limit: int, *, any_words: bool = False
) -> tuple[list[KeywordMatch], ParsedQuery]:
    """Best matches first. When nothing matches, misspelt words are corrected (names within a
    typo or two, else the owner's closest story word) and it retries.

    With `any_words` (hybrid mode), when the people matching every word are fewer than
    `limit`, those matching some of the words follow (marked `strict=False`).
    """
    parsed = parse(query)
    if parsed.is_empty:
        return [], parsed
    matches = _correct_and_run(owner_id, parsed, limit)
    if any_words and len(matches) < limit and len(parsed.words) > 1:
        loose = _any_word(owner_id, parsed, limit, {match.person_id for match in matches})
        matches += loose[: limit - len(matches)]
    return matches, parsed


def _correct_and_run(owner_id: int, parsed: ParsedQuery, limit: int) -> list[KeywordMatch]:
    matches = _run(owner_id, parsed, limit)
    if matches:
        return matches
    corrections = {}
    for word in parsed.words:
        if len(word) >= MIN_TYPO_LENGTH and not _has_match(owner_id, word):
            found = name_corrections(owner_id, word)
            if found:
                corrections[word] = found
            elif suggestion := story_correction(owner_id, word):
                corrections[word] = [suggestion]
                parsed.suggestions[word] = suggestion
    if not corrections:
        return []
    parsed.corrections = corrections
    return _run(owner_id, parsed, limit)


def matching_people_sql(owner_id: int, query: str) -> tuple[str, list[Any]] | None:
    """SQL selecting the ids of all the owner's people whose indexed text matches every word
    (stemmed; the last word as a prefix), for filtering lists. None for an empty query."""
    parsed = parse(query)
    if parsed.is_empty:
        return None
    if connection.vendor == "postgresql":
        return (
            "SELECT person_id FROM search_searchdocument WHERE owner_id = %s "
            "AND document @@ to_tsquery('hallway_search', %s)",
            [owner_id, tsquery_text(parsed)],
        )
    return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [fts5_match(owner_id, parsed)]
