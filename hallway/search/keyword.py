"""Keyword search on the engine the deployment runs: SQLite FTS5 or PostgreSQL full text.

Both get the same parsed query: words (stemmed, prefix-matched) that must all match, each
optionally widened by typo corrections of names. Matches come back with marker characters
around the matched words; `marked_to_html` escapes the user's text and turns the markers
into <mark> tags, so highlighted snippets never carry raw user HTML.
"""

from __future__ import annotations

import re
import unicodedata
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
# Only the last word is a prefix (it is the one being typed); the others match whole words
# (stemmed). Prefix expansion of every word would make broad queries slow.


def _is_prefix(parsed: ParsedQuery, index: int) -> bool:
    return index == len(parsed.words) - 1 and len(parsed.words[index]) >= 2


def _fts5_expression(parsed: ParsedQuery) -> str:
    clauses = []
    for index, word in enumerate(parsed.words):
        options = [f'"{word}"*' if _is_prefix(parsed, index) else f'"{word}"']
        options += [f'"{term}"' for term in parsed.corrections.get(word, [])]
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses)


def fts5_match(
    owner_id: int, parsed: ParsedQuery, columns: str = "name headline tags story notes"
) -> str:
    # The owner is a column of the index: another user's people can't even be candidates.
    return f'owner_id : "{int(owner_id)}" AND {{{columns}}} : ({_fts5_expression(parsed)})'


def tsquery_text(parsed: ParsedQuery, weights: str = "") -> str:
    clauses = []
    for index, word in enumerate(parsed.words):
        options = [
            f"'{word}':*{weights}"
            if _is_prefix(parsed, index)
            else f"'{word}'" + (f":{weights}" if weights else "")
        ]
        options += [
            f"'{term}'" + (f":{weights}" if weights else "")
            for term in parsed.corrections.get(word, [])
        ]
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


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


def _run(owner_id: int, parsed: ParsedQuery, limit: int) -> list[KeywordMatch]:
    sql, params = engine_sql(owner_id, parsed, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    highlighter = Highlighter(parsed)
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


# --- Highlighting -----------------------------------------------------------------------------
# Done here rather than by the engine: FTS5's snippet() and PostgreSQL's ts_headline() re-run
# the match per row and cost more than the search itself.

_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "es", "ed", "ly", "s")
_TOKEN = re.compile(r"\w+")


def _root(word: str) -> str:
    """A crude stem (the engines' Porter/Snowball stemmers decide what matches; this only
    decides what gets highlighted): "sailing" → "sail"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class _FoldTable(dict[int, str]):
    """str.translate table: each character to its lower-case, accent-free self (one char)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = (unicodedata.normalize("NFKD", char)[:1] or char).lower()
        self[code] = folded if len(folded) == 1 else char
        return self[code]


_FOLD = _FoldTable()


def _fold_same_length(text: str) -> str:
    """Lower-case, accent-free text with the same length, so positions carry over."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


class Highlighter:
    def __init__(self, parsed: ParsedQuery) -> None:
        long_variants: set[str] = set()
        short_variants: set[str] = set()
        for word in parsed.words:
            for variant in {word, _root(word), *parsed.corrections.get(word, [])}:
                # Very short words only highlight themselves, or "a" would mark every "a…" word.
                (long_variants if len(variant) >= 3 else short_variants).add(re.escape(variant))
        alternatives = []
        if long_variants:
            alternatives.append(
                r"\b(?:" + "|".join(sorted(long_variants, key=len, reverse=True)) + r")\w*"
            )
        if short_variants:
            alternatives.append(r"\b(?:" + "|".join(sorted(short_variants)) + r")\b")
        self.pattern = re.compile("|".join(alternatives)) if alternatives else None

    def mark(self, text: str, window: int | None = SNIPPET_TOKENS) -> str:
        """The text (or a window of about `window` words around the first match) with the
        matched words between markers; "" when nothing matches."""
        if self.pattern is None or not text:
            return ""
        spans = [match.span() for match in self.pattern.finditer(_fold_same_length(text))]
        if not spans:
            return ""
        start_char, end_char = 0, len(text)
        if window is not None:
            words = [match.span() for match in _TOKEN.finditer(text)]
            if len(words) > window:
                first_index = next(
                    index for index, span in enumerate(words) if span[1] > spans[0][0]
                )
                first = max(0, first_index - window // 3)
                last = min(len(words), first + window)
                start_char = words[first][0] if first else 0
                end_char = words[last - 1][1] if last < len(words) else len(text)
        pieces = ["…" if start_char else ""]
        cursor = start_char
        for start, end in spans:
            if start < start_char or end > end_char:
                continue
            pieces += [text[cursor:start], START, text[start:end], STOP]
            cursor = end
        pieces += [text[cursor:end_char], "…" if end_char < len(text) else ""]
        return "".join(pieces).replace("\n", " ")


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
    """The snippet with the most distinct highlighted words (the earlier column wins ties)."""
    best = ""
    best_count = 0
    for snippet in snippets_marked:
        count = len({part.split(STOP, 1)[0].casefold() for part in snippet.split(START)[1:]})
        if count > best_count:
            best, best_count = snippet, count
    return best


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
