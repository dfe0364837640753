"""LinkedIn Connections.csv, Google Contacts CSV and Outlook CSV, always read by header name.

LinkedIn puts a few "Notes:" lines before the real header; Google repeats numbered columns
(`E-mail 1 - Value`, `E-mail 2 - Value`…), packs several values in one cell with ` ::: ` and
marks the primary one with `* `.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

from hallway.interop.parsers import (
    MAX_CSV_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_IMPORT_ROWS,
    ContactRecord,
    ImportFileError,
    ParsedFile,
    RowError,
    clean_email,
    is_linkedin,
    looks_like_email,
    normalize_url,
    split_name,
)
from hallway.lib.partial_dates import parse_partial_date

HEADER_SEARCH_LINES = 30

# What each format's header must contain (case-insensitive), most specific first.
SIGNATURES: list[tuple[str, set[str]]] = [
    ("linkedin", {"first name", "last name", "connected on"}),
    ("linkedin", {"first name", "last name", "url", "position"}),
    ("google", {"e-mail 1 - value"}),
    ("google", {"given name", "family name", "group membership"}),
    ("google", {"organization name", "labels"}),
    ("outlook", {"first name", "last name", "e-mail address"}),
    ("outlook", {"first name", "last name", "job title", "company"}),
    # Outlook on the web / Exchange: one Name column (with Action and ID columns beside it)
    ("outlook", {"name", "e-mail address"}),
    # Roundcube and Thunderbird: Display Name, Primary Email…
    ("outlook", {"display name", "primary email"}),
    ("outlook", {"display name", "e-mail address"}),
    # Nothing but addresses (an export of a mailing list or a webmail's "collected addresses")
    ("outlook", {"e-mail address"}),
]
DELIMITERS = (",", ";", "\t")


def _fold(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").strip().strip('"').casefold().split())


def _check_columns(line: str, number: int) -> None:
    separators = max(line.count(delimiter) for delimiter in DELIMITERS)
    if separators >= MAX_CSV_COLUMNS:
        raise ImportFileError(
            f"Line {number} has {separators + 1:,} columns; no contacts export has more than "
            f"{MAX_CSV_COLUMNS}. The file is not a contacts CSV."
        )


def _header_cells(line: str, delimiter: str) -> list[str]:
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    if len(cells) == 1 and delimiter in cells[0]:
        # The whole header quoted as one cell (a spreadsheet saved it that way)
        cells = next(csv.reader([cells[0]], delimiter=delimiter), [])
    return cells


def _find_header(text: str) -> tuple[str, int, str]:
    """The format, the index of the header line among the first lines, and the delimiter
    (`,`; `;` from spreadsheets in European locales; tab)."""
    lines = text.splitlines()[:HEADER_SEARCH_LINES]
    for index, line in enumerate(lines):
        _check_columns(line, index + 1)
        for delimiter in DELIMITERS:
            if delimiter != "," and delimiter not in line:
                continue
            cells = {_fold(cell) for cell in _header_cells(line, delimiter)}
            for format, required in SIGNATURES:
                if required <= cells:
                    return format, index, delimiter
    first = lines[0][:120] if lines else ""
    raise ImportFileError(
        "No known CSV header found. Expected LinkedIn (First Name, Last Name, URL, Email Address, "
        "Company, Position, Connected On), Google Contacts (… E-mail 1 - Value …), Outlook "
        "(First Name, Last Name, E-mail Address … or Name, E-mail Address) or Roundcube / "
        f"Thunderbird (Display Name, Primary Email …) columns; the file starts with: “{first}”."
    )


def detect_csv_format(text: str) -> str:
    return _find_header(text)[0]


def _rows(
    text: str, header_index: int, delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {folded header: value}) for each data row."""
    lines = text.splitlines(keepends=True)
    header = [_fold(cell) for cell in _header_cells(lines[header_index], delimiter)]
    body = "".join(lines[header_index + 1 :])
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    header_index += 1
    try:
        count = 0
        for row in reader:
            line = header_index + reader.line_num
            if len(row) > MAX_CSV_COLUMNS:
                raise ImportFileError(
                    f"Line {line} has {len(row):,} columns; no contacts export has more than "
                    f"{MAX_CSV_COLUMNS}. The file is not a contacts CSV."
                )
            if not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > MAX_IMPORT_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_IMPORT_ROWS:,} rows (HALLWAY_IMPORT_MAX_ROWS). "
                    "Split it into smaller files."
                )
            yield line, dict(zip(header, row, strict=False))
    except csv.Error as error:
        raise ImportFileError(
            f"The CSV file is malformed near line {header_index + reader.line_num}: {error}."
        ) from error


