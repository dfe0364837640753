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


MAX_OCCURRENCES = 100
# What Hallway's own export writes beside the events (X-HALLWAY-KIND), left out on import
_NOT_EVENTS = {
    "followup": "a follow-up reminder",
    "birthday": "a birthday",
    "anniversary": "an anniversary",
}
# An endless (or very long) series is imported as its occurrences in this window around today.
OCCURRENCES_BEFORE = dt.timedelta(days=90)
OCCURRENCES_AFTER = dt.timedelta(days=180)


def _calendars(text: str) -> list[Any]:
    """Every VCALENDAR of the file (some exports concatenate several), or the bare VEVENTs
    of a file that has no VCALENDAR around them."""
    if not re.search(r"^BEGIN:VCALENDAR\s*$", text, re.I | re.M):
        if len(re.findall(r"^BEGIN:VEVENT\s*$", text, re.I | re.M)) != len(
            re.findall(r"^END:VEVENT\s*$", text, re.I | re.M)
        ):
            raise ImportFileError("An event (VEVENT) has no END:VEVENT: the file looks truncated.")
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"
    elif len(re.findall(r"^BEGIN:VCALENDAR\s*$", text, re.I | re.M)) != len(
        re.findall(r"^END:VCALENDAR\s*$", text, re.I | re.M)
    ):
        raise ImportFileError("The calendar ends without END:VCALENDAR: the file looks truncated.")
    try:
        return list(icalendar.Calendar.from_ical(text, multiple=True))
    except Exception as error:  # icalendar raises ValueError and friends on malformed input
        message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise ImportFileError(f"The iCalendar file could not be read: {message}") from error


