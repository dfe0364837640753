"""Find a due date in a one-line follow-up: "send the article on Tuesday", "call tomorrow"."""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Full names and the usual short forms, all mapping to Monday=0 … Sunday=6.
_WEEKDAY_WORDS: dict[str, int] = {}
for _index, _name in enumerate(_WEEKDAYS):
    _WEEKDAY_WORDS[_name] = _index
    _WEEKDAY_WORDS[_name[:3]] = _index
_WEEKDAY_WORDS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_IN_N = re.compile(r"\bin (\d{1,3}|a|one|two|three) (day|days|week|weeks)\b")
_WORDS = re.compile(r"[a-z]+")
_SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3}


def parse_due(text: str, *, today: dt.date) -> dt.date | None:
    """The date the text names, relative to today, or None when it names none.

    Understands ISO dates (2026-12-01), "today", "tomorrow", "next week" (next Monday),
    "in 3 days" / "in two weeks", and weekday names ("Tuesday", "next tue"): a weekday means
    its next occurrence after today, so "Tuesday" said on a Tuesday is a week away.
    """
    lowered = (text or "").casefold()
    iso = _ISO_DATE.search(lowered)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if re.search(r"\btomorrow\b", lowered):
        return today + dt.timedelta(days=1)
    if re.search(r"\b(today|tonight)\b", lowered):
        return today
    relative = _IN_N.search(lowered)
    if relative:
        count = _SMALL_NUMBERS.get(relative.group(1)) or int(relative.group(1))
        unit_days = 7 if relative.group(2).startswith("week") else 1
        return today + dt.timedelta(days=count * unit_days)
    words = _WORDS.findall(lowered)
    for position, word in enumerate(words):
        if word in _WEEKDAY_WORDS:
            return _next_weekday(today, _WEEKDAY_WORDS[word])
        if word == "week" and position > 0 and words[position - 1] == "next":
            return _next_weekday(today, 0)
    return None


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    days_ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today + dt.timedelta(days=days_ahead)