def _get(row: dict[str, str], *names: str) -> str:
    for name in names:
        value = (row.get(name) or "").strip()
        if value:
            return value
    return ""


def _multi(value: str) -> list[str]:
    """Google's ` ::: ` multi-values, the one marked primary (`* `) first, without the mark."""
    primary, others = [], []
    for part in value.split(":::"):
        part = part.strip()
        if part.startswith("* "):
            primary.append(part[2:].strip())
        elif part:
            others.append(part)
    return [item for item in primary + others if item]


def _add_unique(target: list[str], values: list[str], key: object = str.lower) -> None:
    seen = {value.lower() for value in target}
    for value in values:
        if value and value.lower() not in seen:
            target.append(value)
            seen.add(value.lower())


def _numbered(row: dict[str, str], prefix: str, suffix: str = "value") -> list[tuple[str, str]]:
    """Google's numbered columns: (label, value) for `prefix N - value`, in N order."""
    found = []
    for key, value in row.items():
        match = re.fullmatch(rf"{re.escape(prefix)} (\d+) - {suffix}", key)
        if match and value.strip():
            label = (
                row.get(f"{prefix} {match.group(1)} - type")
                or row.get(f"{prefix} {match.group(1)} - label")
                or ""
            )
            found.append((int(match.group(1)), label, value))
    # Google marks the primary value's label with a leading "* " ("* Work"): it comes first,
    # so it becomes the person's main e-mail or phone; the others keep their column order.
    found.sort(key=lambda item: (not item[1].lstrip().startswith("*"), item[0]))
    return [(label.lstrip("* ").strip(), value) for _, label, value in found]


_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def _linkedin_date(value: str) -> dt.date | None:
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