def _wall(value: Any, zone: dt.tzinfo) -> dt.datetime:
    """A date or time as naive wall-clock time in `zone` (for expanding a series)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
    return dt.datetime.combine(value, dt.time(0, 0))


def _dates(component: Any, name: str, zones: _Zones) -> list[Any]:
    """RDATE or EXDATE values, their times in the zone their TZID names, resolved as DTSTART's
    is (`_moment`): what icalendar attached may be a zone of that name remembered from another
    file, and an EXDATE an hour off excludes nothing."""
    found = component.get(name)
    if found is None:
        return []
    values = []
    for entry in found if isinstance(found, list) else [found]:
        tzid = str(entry.params.get("TZID") or "").strip()
        zone = (zones.get(tzid) or zones.default) if tzid else None
        for item in entry.dts:
            value = item.dt
            if zone is not None and isinstance(value, dt.datetime):
                value = value.replace(tzinfo=zone)
            values.append(value)
    return values


def _occurrences(
    component: Any, start: dt.datetime, today: dt.date, moved: set[dt.datetime], zones: _Zones
) -> tuple[list[dt.datetime], str]:
    """The starts of a recurring event (RRULE, RDATE, EXDATE) that are imported, and a sentence
    for the report. A finite series of at most MAX_OCCURRENCES is imported whole; a longer or
    endless one only from 90 days before to 180 days after today."""
    from dateutil.rrule import rruleset, rrulestr

    zone = start.tzinfo or dt.UTC
    first = start.replace(tzinfo=None)
    series = rruleset()
    finite = True
    rules = component.get("RRULE")
    for rule in [] if rules is None else rules if isinstance(rules, list) else [rules]:
        text = rule.to_ical().decode()
        finite = finite and ("COUNT=" in text.upper() or "UNTIL=" in text.upper())
        series.rrule(rrulestr(text, dtstart=first, ignoretz=True))  # type: ignore[arg-type]
    series.rdate(first)
    for value in _dates(component, "RDATE", zones):
        series.rdate(_wall(value, zone))
    for value in _dates(component, "EXDATE", zones):
        series.exdate(_wall(value, zone))
    low = dt.datetime.combine(today, dt.time(0, 0)) - OCCURRENCES_BEFORE
    high = dt.datetime.combine(today, dt.time(0, 0)) + OCCURRENCES_AFTER
    whole: list[dt.datetime] = []
    if finite:
        for occurrence in series:
            whole.append(occurrence)
            if len(whole) > MAX_OCCURRENCES:
                break
    if finite and len(whole) <= MAX_OCCURRENCES:
        chosen, note = whole, ""
    else:
        chosen = series.between(low, high, inc=True)[:MAX_OCCURRENCES]
        note = (
            f"; only those from {low.date().isoformat()} to {high.date().isoformat()} "
            f"(at most {MAX_OCCURRENCES}) are imported"
        )
    moments = [occurrence.replace(tzinfo=zone) for occurrence in chosen]
    # occurrences changed by a RECURRENCE-ID event of the file are imported from that event
    moments = [moment for moment in moments if moment.astimezone(dt.UTC) not in moved]
    if not moments:
        return [], f"repeats, but has no occurrence from {low.date()} to {high.date()}; skipped"
    return moments, (
        f"repeats: imported as {len(moments)} separate events, "
        f"{moments[0].date().isoformat()} to {moments[-1].date().isoformat()}{note}"
    )


def parse_ics(text: str, zone_name: str = "UTC", today: dt.date | None = None) -> ParsedFile:
    calendars = _calendars(text)
    today = today or dt.date.today()
    parsed = ParsedFile(format="ics")
    lines = _line_numbers(text)
    count = 0
    for calendar in calendars:
        count += _read_calendar(calendar, zone_name, today, lines, count, parsed)
    if not count:
        raise ImportFileError("The calendar has no events (VEVENT) to import.")
    return parsed


def _read_calendar(
    calendar: Any,
    zone_name: str,
    today: dt.date,
    lines: list[int],
    offset: int,
    parsed: ParsedFile,
) -> int:
    """Read one VCALENDAR's events into `parsed`; returns how many VEVENTs it has."""
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
    events = list(calendar.walk("VEVENT"))
    if offset + len(events) > MAX_IMPORT_ROWS:
        raise ImportFileError(
            f"The calendar has more than {MAX_IMPORT_ROWS:,} events (HALLWAY_IMPORT_MAX_ROWS)."
        )
    # Changed occurrences of a series (RECURRENCE-ID) replace the generated ones.
    moved: set[tuple[str, dt.datetime]] = set()
    for component in events:
        recurrence = component.get("RECURRENCE-ID")
        if recurrence is not None:
            with contextlib.suppress(Exception):
                moment, _ = _moment(recurrence, zones)
                if moment is not None:
                    moved.add((str(component.get("UID") or ""), moment.astimezone(dt.UTC)))
    for index, component in enumerate(events):
        line = lines[offset + index] if offset + index < len(lines) else 0
        kind = str(component.get("X-HALLWAY-KIND") or "")
        if kind in _NOT_EVENTS:
            parsed.skipped.append(
                SkippedItem(
                    line,
                    _text(component, "SUMMARY")[:200],
                    f"{_NOT_EVENTS[kind]} from a Hallway export, not an event",
                    "not an event",
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
        uid = str(component.get("UID") or "").strip()[:300]
        starts = [starts_at]
        in_series = component.get("RECURRENCE-ID") is not None
        if component.get("RECURRENCE-ID") is None and (
            component.get("RRULE") is not None or component.get("RDATE") is not None
        ):
            in_series = True
            try:
                starts, sentence = _occurrences(
                    component, starts_at, today, {when for key, when in moved if key == uid}, zones
                )
            except Exception as error:  # a rule dateutil cannot read: keep the first one
                starts = [starts_at]
                sentence = (
                    f"repeats by a rule that cannot be read ({str(error)[:80]}); only its "
                    "first date is imported"
                )
            parsed.errors.append(RowError(line, f"“{name[:60]}” {sentence}."))
        goal_raw = str(component.get("X-HALLWAY-GOAL") or "")
        length = ends_at - starts_at if ends_at is not None else None
        for start in starts:
            parsed.events.append(
                EventRecord(
                    line=line,
                    name=name[:200],
                    starts_at=start.astimezone(dt.UTC),
                    ends_at=(start + length).astimezone(dt.UTC) if length is not None else None,
                    location=_text(component, "LOCATION").replace("\x00", "")[:300],
                    reflection=str(component.get("X-HALLWAY-REFLECTION") or "")
                    .replace("\x00", "")
                    .strip(),
                    goal_new_connections=int(goal_raw)
                    if goal_raw.isdigit() and len(goal_raw) <= 6
                    else None,
                    uid=f"{uid}#{start.astimezone(dt.UTC).isoformat()}"
                    if uid and in_series
                    else uid,
                )
            )
    return len(events)
