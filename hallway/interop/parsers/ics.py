"""iCalendar events (a conference's calendar or an exported calendar) into EventRecords.

Times with a TZID are converted with that zone; UTC times stay UTC; floating times and
all-day dates are read in the instance's time zone (HALLWAY_TIME_ZONE), passed in by the caller.

Time zones are resolved per file, from that file and the system's zone database only: the
icalendar library remembers every VTIMEZONE it has parsed for the life of the process and
would otherwise apply one file's definition to the next file's undefined TZID.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zoneinfo
from typing import Any

import icalendar

from hallway.interop.parsers import (
    MAX_IMPORT_ROWS,
    EventRecord,
    ImportFileError,
    ParsedFile,
    RowError,
    SkippedItem,
)


def _line_numbers(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


_VENDOR_PREFIX = re.compile(r"^/(?:[^/]+/)*?(?=[A-Z][A-Za-z_+-]*/[A-Za-z_+-])")


def _system_zone(tzid: str) -> dt.tzinfo | None:
    """A TZID from the system's zone database: an IANA name, the same after a vendor prefix
    (`/mozilla.org/20050126_1/Europe/Paris`), or a Windows name (`W. Europe Standard Time`)."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    tzid = tzid.strip().strip('"')
    candidates = [tzid, _VENDOR_PREFIX.sub("", tzid), "/".join(tzid.rsplit("/", 2)[-2:])]
    if tzid in WINDOWS_TO_OLSON:
        candidates.append(WINDOWS_TO_OLSON[tzid])
    if tzid.upper() in ("UTC", "GMT", "Z", "ETC/UTC"):
        return dt.UTC
    for name in candidates:
        if name and "/" in name and not name.startswith("/"):
            try:
                return zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    return None


class _Zones:
    """The time zones of one file: its VTIMEZONE definitions and the system's database."""

    def __init__(self, calendar: Any, default: dt.tzinfo) -> None:
        self.default = default
        self.defined: dict[str, Any] = {}
        for component in calendar.walk("VTIMEZONE"):
            tzid = str(component.get("TZID") or "").strip()
            if tzid:
                self.defined.setdefault(tzid, component)
        self.resolved: dict[str, dt.tzinfo | None] = {}
        self.unknown: set[str] = set()

    def get(self, tzid: str) -> dt.tzinfo | None:
        if tzid not in self.resolved:
            zone = _system_zone(tzid)
            if zone is None and tzid in self.defined:
                try:
                    # A fresh zone from this file's definition, never one remembered from another
                    zone = self.defined[tzid].to_tz(lookup_tzid=False)
                except Exception:  # a malformed VTIMEZONE: fall back below
                    zone = None
            self.resolved[tzid] = zone
        return self.resolved[tzid]


def _moment(prop: Any, zones: _Zones) -> tuple[dt.datetime | None, str]:
    """A DTSTART/DTEND as an aware time, and the TZID that could not be resolved (or "")."""
    value = prop.dt
    if isinstance(value, dt.datetime):
        tzid = str(prop.params.get("TZID") or "").strip()
        if tzid:
            zone = zones.get(tzid)
            # The wall-clock time as written in the file, whatever icalendar attached to it.
            naive = value.replace(tzinfo=None)
            if zone is None:
                return naive.replace(tzinfo=zones.default), tzid
            return naive.replace(tzinfo=zone), ""
        if value.tzinfo is None:
            return value.replace(tzinfo=zones.default), ""
        return value, ""
    return _aware(value, zones.default), ""


def _aware(value: Any, zone: dt.tzinfo) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)
    return None


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    return " ".join(str(value).split()) if name != "DESCRIPTION" else str(value).strip()


def parse_ics(text: str, zone_name: str = "UTC") -> ParsedFile:
    if not re.search(r"^END:VCALENDAR\s*$", text, re.I | re.M):
        raise ImportFileError("The calendar ends without END:VCALENDAR: the file looks truncated.")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # icalendar raises ValueError and friends on malformed input
        message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise ImportFileError(f"The iCalendar file could not be read: {message}") from error
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    calendar_zone = str(calendar.get("X-WR-TIMEZONE") or "")
    if calendar_zone:
        with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(calendar_zone)
    default_name = getattr(zone, "key", "UTC")
    zones = _Zones(calendar, zone)
    parsed = ParsedFile(format="ics")
    lines = _line_numbers(text)
    events = list(calendar.walk("VEVENT"))
    if len(events) > MAX_IMPORT_ROWS:
        raise ImportFileError(
            f"The calendar has more than {MAX_IMPORT_ROWS:,} events (HALLWAY_IMPORT_MAX_ROWS)."
        )
    for index, component in enumerate(events):
        line = lines[index] if index < len(lines) else 0
        if str(component.get("X-HALLWAY-KIND") or "") == "followup":
            parsed.skipped.append(
                SkippedItem(
                    line,
                    _text(component, "SUMMARY")[:200],
                    "a follow-up reminder from a Hallway export, not an event",
                )
            )
            continue
        name = _text(component, "SUMMARY").replace("\x00", "")
        if not name:
            parsed.errors.append(RowError(line, "This event has no SUMMARY (name); skipped."))
            continue
        try:
            start_prop = component.get("DTSTART")
            starts_at, unknown = (
                _moment(start_prop, zones) if start_prop is not None else (None, "")
            )
            end_prop = component.get("DTEND")
            ends_at, unknown_end = _moment(end_prop, zones) if end_prop is not None else (None, "")
            for tzid in (unknown, unknown_end):
                if tzid and tzid not in zones.unknown:
                    zones.unknown.add(tzid)
                    parsed.errors.append(
                        RowError(
                            line,
                            f"The time zone “{tzid[:60]}” is neither defined in the file nor "
                            f"known to the system: its times were read in {default_name}.",
                        )
                    )
            if ends_at is None and component.get("DURATION") is not None and starts_at is not None:
                ends_at = starts_at + component.get("DURATION").dt
        except Exception as error:  # broken dates or unknown time zones
            parsed.errors.append(
                RowError(line, f"“{name[:60]}” has a date that cannot be read: {str(error)[:120]}")
            )
            continue
        if starts_at is None:
            parsed.errors.append(RowError(line, f"“{name[:60]}” has no start (DTSTART); skipped."))
            continue
        if ends_at is not None and ends_at < starts_at:
            ends_at = None
        goal_raw = str(component.get("X-HALLWAY-GOAL") or "")
        parsed.events.append(
            EventRecord(
                line=line,
                name=name[:200],
                starts_at=starts_at.astimezone(dt.UTC),
                ends_at=ends_at.astimezone(dt.UTC) if ends_at else None,
                location=_text(component, "LOCATION").replace("\x00", "")[:300],
                reflection=str(component.get("X-HALLWAY-REFLECTION") or "")
                .replace("\x00", "")
                .strip(),
                goal_new_connections=int(goal_raw)
                if goal_raw.isdigit() and len(goal_raw) <= 6
                else None,
                uid=str(component.get("UID") or "").strip()[:300],
            )
        )
    if not events:
        raise ImportFileError("The calendar has no events (VEVENT) to import.")
    return parsed
