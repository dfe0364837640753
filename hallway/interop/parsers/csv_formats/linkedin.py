"""LinkedIn's Connections.csv."""

from __future__ import annotations

import datetime as dt
import functools

from hallway.interop.parsers import ContactRecord, RowError, clean_email, normalize_url, split_name
from hallway.interop.parsers.csv_formats.cells import cell

_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


@functools.lru_cache(maxsize=4096)
def _linkedin_date(value: str) -> dt.date | None:
    # Cached: a file's rows share a few hundred dates.
    parts = value.split()
    if (
        len(parts) == 3
        and parts[0].isdigit()
        and parts[2].isdigit()
        and parts[1][:3].lower() in _MONTHS
    ):
        try:
            return dt.date(int(parts[2]), _MONTHS[parts[1][:3].lower()], int(parts[0]))
        except ValueError:
            return None
    for pattern in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_linkedin(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    record.name = split_name(f"{cell(row, 'first name')} {cell(row, 'last name')}")
    url = cell(row, "url", "profile url")
    if url:
        record.linkedin_url = normalize_url(url)
    email = clean_email(cell(row, "email address"))
    if email:
        record.emails.append(email)
    record.company = cell(row, "company")
    record.role = cell(row, "position")
    connected = cell(row, "connected on")
    if connected:
        date = _linkedin_date(connected)
        if date is None:
            errors.append(
                RowError(line, f"“{connected[:30]}” is not a date like 15 Mar 2024; kept as text.")
            )
            record.met_at = f"Connected on LinkedIn ({connected[:40]})"
        else:
            record.met_at = f"Connected on LinkedIn on {date.isoformat()}"
    return record
