"""Planning the events of a calendar import: matched by Hallway's UID, else by summary, start
and place."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from django.contrib.auth.models import User

from hallway.events.models import Event
from hallway.interop.importing.plan import PlannedEvent
from hallway.interop.parsers import EventRecord
from hallway.lib.ownership import owned
from hallway.lib.story import normalize_name

_HALLWAY_EVENT_UID = re.compile(r"^hallway-event-(\d{1,18})@")


def _place_key(location: str) -> str:
    return normalize_name(location)


def plan_events(owner: User, records: list[EventRecord]) -> list[PlannedEvent]:
    """Each event is matched by the UID Hallway wrote on export, else by summary, start and
    location (an event without UID — many meetup sites write none — is found again on every
    re-import); an event at the same summary and start with no place on one side is the same
    event too (it gains the place)."""
    by_id: dict[int, tuple[int, str, dt.datetime, str, dt.datetime | None]] = {}
    exact: dict[tuple[str, dt.datetime, str], int] = {}
    by_start: dict[tuple[str, dt.datetime], list[int]] = defaultdict(list)
    for event_id, name, starts_at, location, ends_at in owned(Event, owner).values_list(
        "id", "name", "starts_at", "location", "ends_at"
    ):
        by_id[event_id] = (event_id, name, starts_at, location, ends_at)
        exact.setdefault((normalize_name(name), starts_at, _place_key(location)), event_id)
        by_start[(normalize_name(name), starts_at)].append(event_id)
    planned: list[PlannedEvent] = []
    seen: set[str] = set()
    for record in records:
        name_key = normalize_name(record.name)
        file_key = (
            record.uid or f"{name_key}|{record.starts_at.isoformat()}|{_place_key(record.location)}"
        )
        if file_key in seen:
            planned.append(
                PlannedEvent(record=record, action="skip", reason="repeated in this file")
            )
            continue
        seen.add(file_key)
        found = _HALLWAY_EVENT_UID.match(record.uid)
        pk: int | None = int(found.group(1)) if found and int(found.group(1)) in by_id else None
        reason = "same Hallway UID" if pk is not None else ""
        if pk is None:
            pk = exact.get((name_key, record.starts_at, _place_key(record.location)))
            reason = "same summary, start and location"
        if pk is None:
            placeless = [
                other
                for other in by_start.get((name_key, record.starts_at), [])
                if not by_id[other][3] or not record.location
            ]
            pk = placeless[0] if placeless else None
            reason = "same summary and start"
        if pk is None:
            planned.append(PlannedEvent(record=record, action="create"))
            continue
        _, _, _, location, ends_at = by_id[pk]
        changes: dict[str, Any] = {}
        if record.location and not location:
            changes["location"] = record.location
        if record.ends_at and not ends_at:
            changes["ends_at"] = record.ends_at
        planned.append(
            PlannedEvent(
                record=record,
                action="update" if changes else "skip",
                event_id=pk,
                changes=changes,
                reason=reason,
            )
        )
    return planned
