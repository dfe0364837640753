"""Plain JSON-able data in the API's spelling (what `--json` prints): ISO 8601 times with `Z`
for UTC, ISO dates, and records turned into dicts by the converters the caller names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any


def iso_moment(value: dt.datetime | None) -> str | None:
    """A time as the API writes it: ISO 8601, `Z` for UTC (as pydantic does)."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def jsonable(value: Any, records: Mapping[type, Callable[[Any], Any]]) -> Any:
    """The value with its dicts and lists walked, times and dates as text, and every object of a
    type in `records` replaced by what its converter returns."""
    converter = records.get(type(value))
    if converter is not None:
        return converter(value)
    if isinstance(value, dict):
        return {key: jsonable(item, records) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item, records) for item in value]
    if isinstance(value, dt.datetime):
        return iso_moment(value)
    if isinstance(value, dt.date):
        return iso_day(value)
    return value
