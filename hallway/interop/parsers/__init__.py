"""Parsers for the files people bring: vCard, LinkedIn/Google/Outlook CSV and iCalendar.

Plain modules (no models, only the limits from settings): bytes in, records out. Anything wrong with the whole file raises
ImportFileError with one readable sentence; problems with single rows become RowErrors.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

# Limits, each set by an environment variable in settings.py (documented in docs/interop.md).
MAX_IMPORT_BYTES: int = settings.IMPORT_MAX_BYTES
MAX_IMPORT_ROWS: int = settings.IMPORT_MAX_ROWS
MAX_CSV_COLUMNS: int = settings.IMPORT_MAX_COLUMNS
MAX_FIELD_CHARS = 100_000
MAX_PHOTO_BYTES: int = settings.IMPORT_MAX_PHOTO_BYTES

FORMATS = ("vcard", "linkedin", "google", "outlook", "ics")
FORMAT_LABELS = {
    "vcard": "vCard (.vcf)",
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "ics": "iCalendar (.ics)",
}


class ImportFileError(Exception):
    """The whole file cannot be imported; the message names the problem."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class SkippedItem:
    """Something in the file that is deliberately not imported, and why (for the report)."""

    line: int
    name: str
    reason: str
    # a short category for counts: "already known", "repeated in the file", "not an event"
    kind: str = "not imported"


@dataclass
class ContactRecord:
    """One person as read from a file, before it is matched against the user's people."""

    line: int
    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    role: str = ""
    location: str = ""
    linkedin_url: str = ""
    website: str = ""
    urls: list[str] = field(default_factory=list)
    met_at: str = ""
    keep_in_touch_days: int | None = None
    # `YYYY-MM-DD` or `--MM-DD` (hallway.lib.partial_dates), "" when unknown
    birthday: str = ""
    anniversary: str = ""
    # the kind of each extra link (`blog`, `home page`, `twitter`…), by address
    url_kinds: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    story: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[dt.date | None, str]] = field(default_factory=list)
    photo: bytes | None = None
    photo_type: str = ""
    uid: str = ""
    # the card's NOTE as written (phone sync merges an edited story block back)
    note: str = ""
    # the card came from Hallway (has X-HALLWAY-* properties): `notes` are its X-HALLWAY-NOTEs
    hallway_card: bool = False
    # set while matching, so the import does not normalise the name twice
    name_normalized: str = ""


@dataclass
class EventRecord:
    line: int
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    location: str = ""
    reflection: str = ""
    goal_new_connections: int | None = None
    uid: str = ""


@dataclass
class ParsedFile:
    format: str
    contacts: list[ContactRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.contacts) + len(self.events) + len(self.errors)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def check_size(size: int) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"The file is {human_size(size)}; imports are limited to {human_size(MAX_IMPORT_BYTES)} "
            "(HALLWAY_IMPORT_MAX_BYTES). Split it into smaller files."
        )
    if size == 0:
        raise ImportFileError("The file is empty.")


_VCARD_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*BEGIN:VCARD", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le" / "utf-16-be" when the text looks like UTF-16 without a byte-order mark
    (mostly ASCII: every other byte is NUL), else ""."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return ""
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    if odd_nuls > 0.6 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.05:
        return "utf-16-be"
    return ""


