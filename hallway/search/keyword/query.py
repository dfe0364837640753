"""The parsed keyword query and its text for each engine (FTS5 MATCH, PostgreSQL tsquery)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hallway.lib.story import normalize_name

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
    # Misspelt story words and the owner's word each was read as ("saling" → "sailing")
    suggestions: dict[str, str] = field(default_factory=dict)
    # Whether the last word matches as a prefix (it is the one being typed).
    prefix_last: bool = True

    @property
    def is_empty(self) -> bool:
        return not self.words


@dataclass
class KeywordMatch:
    person_id: int
    score: float
    name_marked: str
    snippets_marked: list[str]
    # False for a match of only some of the words (hybrid's any-word fallback)
    strict: bool = True


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
    return parsed.prefix_last and index == len(parsed.words) - 1 and len(parsed.words[index]) >= 2


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
