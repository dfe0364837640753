"""Reads for recall: person and event briefings, who to reconnect with, follow-ups due.

- `person_briefings`: everything to read before meeting someone again
- `event_briefings`: the people you know who are linked to an event
- `keeping_in_touch`: the reconnect list and follow-ups (open, filtered, due)
- `payloads`: all of them as response payloads (API) and, through `records_as_json`, JSON (CLI)
"""

from __future__ import annotations

from hallway.recall.selectors.event_briefings import (
    MAX_KNOWN_PEOPLE,
    REASON_LABELS,
    SHORT_STORY_LENGTH,
    AttendeeMatch,
    EventBriefing,
    KnownPerson,
    attendees_matched,
    event_briefing,
    previous_editions,
    short_story,
)
from hallway.recall.selectors.keeping_in_touch import (
    DUE_GROUP_LIMIT,
    DueGroups,
    days_overdue,
    followup_rows,
    followups_due,
    followups_filter,
    followups_open,
    overdue_days,
    people_to_reconnect,
    reconnect_count,
    reconnect_rows,
)
from hallway.recall.selectors.payloads import (
    event_briefing_payload,
    followup_payload,
    person_briefing_payload,
    reconnect_payload,
)
from hallway.recall.selectors.person_briefings import (
    PERSON_FOR_BRIEFING,
    Met,
    PersonBriefing,
    person_briefing,
    said_by_person,
)

__all__ = [
    "DUE_GROUP_LIMIT",
    "MAX_KNOWN_PEOPLE",
    "PERSON_FOR_BRIEFING",
    "REASON_LABELS",
    "SHORT_STORY_LENGTH",
    "AttendeeMatch",
    "DueGroups",
    "EventBriefing",
    "KnownPerson",
    "Met",
    "PersonBriefing",
    "attendees_matched",
    "event_briefing",
    "event_briefing_payload",
    "followup_payload",
    "days_overdue",
    "followup_rows",
    "followups_due",
    "followups_filter",
    "followups_open",
    "overdue_days",
    "people_to_reconnect",
    "reconnect_count",
    "reconnect_rows",
    "person_briefing",
    "person_briefing_payload",
    "previous_editions",
    "reconnect_payload",
    "said_by_person",
    "short_story",
]
