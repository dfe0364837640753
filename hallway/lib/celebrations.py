"""Birthdays and anniversaries as yearly all-day calendar entries, written the same way in the
calendar feed (hallway.updates.feeds) and the .ics export (hallway.interop.exporting)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar

from hallway.lib.partial_dates import PartialDate, parse_partial_date

KINDS = ("birthday", "anniversary")


def celebrations_of(person: Any) -> list[tuple[str, PartialDate]]:
    """The person's birthday and anniversary that are readable dates, as (kind, date)."""
    found = []
    for kind in KINDS:
        date = parse_partial_date(getattr(person, kind))
        if date is not None:
            found.append((kind, date))
    return found


def celebration_event(
    *, kind: str, date: PartialDate, name: str, first_year: int, uid: str, now: dt.datetime
) -> icalendar.Event:
    """A yearly all-day entry from `first_year` on (29 February falls on the last day of
    February in other years), shown as free time; the summary says whose and since when."""
    if date.month == 2 and date.day == 29:
        start = dt.date(first_year, 3, 1) - dt.timedelta(days=1)  # 28th or 29th
        rule: dict[str, Any] = {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    else:
        start = dt.date(first_year, date.month, date.day)
        rule = {"freq": "yearly"}
    item = icalendar.Event()
    item.add("uid", uid)
    item.add("dtstamp", now)
    since = f" (since {date.year})" if date.year else ""
    item.add("summary", f"{kind.capitalize()}: {name}{since}")
    item.add("dtstart", start)
    item.add("dtend", start + dt.timedelta(days=1))
    item.add("rrule", rule)
    item.add("transp", "TRANSPARENT")
    return item
