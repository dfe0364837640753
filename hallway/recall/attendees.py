"""Read an attendee list, pasted as lines or uploaded as CSV, into (name, email, company) rows.

Accepted, one attendee per line:
- a CSV file with a header row naming its columns: name / full name / first name + last name,
  email / e-mail / email address, company / organization / organisation / employer;
- pasted lines such as "Jane Doe <jane@acme.com>", "Jane Doe, Acme", "Jane Doe - Acme",
  "jane@acme.com" or just "Jane Doe".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

MAX_ATTENDEES = 5000
MAX_BYTES = 2_000_000

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_COLUMNS = ("name", "full name", "fullname", "attendee", "attendee name", "display name")
_FIRST_COLUMNS = ("first name", "firstname", "given name", "first")
_LAST_COLUMNS = ("last name", "lastname", "surname", "family name", "last")
_EMAIL_COLUMNS = ("email", "e-mail", "email address", "e-mail address", "mail")
_COMPANY_COLUMNS = ("company", "organization", "organisation", "employer", "company name", "org")


class AttendeeListError(ValueError):
    """The list could not be read; the message says why, for the user."""


@dataclass(frozen=True)
class ParsedAttendee:
    name: str
    email: str
    company: str


def decode(data: bytes) -> str:
    """Bytes of an uploaded file as text (UTF-8 with or without BOM, else Latin-1)."""
    if len(data) > MAX_BYTES:
        raise AttendeeListError(f"The file is larger than {MAX_BYTES // 1_000_000} MB.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _clean(value: str | None, limit: int) -> str:
    return " ".join((value or "").split()).strip(" \"'")[:limit]


def _column(header: list[str], choices: tuple[str, ...]) -> int | None:
    folded = [" ".join(cell.casefold().replace("_", " ").split()) for cell in header]
    for choice in choices:
        if choice in folded:
            return folded.index(choice)
    return None


def _looks_like_header(line: str) -> bool:
    cells = [
        " ".join(cell.casefold().replace("_", " ").split()) for cell in re.split(r"[,;\t]", line)
    ]
    known = set(_NAME_COLUMNS + _FIRST_COLUMNS + _LAST_COLUMNS + _EMAIL_COLUMNS + _COMPANY_COLUMNS)
    return len(cells) > 1 and any(cell in known for cell in cells) and not _EMAIL.search(line)


def _parse_csv(text: str) -> list[ParsedAttendee]:
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    name_at = _column(header, _NAME_COLUMNS)
    first_at, last_at = _column(header, _FIRST_COLUMNS), _column(header, _LAST_COLUMNS)
    email_at, company_at = _column(header, _EMAIL_COLUMNS), _column(header, _COMPANY_COLUMNS)
    if name_at is None and first_at is None and last_at is None and email_at is None:
        raise AttendeeListError("The CSV header has no name or email column.")

    def cell(row: list[str], index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    result = []
    for row in body:
        name = cell(row, name_at) or f"{cell(row, first_at)} {cell(row, last_at)}"
        email = cell(row, email_at)
        result.append(
            ParsedAttendee(
                _clean(name, 200), _clean(email, 254).lower(), _clean(cell(row, company_at), 200)
            )
        )
    return result


def _parse_line(line: str) -> ParsedAttendee:
    email_match = _EMAIL.search(line)
    email = email_match.group(0).lower() if email_match else ""
    rest = re.sub(r"[<>()\[\]]", " ", _EMAIL.sub(" ", line))
    parts = [
        part
        for part in (_clean(part, 200) for part in re.split(r"[,;\t|]|\s[-–—]\s", rest))
        if part
    ]
    name = parts[0] if parts else ""
    company = parts[1] if len(parts) > 1 else ""
    return ParsedAttendee(name, email[:254], company)


def parse_attendees(text: str) -> list[ParsedAttendee]:
    """The attendees in the text (CSV with a header, or one per line); blank lines are skipped."""
    # No database stores NUL characters or lone surrogates: drop them rather than fail later.
    text = (text or "").replace("\x00", "").encode("utf-8", "replace").decode("utf-8").strip()
    if not text:
        raise AttendeeListError(
            "The attendee list is empty: paste one name per line or upload a CSV file."
        )
    first_line = text.splitlines()[0]
    parsed = (
        _parse_csv(text)
        if _looks_like_header(first_line)
        else [_parse_line(line) for line in text.splitlines()]
    )
    seen: set[str] = set()
    result = []
    for attendee in parsed:
        if not attendee.name and not attendee.email:
            continue
        key = attendee.email or " ".join(attendee.name.casefold().split())
        if key in seen:
            continue
        seen.add(key)
        result.append(attendee)
    if not result:
        raise AttendeeListError("No attendees found: each line needs a name or an e-mail address.")
    if len(result) > MAX_ATTENDEES:
        raise AttendeeListError(
            f"An attendee list holds at most {MAX_ATTENDEES} people ({len(result)} given)."
        )
    return result
