"""LinkedIn Connections.csv, Google Contacts CSV and Outlook CSV, always read by header name.

LinkedIn puts a few "Notes:" lines before the real header; Google repeats numbered columns
(`E-mail 1 - Value`, `E-mail 2 - Value`…), packs several values in one cell with ` ::: ` and
marks the primary one with `* `.

This module finds the header (and the producer) and reads the rows; each producer's columns
are read by its own module (`linkedin`, `google`, `outlook`), with the cell helpers of `cells`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from hallway.interop.parsers import (
    MAX_CSV_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_IMPORT_ROWS,
    ImportFileError,
    ParsedFile,
    RowError,
    looks_like_email,
)
from hallway.interop.parsers.csv_formats.google import read_google
from hallway.interop.parsers.csv_formats.linkedin import read_linkedin
from hallway.interop.parsers.csv_formats.outlook import read_outlook

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


_READERS = {"linkedin": read_linkedin, "google": read_google, "outlook": read_outlook}


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
