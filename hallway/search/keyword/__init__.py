"""Keyword search on the engine the deployment runs: SQLite FTS5 or PostgreSQL full text.

Both get the same parsed query: words (stemmed, prefix-matched) that must all match, each
optionally widened by typo corrections of names. Matches come back with marker characters
around the matched words; `marked_to_html` escapes the user's text and turns the markers
into <mark> tags, so highlighted snippets never carry raw user HTML.

- `query`: parsing the words, and the query text per engine
- `engines`: the tiered SQL on each engine, typo retries, the id filter for lists
- `highlighting`: marked names and snippets, and their HTML
- `typos`: name corrections within an edit or two
"""

from __future__ import annotations

from hallway.search.keyword.engines import engine_sql, matching_people_sql, search
from hallway.search.keyword.highlighting import Highlighter, best_snippet, marked_to_html
from hallway.search.keyword.query import KeywordMatch, ParsedQuery, parse
from hallway.search.keyword.typos import edit_distance, name_corrections

__all__ = [
    "Highlighter",
    "KeywordMatch",
    "ParsedQuery",
    "best_snippet",
    "edit_distance",
    "engine_sql",
    "marked_to_html",
    "matching_people_sql",
    "name_corrections",
    "parse",
    "search",
]