def decode_text(data: bytes) -> str:
    """The file as text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised by its
    NUL bytes), else Windows-1252."""
    check_size(len(data))
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "The file says it is UTF-16 but is not valid UTF-16 text."
            ) from error
    elif b"\x00" in data:
        raise ImportFileError(
            "The file contains binary data: it is not a vCard, CSV or iCalendar text file."
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if _VCARD_START.match(data):
                # vCard properties carry their own CHARSET: the vCard parser decodes each
                # property that is not UTF-8 from the bytes kept here.
                text = data.decode("utf-8-sig", "surrogateescape")
            else:
                # Older Outlook and Excel exports are Windows-1252; its undefined bytes mean
                # garbage.
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError as error:
                    raise ImportFileError(
                        "The file is neither UTF-8 nor Windows-1252 text (undecodable byte at "
                        f"position {error.start}). Save it as UTF-8 and try again."
                    ) from error
    if "\x00" in text:
        raise ImportFileError(
            "The file contains NUL characters: it is not a vCard, CSV or iCalendar text file."
        )
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample))
    if bad > max(8, len(sample) // 100):
        raise ImportFileError(
            "The file contains binary data: it is not a vCard, CSV or iCalendar text file."
        )
    return text


def detect_format(text: str) -> str:
    """Which of FORMATS the text is, from its first lines; ImportFileError when none fits."""
    head = text.lstrip("\ufeff \t\r\n")[:200].upper()
    if head.startswith("BEGIN:VCARD"):
        return "vcard"
    if head.startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT")):
        return "ics"
    # By content, before any CSV guess: a BEGIN line among the first lines.
    for line in text.splitlines()[:30]:
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            return "vcard"
        if upper in ("BEGIN:VCALENDAR", "BEGIN:VEVENT"):
            return "ics"
    from hallway.interop.parsers.csv_formats import detect_csv_format

    return detect_csv_format(text)


class _LibraryMessages(logging.Handler):
    """Collects what vobject and icalendar log or warn while reading one file."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_LIBRARY_LOGGERS = ("vobject", "icalendar")


@contextlib.contextmanager
def _library_messages_into(parsed: list[ParsedFile]) -> Iterator[None]:
    """Fold the parsing libraries' own warnings into the import report (one line per kind of
    message, with a count) instead of letting them reach the terminal one by one."""
    handler = _LibraryMessages()
    loggers = [logging.getLogger(name) for name in _LIBRARY_LOGGERS]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        for logger, (propagate, _) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate
    messages = handler.messages + [str(warning.message) for warning in caught]
    if parsed and messages:
        counts: dict[str, int] = {}
        for message in messages:
            first = " ".join(message.split())[:200]
            counts[first] = counts.get(first, 0) + 1
        for message, count in counts.items():
            times = f" ({count} times)" if count > 1 else ""
            parsed[0].errors.append(RowError(0, f"The file reader warned{times}: {message}"))


def parse(
    data: bytes,
    format: str | None = None,
    *,
    zone_name: str = "UTC",
    today: dt.date | None = None,
) -> ParsedFile:
    """Parse an uploaded file into records; `format` is detected when not given. `today`
    places the window of a recurring event's occurrences."""
    result: list[ParsedFile] = []
    with _library_messages_into(result):
        result.append(_parse(data, format, zone_name=zone_name, today=today))
    return result[0]


def _parse(data: bytes, format: str | None, *, zone_name: str, today: dt.date | None) -> ParsedFile:
    text = decode_text(data)
    if format and format not in FORMATS:
        raise ImportFileError(f"Unknown format “{format}”. Use one of: {', '.join(FORMATS)}.")
    format = format or detect_format(text)
    if format == "vcard":
        from hallway.interop.parsers.vcard import parse_vcards

        return parse_vcards(text)
    if format == "ics":
        from hallway.interop.parsers.ics import parse_ics

        return parse_ics(text, zone_name=zone_name, today=today)
    from hallway.interop.parsers.csv_formats import parse_csv

    return parse_csv(text, format)


_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")


def clean_email(value: str) -> str:
    value = (value or "").strip().strip("<>").strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value


def looks_like_email(value: str) -> bool:
    return bool(_EMAIL.match(value)) and len(value) <= 254


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def normalize_url(value: str) -> str:
    value = (value or "").strip()
    if value and not _SCHEME.match(value):
        value = "https://" + value
    return value


def is_linkedin(url: str) -> bool:
    return "linkedin.com/" in url.lower()


_GARBLED = re.compile("\ufffd|[\x00-\x1f\x7f-\x9f]|Ã[\x80-\xbf¡-¿]|â€")


def looks_garbled(name: str) -> bool:
    """A name with replacement characters, control characters or typical mojibake
    (UTF-8 read as Windows-1252: `RenÃ©`)."""
    return bool(_GARBLED.search(name))


def split_name(full: str) -> str:
    return " ".join((full or "").split())
