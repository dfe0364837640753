"""Birthdays and anniversaries: a day and month, the year optional (`1985-04-12` or `--04-12`,
as vCard 4.0 and most address books store a birthday whose year is unknown). No Django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Apple Contacts writes a birthday without a year as 1604-MM-DD (X-APPLE-OMIT-YEAR=1604).
_NO_YEAR_SENTINELS = {1604, 1900, 1}
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T[\d:]*(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class PartialDate:
    month: int
    day: int
    year: int | None = None

    @property
    def iso(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` without a year (how it is stored and sent)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def display(self) -> str:
        """`12 April 1985`, or `12 April`."""
        text = f"{self.day} {_MONTHS[self.month - 1]}"
        return f"{text} {self.year}" if self.year else text

    def next_on_or_after(self, today: dt.date) -> dt.date:
        """The next anniversary of the date, today included (29 February falls on the 28th
        in other years)."""
        for year in (today.year, today.year + 1):
            day = self.day
            if self.month == 2 and day == 29 and not _leap(year):
                day = 28
            when = dt.date(year, self.month, day)
            if when >= today:
                return when
        raise AssertionError("unreachable: a date recurs within a year")

    def age_on(self, when: dt.date) -> int | None:
        """How many years it is on `when` (age, years married), when the year is known."""
        return when.year - self.year if self.year else None


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _checked(year: int | None, month: int, day: int) -> PartialDate | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: --02-29 is a valid birthday
    except ValueError:
        return None
    if year is not None and not 1000 <= year <= 9999:
        return None
    return PartialDate(month=month, day=day, year=year)


def parse_partial_date(text: str, *, omit_year: int | None = None) -> PartialDate | None:
    """`1985-04-12`, `19850412`, `1985-04-12T00:00:00Z`, `--04-12`, `--0412`, `4/12/1985`
    (month first, as Outlook's CSV writes it) or None when it is not such a date. `omit_year`
    is the year a producer writes for "no year" (Apple's X-APPLE-OMIT-YEAR)."""
    value = (text or "").strip()
    if not value:
        return None
    found = _NO_YEAR.match(value)
    if found:
        return _checked(None, int(found.group(1)), int(found.group(2)))
    found = _ISO.match(value)
    if found:
        year = int(found.group(1))
        if year == omit_year or year in _NO_YEAR_SENTINELS:
            return _checked(None, int(found.group(2)), int(found.group(3)))
        return _checked(year, int(found.group(2)), int(found.group(3)))
    found = _SLASHED.match(value)
    if found:
        month, day, year = (int(part) for part in found.groups())
        if year == 0 and month == 0:
            return None  # Outlook's "0/0/00": no date
        if year < 100:
            year += 1900 if year > 30 else 2000
        return _checked(year, month, day)
    return None


@dataclass(frozen=True)
class Celebration:
    """A birthday or anniversary coming up, and how to say when."""

    kind: str  # "birthday" or "anniversary"
    date: dt.date
    years: int | None
    text: str


SOON_DAYS = 14


def celebration_text(kind: str, when: dt.date, today: dt.date, years: int | None) -> str:
    """`Birthday today (turns 41)`, `Anniversary tomorrow`, `Birthday on Friday, 11 December`,
    `Birthday next week, on Tuesday 15 December`."""
    label = kind.capitalize()
    days = (when - today).days
    if days == 0:
        text = f"{label} today"
    elif days == 1:
        text = f"{label} tomorrow"
    else:
        weekday = f"{when:%A} {when.day} {_MONTHS[when.month - 1]}"
        this_week = days < 7 and when.isocalendar()[1] == today.isocalendar()[1]
        next_week = (
            not this_week
            and days < 14
            and (when - dt.timedelta(days=7)).isocalendar()[1] == today.isocalendar()[1]
        )
        if this_week:
            text = f"{label} this week, on {weekday}"
        elif next_week:
            text = f"{label} next week, on {weekday}"
        else:
            text = f"{label} on {weekday}"
    if years:
        text += f" (turns {years})" if kind == "birthday" else f" ({years} years)"
    return text


def celebrations_soon(
    *, birthday: str, anniversary: str, today: dt.date, days: int = SOON_DAYS
) -> list[Celebration]:
    """The person's birthday and anniversary when they fall within `days` from today."""
    found = []
    for kind, value in (("birthday", birthday), ("anniversary", anniversary)):
        date = parse_partial_date(value)
        if date is None:
            continue
        when = date.next_on_or_after(today)
        if (when - today).days <= days:
            years = date.age_on(when)
            found.append(Celebration(kind, when, years, celebration_text(kind, when, today, years)))
    return sorted(found, key=lambda item: item.date)
