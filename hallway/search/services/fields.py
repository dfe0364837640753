"""What a person's search document says: the text of each column and what the sentence model reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from hallway.lib.story import FACETS

# Long notes are cut so one person can't make the index (or a snippet) huge.
MAX_NOTES_CHARACTERS = 20_000
MAX_SEMANTIC_NOTES_CHARACTERS = 600


def _join(parts: Iterable[str], separator: str = " · ") -> str:
    return separator.join(part.strip() for part in parts if part and part.strip())


def document_fields(
    person: Any,
    *,
    tag_names: list[str],
    note_texts: list[str],
    conversations: list[tuple[str, dict[str, Any]]],
) -> dict[str, str]:
    """The searchable text of a person, split into the columns that weigh differently."""
    learned = [
        str(value)
        for _notes, learned in conversations
        for value in (learned or {}).values()
        if isinstance(value, str)
    ]
    conversation_notes = [notes for notes, _learned in conversations]
    notes = _join([*note_texts, *conversation_notes, *learned], "\n")
    return {
        "name": person.name or "",
        "headline": _join([person.company, person.role, person.location, person.met_at]),
        "tags": " ".join(f"#{name}" for name in tag_names),
        "story": _join([getattr(person, facet) or "" for facet in FACETS], "\n"),
        "notes": notes[:MAX_NOTES_CHARACTERS],
    }


def semantic_text(fields: Mapping[str, Any]) -> str:
    """What the sentence model reads: who they are and their story, not their name."""
    return _join(
        [
            fields["headline"],
            fields["tags"].replace("#", ""),
            fields["story"],
            fields["notes"][:MAX_SEMANTIC_NOTES_CHARACTERS],
        ],
        ". ",
    )


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
