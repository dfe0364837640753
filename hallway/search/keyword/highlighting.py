"""Highlighting the matched words in names and snippets, and turning the markers into HTML."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape

from hallway.search.keyword.query import SNIPPET_TOKENS, START, STOP, ParsedQuery
from hallway.search.services.story_terms import word_root

# --- Highlighting -----------------------------------------------------------------------------
# Done here rather than by the engine: FTS5's snippet() and PostgreSQL's ts_headline() re-run
# the match per row and cost more than the search itself.

_TOKEN = re.compile(r"\w+")


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
            corrected = parsed.corrections.get(word, [])
            for variant in {word, word_root(word), *corrected, *map(word_root, corrected)}:
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
