"""Keyword search on the engine the deployment runs: SQLite FTS5 or PostgreSQL full text.

Both get the same parsed query: words (stemmed, prefix-matched) that must all match, each
optionally widened by typo corrections of names. Matches come back with marker characters
around the matched words; `marked_to_html` escapes the user's text and turns the markers
into <mark> tags, so highlighted snippets never carry raw user HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape

from hallway.lib.story import normalize_name
from hallway.search.models import NameTerm
from hallway.search.services import MIN_TERM_LENGTH, deletions

START, STOP = "\x02", "\x03"
MAX_WORDS = 12
MAX_WORD_LENGTH = 40
MIN_TYPO_LENGTH = 4
SNIPPET_TOKENS = 14
# Dropped unless the query is nothing else: PostgreSQL ignores them anyway, and FTS5 would
# otherwise demand them ("the CTO from Ohio").
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "who",
        "whom",
        "with",
    ]
)
# Columns of search_fts in order (0 is owner_id) and the ones a snippet may come from.
SNIPPET_COLUMNS = ("headline", "tags", "story", "notes")


@dataclass
class ParsedQuery:
    words: list[str]
    corrections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.words


@dataclass
class KeywordMatch:
    person_id: int
    score: float
    name_marked: str
    snippets_marked: list[str]


def parse(query: str) -> ParsedQuery:
    """The words to look for: lower-case, accent-free, at most 12, stop words dropped."""
    words = [word[:MAX_WORD_LENGTH] for word in re.findall(r"\w+", normalize_name(query))]
    words = list(dict.fromkeys(words))[:MAX_WORDS]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return ParsedQuery(words=meaningful or words)


# --- Query text per engine ------------------------------------------------------------------


def _fts5_term(word: str, prefix: bool) -> str:
    return f'"{word}"*' if prefix and len(word) >= 2 else f'"{word}"'


def fts5_match(owner_id: int, parsed: ParsedQuery) -> str:
    clauses = []
    for word in parsed.words:
        options = [_fts5_term(word, prefix=True)] + [
            _fts5_term(term, prefix=False) for term in parsed.corrections.get(word, [])
        ]
        clauses.append("(" + " OR ".join(options) + ")")
    # The owner is a column of the index: another user's people can't even be candidates.
    return f'owner_id : "{int(owner_id)}" AND {{name headline tags story notes}} : ({" AND ".join(clauses)})'


def _tsquery_term(word: str, prefix: bool) -> str:
    return f"'{word}':*" if prefix and len(word) >= 2 else f"'{word}'"


def tsquery_text(parsed: ParsedQuery) -> str:
    clauses = []
    for word in parsed.words:
        options = [_tsquery_term(word, prefix=True)] + [
            _tsquery_term(term, prefix=False) for term in parsed.corrections.get(word, [])
        ]
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


# --- Raw engine queries (also timed alone by the benchmark) --------------------------------

_SQLITE_SQL = f"""
SELECT hit.person_id, hit.score, hit.name_marked, hit.headline_marked, hit.tags_marked,
       hit.story_marked, hit.notes_marked