def _linkedin(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    record.name = split_name(f"{_get(row, 'first name')} {_get(row, 'last name')}")
    url = _get(row, "url", "profile url")
    if url:
        record.linkedin_url = normalize_url(url)
    email = clean_email(_get(row, "email address"))
    if email:
        record.emails.append(email)
    record.company = _get(row, "company")
    record.role = _get(row, "position")
    connected = _get(row, "connected on")
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


def _google(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    name = _get(row, "name")
    if not name:
        parts = [
            _get(row, "name prefix"),
            _get(row, "given name", "first name"),
            _get(row, "additional name", "middle name"),
            _get(row, "family name", "last name"),
            _get(row, "name suffix"),
        ]
        name = " ".join(part for part in parts if part)
    record.name = split_name(name or _get(row, "nickname", "file as"))
    for _, value in _numbered(row, "e-mail"):
        _add_unique(record.emails, [clean_email(item) for item in _multi(value)])
    for _, value in _numbered(row, "phone"):
        _add_unique(record.phones, _multi(value))
    record.company = _get(row, "organization 1 - name", "organization name")
    record.role = _get(row, "organization 1 - title", "organization title")
    for label, value in _numbered(row, "website"):
        kind = " ".join(label.strip("* ").lower().split())[:50]
        for url in _multi(value):
            url = normalize_url(url)
            if is_linkedin(url) and not record.linkedin_url:
                record.linkedin_url = url
            elif not record.website and kind in ("", "home page", "homepage", "work", "other"):
                record.website = url
            else:
                _add_unique(record.urls, [url])
                if kind:
                    record.url_kinds.setdefault(url, kind)
    _read_date(record, "birthday", _get(row, "birthday"), line, errors)
    for label, value in _numbered(row, "event"):
        if "anniversary" in label.lower():
            _read_date(record, "anniversary", value, line, errors)
    for _, value in _numbered(row, "address", "formatted"):
        record.location = " ".join(value.split())
        break
    if not record.location:
        city = _get(row, "address 1 - city")
        country = _get(row, "address 1 - country")
        record.location = ", ".join(
            part for part in (city, _get(row, "address 1 - region"), country) if part
        )
    groups = _get(row, "group membership", "labels")
    record.tags = [
        tag
        for tag in _multi(groups)
        if tag.lower() not in {"mycontacts", "starred"} and not tag.startswith("*")
    ]
    notes = _get(row, "notes")
    if notes:
        record.notes.append((None, notes))
    return record


def _single_name(value: str) -> str:
    """One `Name` column (Outlook on the web): `Family, Given` becomes `Given Family`."""
    if value.count(",") == 1 and "@" not in value:
        family, given = (part.strip() for part in value.split(","))
        if family and given:
            return split_name(f"{given} {family}")
    return split_name(value)


def _read_date(
    record: ContactRecord, field_name: str, value: str, line: int, errors: list[RowError]
) -> None:
    """A birthday or anniversary column (`1985-04-12`, `--04-12`, Outlook's `4/12/1985`)."""
    value = value.strip()
    if not value or value in ("0/0/00", "00/00/0000"):
        return
    found = parse_partial_date(value)
    if found is None:
        errors.append(
            RowError(
                line,
                f"The {field_name} “{value[:30]}” is not a date like 1985-04-12 or --04-12; "
                "left out.",
            )
        )
        return
    setattr(record, field_name, found.iso)


def _outlook(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    parts = [
        _get(row, "title"),
        _get(row, "first name"),
        _get(row, "middle name"),
        _get(row, "last name"),
        _get(row, "suffix"),
    ]
    record.name = split_name(" ".join(part for part in parts if part)) or _single_name(
        _get(row, "name", "display name", "e-mail display name")
    )
    _add_unique(
        record.emails,
        [
            clean_email(_get(row, key))
            for key in (
                "e-mail address",
                "e-mail 2 address",
                "e-mail 3 address",
                "primary email",
                "secondary email",
            )
        ],
    )
    phones = (
        "primary phone",
        "mobile phone",
        "business phone",
        "home phone",
        "business phone 2",
        "home phone 2",
        "other phone",
        "company main phone",
        "mobile number",
        "work phone",
    )
    _add_unique(record.phones, [_get(row, key) for key in phones])
    record.company = _get(row, "company", "organization")
    record.role = _get(row, "job title")
    city = _get(row, "business city", "home city", "other city", "work city")
    state = _get(row, "business state", "home state", "other state")
    country = _get(row, "business country/region", "home country/region", "other country/region")
    record.location = ", ".join(part for part in (city, state, country) if part) or _get(
        row, "location"
    )
    for key in ("web page", "personal web page", "web page 1", "web page 2"):
        url = _get(row, key)
        if url:
            url = normalize_url(url)
            if is_linkedin(url) and not record.linkedin_url:
                record.linkedin_url = url
            elif not record.website:
                record.website = url
            else:
                _add_unique(record.urls, [url])
    _read_date(record, "birthday", _get(row, "birthday"), line, errors)
    _read_date(record, "anniversary", _get(row, "anniversary"), line, errors)
    if not record.birthday and _get(row, "birth month") and _get(row, "birth day"):
        # Thunderbird and Roundcube: three columns, the year optional
        year = _get(row, "birth year")
        month, day = _get(row, "birth month").zfill(2), _get(row, "birth day").zfill(2)
        joined = f"{year.zfill(4)}-{month}-{day}" if year else f"--{month}-{day}"
        _read_date(record, "birthday", joined, line, errors)
    if _get(row, "hobby"):
        record.story["passions"] = _get(row, "hobby")
    if _get(row, "schools"):
        record.story["education"] = _get(row, "schools")
    categories = _get(row, "categories")
    record.tags = [tag.strip() for tag in re.split(r"[;,]", categories) if tag.strip()]
    notes = _get(row, "notes")
    if notes:
        record.notes.append((None, notes))
    return record


_READERS = {"linkedin": _linkedin, "google": _google, "outlook": _outlook}


def parse_csv(text: str, format: str) -> ParsedFile:
    detected, header_index, delimiter = _find_header(text)
    if format != detected:
        # Read by header name: a format chosen by hand must still find its columns.
        required = next(req for fmt, req in SIGNATURES if fmt == format)
        lines = text.splitlines()
        cells = {_fold(cell) for cell in _header_cells(lines[header_index], delimiter)}
        if not required <= cells:
            raise ImportFileError(
                f"This looks like a {detected} CSV, not {format}: the header lacks "
                f"{', '.join(sorted(required - cells))}."
            )
    parsed = ParsedFile(format=format)
    reader = _READERS[format]
    for line, row in _rows(text, header_index, delimiter):
        record = reader(line, row, parsed.errors)
        if not record.name:
            if record.emails and looks_like_email(record.emails[0]):
                record.name = record.emails[0].split("@")[0]
                parsed.errors.append(
                    RowError(
                        line,
                        f"This row has no name: the person is named “{record.name[:60]}” "
                        "after the e-mail address.",
                    )
                )
            else:
                parsed.errors.append(
                    RowError(line, "This row has no name and no e-mail address; skipped.")
                )
                continue
        parsed.contacts.append(record)
    return parsed
