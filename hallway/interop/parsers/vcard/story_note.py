"""The story block Hallway's export writes into NOTE, read back into facets, "Met" and dated
notes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hallway.interop.parsers.vcard.lines import newlines
from hallway.lib.story import FACET_LABELS

# Labels of the story block that the export writes into NOTE (see exporting._summary_note).
STORY_NOTE_MET = "Met"
STORY_NOTE_LAST_CONVERSATION = "Last conversation"
STORY_NOTE_FOLLOW_UP = "Follow-up"
_FACET_BY_LABEL = {label.casefold(): facet for facet, label in FACET_LABELS.items()}
_STORY_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(
        re.escape(label)
        for label in [
            *FACET_LABELS.values(),
            STORY_NOTE_MET,
            STORY_NOTE_LAST_CONVERSATION,
            STORY_NOTE_FOLLOW_UP,
        ]
    )
    + r")\s*:\s?(?P<text>.*)$",
    re.I,
)
_DATED_LINE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}):\s?(?P<text>.*)$")


@dataclass
class StoryNote:
    """A NOTE read back into the parts of the story block."""

    facets: dict[str, str] = field(default_factory=dict)
    met_at: str | None = None
    notes: list[tuple[dt.date | None, str]] = field(default_factory=list)
    # text before the first label: not part of the block, kept as a new note
    loose: str = ""


def parse_story_note(text: str) -> StoryNote:
    """Split a NOTE into facets, "Met", dated notes and loose text. A line without a label
    continues the part above it; the derived lines (last conversation, follow-ups) are skipped."""
    story = StoryNote()
    loose: list[str] = []
    current: list[str] | None = None
    sections: list[tuple[str, dt.date | None, list[str]]] = []
    for line in newlines(text).split("\n"):
        labelled = _STORY_LABEL.match(line)
        dated = _DATED_LINE.match(line)
        date: dt.date | None = None
        if dated:
            try:
                date = dt.date.fromisoformat(dated["date"])
            except ValueError:
                dated = None
        if labelled:
            current = [labelled["text"]]
            sections.append((labelled["label"].casefold(), None, current))
        elif dated:
            current = [dated["text"]]
            sections.append(("note", date, current))
        elif current is not None:
            current.append(line)
        else:
            loose.append(line)
    for kind, date, lines in sections:
        value = "\n".join(lines).strip()
        if kind in _FACET_BY_LABEL:
            story.facets[_FACET_BY_LABEL[kind]] = value
        elif kind == STORY_NOTE_MET.casefold():
            story.met_at = value
        elif kind == "note" and value:
            story.notes.append((date, value))
    story.loose = "\n".join(loose).strip()
    return story