FROM (
    SELECT rowid AS person_id, -rank AS score,
           highlight(search_fts, 1, char(2), char(3)) AS name_marked,
           snippet(search_fts, 2, char(2), char(3), '…', {SNIPPET_TOKENS}) AS headline_marked,
           snippet(search_fts, 3, char(2), char(3), '…', {SNIPPET_TOKENS}) AS tags_marked,
           snippet(search_fts, 4, char(2), char(3), '…', {SNIPPET_TOKENS}) AS story_marked,
           snippet(search_fts, 5, char(2), char(3), '…', {SNIPPET_TOKENS}) AS notes_marked
    FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s
) AS hit
JOIN search_searchdocument AS document ON document.person_id = hit.person_id
WHERE document.owner_id = %s
ORDER BY hit.score DESC
"""

_HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_TOKENS}, MinWords=5, ShortWord=2, MaxFragments=1, FragmentDelimiter=…"
_POSTGRES_SQL = """
WITH query AS (SELECT to_tsquery('hallway_search', %s) AS value),
hit AS (
    SELECT document.person_id, ts_rank_cd(document.document, query.value) AS score
    FROM search_searchdocument AS document, query
    WHERE document.owner_id = %s AND document.document @@ query.value
    ORDER BY score DESC, document.person_id
    LIMIT %s
)
SELECT hit.person_id, hit.score,
       ts_headline('hallway_search', document.name, query.value, %s),
       ts_headline('hallway_search', document.headline, query.value, %s),
       ts_headline('hallway_search', document.tags, query.value, %s),
       ts_headline('hallway_search', document.story, query.value, %s),
       ts_headline('hallway_search', document.notes, query.value, %s)
FROM hit JOIN search_searchdocument AS document ON document.person_id = hit.person_id, query
ORDER BY hit.score DESC, hit.person_id
"""


def engine_sql(owner_id: int, parsed: ParsedQuery, limit: int) -> tuple[str, list[Any]]:
    """The one SQL statement that runs the keyword search on this engine, with its parameters."""
    if connection.vendor == "postgresql":
        name_options = _HEADLINE_OPTIONS.replace("MaxFragments=1", "HighlightAll=true")
        return _POSTGRES_SQL, [
            tsquery_text(parsed),
            owner_id,
            limit,
            name_options,
            *[_HEADLINE_OPTIONS] * 4,
        ]
    return _SQLITE_SQL, [fts5_match(owner_id, parsed), limit, owner_id]


def _run(owner_id: int, parsed: ParsedQuery, limit: int) -> list[KeywordMatch]:
    sql, params = engine_sql(owner_id, parsed, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        KeywordMatch(
            person_id=row[0],
            score=float(row[1]),
            name_marked=row[2] or "",
            snippets_marked=[text or "" for text in row[3:]],
        )
        for row in rows
    ]


def _has_match(owner_id: int, word: str) -> bool:
    parsed = ParsedQuery(words=[word])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM search_searchdocument WHERE owner_id = %s "
                "AND document @@ to_tsquery('hallway_search', %s) LIMIT 1",
                [owner_id, tsquery_text(parsed)],
            )
        else:
            cursor.execute(
                "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1",
                [fts5_match(owner_id, parsed)],
            )
        return cursor.fetchone() is not None


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


def search(owner_id: int, query: str, limit: int) -> tuple[list[KeywordMatch], ParsedQuery]:
    """Best matches first. When nothing matches, misspelt names are corrected and it retries."""
    parsed = parse(query)
    if parsed.is_empty:
        return [], parsed
    matches = _run(owner_id, parsed, limit)
    if matches:
        return matches, parsed
    corrections = {}
    for word in parsed.words:
        if len(word) >= MIN_TYPO_LENGTH and not _has_match(owner_id, word):
            found = name_corrections(owner_id, word)
            if found:
                corrections[word] = found
    if not corrections:
        return [], parsed
    parsed.corrections = corrections
    return _run(owner_id, parsed, limit), parsed


def marked_to_html(marked: str) -> str:
    """Escape the user's text, then turn the engine's markers into <mark> tags."""
    parts = marked.split(START)
    result: list[str] = [escape(parts[0].replace(STOP, ""))]
    for part in parts[1:]:
        inside, _separator, after = part.partition(STOP)
        result.append(f"<mark>{escape(inside)}</mark>{escape(after.replace(STOP, ''))}")
    return "".join(result)


def best_snippet(snippets_marked: list[str]) -> str:
    """The snippet with the most highlighted words (the earlier column wins ties)."""
    best = ""
    best_count = 0
    for snippet in snippets_marked:
        count = snippet.count(START)
        if count > best_count:
            best, best_count = snippet, count
    return best
