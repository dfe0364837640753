"""What an import would do, row by row: the plan that the preview shows and writing applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hallway.interop.parsers import ContactRecord, EventRecord, RowError, SkippedItem

Progress = Callable[[int, int], None]
BATCH = 1000
PLAIN_FIELDS = (
    "company",
    "role",
    "location",
    "linkedin_url",
    "website",
    "met_at",
    "keep_in_touch_days",
    "birthday",
    "anniversary",
)


@dataclass
class PlannedRow:
    record: ContactRecord
    action: str  # "create", "update" or "skip"
    person_id: int | None = None
    person_name: str = ""
    reason: str = ""
    changes: list[str] = field(default_factory=list)
    # Why the row is one of the user's people (matching.SAME_*), for the report's counts.
    match_reason: str = ""
    possible_duplicate_of: tuple[int, str] | None = None
    possible_duplicate_reason: str = ""


@dataclass
class PlannedEvent:
    record: EventRecord
    action: str
    event_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass
class ImportPlan:
    format: str
    rows: list[PlannedRow] = field(default_factory=list)
    events: list[PlannedEvent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    parser_skipped: list[SkippedItem] = field(default_factory=list)

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action) + sum(
            1 for event in self.events if event.action == action
        )

    @property
    def created(self) -> int:
        return self._count("create")

    @property
    def updated(self) -> int:
        return self._count("update")

    @property
    def skipped(self) -> int:
        return self._count("skip")

    def rows_with(self, action: str) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]

    def events_with(self, action: str) -> list[PlannedEvent]:
        return [event for event in self.events if event.action == action]

    @property
    def matched(self) -> dict[str, int]:
        """How many rows were recognised as one of the user's people, by what."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.person_id is not None and row.match_reason:
                counts[row.match_reason] = counts.get(row.match_reason, 0) + 1
        return counts

    @property
    def flagged(self) -> list[PlannedRow]:
        """New people who share an e-mail, phone or name with someone: possible duplicates."""
        return [row for row in self.rows if row.possible_duplicate_of is not None]

    @property
    def skipped_items(self) -> list[SkippedItem]:
        """Everything in the file that is not imported on purpose, with why, in file order
        (rows with a problem are in `errors`)."""
        items = list(self.parser_skipped)
        for row in self.rows_with("skip"):
            if row.reason == row.match_reason:  # one of your people, and nothing new
                why = f"already known, nothing new ({row.reason}): {row.person_name}"
                kind = "already known"
            else:  # a repeat of another line of the file, folded into it
                why = row.reason + (f" ({row.person_name})" if row.person_name else "")
                kind = "repeated in the file"
            items.append(SkippedItem(row.record.line, row.record.name, why, kind))
        for event in self.events_with("skip"):
            why, kind = event.reason, "repeated in the file"
            if event.event_id is not None:
                why, kind = f"already known, nothing new ({event.reason})", "already known"
            items.append(SkippedItem(event.record.line, event.record.name, why, kind))
        return sorted(items, key=lambda item: item.line)

    def summary(self) -> list[str]:
        """The matching part of the report in sentences (page, CLI)."""
        lines = []
        matched = self.matched
        if matched:
            how = ", ".join(f"{count} on {reason}" for reason, count in sorted(matched.items()))
            total = sum(matched.values())
            lines.append(
                f"{total} {'row' if total == 1 else 'rows'} matched people you have ({how})."
            )
        if self.flagged:
            count = len(self.flagged)
            lines.append(
                f"{count} new {'person shares' if count == 1 else 'people share'} an e-mail, "
                "phone or name with someone without being clearly the same person: created, "
                "and listed on the Duplicates screen to check."
            )
        return lines

    def result(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "matched": self.matched,
            "flagged": len(self.flagged),
            "possible_duplicates": [
                {
                    "line": row.record.line,
                    "name": row.record.name,
                    "person_id": row.possible_duplicate_of[0] or None,
                    "person_name": row.possible_duplicate_of[1],
                    "reason": row.possible_duplicate_reason,
                }
                for row in self.flagged
                if row.possible_duplicate_of is not None
            ],
            "skipped_items": [
                {"line": item.line, "name": item.name, "reason": item.reason}
                for item in self.skipped_items
            ],
            "errors": [{"line": error.line, "message": error.message} for error in self.errors],
        }
