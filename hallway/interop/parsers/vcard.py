"""vCard 2.1, 3.0 and 4.0 (Apple, Google, Outlook, Android exports) into ContactRecords.

vobject does the parsing; we prepare the text for the things it gets wrong: quoted-printable
soft line breaks (2.1), `data:` URI photos (4.0) and broken base64 photos, which we read
ourselves so a bad photo never loses the rest of the card.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import vobject

from hallway.interop.parsers import (
    MAX_IMPORT_ROWS,
    MAX_PHOTO_BYTES,
    ContactRecord,
    ImportFileError,
    ParsedFile,
    RowError,
    clean_email,
    human_size,
    is_linkedin,
    normalize_url,
    split_name,
)
from hallway.lib.story import FACET_LABELS

FACET_PROPERTIES = {
    "x-hallway-work": "work",
    "x-hallway-origin": "origin",
    "x-hallway-education": "education",
    "x-hallway-passions": "passions",
    "x-hallway-drivers": "drivers",
}

# Labels of the story block that the export writes into NOTE (see exporting._summary_note).
STORY_NOTE_MET = "Met"
STORY_NOTE_LAST_CONVERSATION = "Last conversation"
STORY_NOTE_FOLLOW_UP = "Follow-up"
_FACET_BY_LABEL = {label.casefold(): facet for facet, label in FACET_LABELS.items()}
_STORY_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(
        re.escape(label)
        for label in [
            *FACET_LABELS.values(),
            STORY_NOTE_MET,
            STORY_NOTE_LAST_CONVERSATION,
            STORY_NOTE_FOLLOW_UP,
        ]
    )
    + r")\s*:\s?(?P<text>.*)$",
    re.I,
)
_DATED_LINE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}):\s?(?P<text>.*)$")


@dataclass
class StoryNote:
    """A NOTE read back into the parts of the story block."""

    facets: dict[str, str] = field(default_factory=dict)
    met_at: str | None = None
    notes: list[tuple[dt.date | None, str]] = field(default_factory=list)
    # text before the first label: not part of the block, kept as a new note
    loose: str = ""


def parse_story_note(text: str) -> StoryNote:
    """Split a NOTE into facets, "Met", dated notes and loose text. A line without a label
    continues the part above it; the derived lines (last conversation, follow-ups) are skipped."""
    story = StoryNote()
    loose: list[str] = []
    current: list[str] | None = None
    sections: list[tuple[str, dt.date | None, list[str]]] = []
    for line in _newlines(text).split("\n"):
        labelled = _STORY_LABEL.match(line)
        dated = _DATED_LINE.match(line)
        date: dt.date | None = None
        if dated:
            try:
                date = dt.date.fromisoformat(dated["date"])
            except ValueError:
                dated = None
        if labelled:
            current = [labelled["text"]]
            sections.append((labelled["label"].casefold(), None, current))
        elif dated:
            current = [dated["text"]]
            sections.append(("note", date, current))
        elif current is not None:
            current.append(line)
        else:
            loose.append(line)
    for kind, date, lines in sections:
        value = "\n".join(lines).strip()
        if kind in _FACET_BY_LABEL:
            story.facets[_FACET_BY_LABEL[kind]] = value
        elif kind == STORY_NOTE_MET.casefold():
            story.met_at = value
        elif kind == "note" and value:
            story.notes.append((date, value))
    story.loose = "\n".join(loose).strip()
    return story


_PHOTO_LINE = re.compile(r"^(?:[\w-]+\.)?PHOTO([;:])", re.I)
_PROPERTY = re.compile(r"^(?:[\w-]+\.)?[\w-]+[;:]", re.I)


def _logical_lines(block: list[str]) -> list[str]:
    """Unfold continuation lines and quoted-printable soft breaks."""
    lines: list[str] = []
    for raw in block:
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif (
            lines
            and lines[-1].endswith("=")
            and "QUOTED-PRINTABLE" in lines[-1].split(":", 1)[0].upper()
        ):
            lines[-1] = lines[-1][:-1] + raw
        else:
            lines.append(raw)
    return lines


def _image_type(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return ""


def _read_photo(line: str, record: ContactRecord, errors: list[RowError]) -> None:
    """PHOTO in 3.0 (ENCODING=b) or 4.0 (data: URI) form; remote URLs are never fetched."""
    _, _, value = line.partition(":")
    params = line.split(":", 1)[0].upper()
    if value.lower().startswith("data:"):
        header, _, payload = value.partition(",")
        if ";base64" not in header.lower():
            return
    elif "ENCODING=B" in params or "ENCODING=BASE64" in params or (";BASE64" in params):
        payload = value
    else:
        return  # a link to a photo elsewhere: we don't fetch it
    payload = re.sub(r"\s+", "", payload)
    if len(payload) * 3 // 4 > MAX_PHOTO_BYTES:
        errors.append(
            RowError(
                record.line,
                f"The photo ({human_size(len(payload) * 3 // 4)}) is larger than the "
                f"{human_size(MAX_PHOTO_BYTES)} limit and was left out.",
            )
        )
        return
    try:
        data = base64.b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        errors.append(RowError(record.line, "The photo is not valid base64 and was left out."))
        return
    kind = _image_type(data)
    if not kind:
        errors.append(
            RowError(
                record.line, "The photo is not a JPEG, PNG, GIF or WebP image and was left out."
            )
        )
        return
    record.photo, record.photo_type = data, kind


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if item)
    return str(value or "").strip()


def _is_preferred(line: Any) -> bool:
    types = [str(t).lower() for t in line.params.get("TYPE", [])]
    # 3.0: TYPE=pref; 4.0: PREF=1; 2.1 (Outlook): a bare PREF parameter.
    bare = [str(param).lower() for param in getattr(line, "singletonparams", [])]
    return "pref" in types or "pref" in bare or line.params.get("PREF", [""])[0] == "1"


def _ordered(lines: list[Any]) -> list[Any]:
    return sorted(lines, key=lambda line: 0 if _is_preferred(line) else 1)


def _name_of(card: Any) -> str:
    for line in _values(card, "fn"):
        name = split_name(_text(line.value))
        if name:
            return name
    for line in _values(card, "n"):
        value = line.value
        if isinstance(value, vobject.vcard.Name):
            parts = [value.prefix, value.given, value.additional, value.family, value.suffix]
            name = split_name(" ".join(_text(part) for part in parts))
        else:
            name = split_name(_text(value).replace(";", " "))
        if name:
            return name
    return ""


def _location_of(adr: Any) -> str:
    value = adr.value
    if isinstance(value, vobject.vcard.Address):
        parts = [value.city, value.region, value.country]
        return ", ".join(_text(part) for part in parts if _text(part))
    return _text(value).replace(";", " ").strip()


def _fill(record: ContactRecord, card: Any, errors: list[RowError]) -> None:
    record.name = _name_of(card)
    for line in _ordered(_values(card, "email")):
        email = clean_email(_text(line.value))
        if email and email.lower() not in (e.lower() for e in record.emails):
            record.emails.append(email)
    for line in _ordered(_values(card, "tel")):
        phone = _text(line.value)
        if phone.lower().startswith("tel:"):
            phone = phone[4:]
        if phone and phone not in record.phones:
            record.phones.append(phone)
    for line in _values(card, "org"):
        units = [
            part.strip()
            for part in (line.value if isinstance(line.value, list) else [line.value])
            if str(part).strip()
        ]
        if units:
            record.company = units[0] + (f" ({', '.join(units[1:])})" if len(units) > 1 else "")
            break
    titles = _values(card, "title") or _values(card, "role")
    if titles:
        record.role = _text(titles[0].value)
    for name, facet in FACET_PROPERTIES.items():
        for line in _values(card, name):
            text = _text(line.value)
            if text:
                record.story[facet] = _newlines(text)
    hallway_card = any(name.startswith("x-hallway-") for name in card.contents) or any(
        "//hallway//" in _text(line.value).lower() for line in _values(card, "prodid")
    )
    record.hallway_card = hallway_card
    location = _values(card, "x-hallway-location")
    if location:
        record.location = _text(location[0].value)
    else:
        for line in _values(card, "adr"):
            record.location = _location_of(line)
            if record.location:
                break
    urls = [_text(line.value) for line in _values(card, "url")]
    urls += [
        _text(line.value)
        for line in _values(card, "x-socialprofile")
        if "linkedin" in " ".join(line.params.get("TYPE", [])).lower()
        or is_linkedin(_text(line.value))
    ]
    for url in urls:
        if not url:
            continue
        url = normalize_url(url)
        if is_linkedin(url) and not record.linkedin_url:
            record.linkedin_url = url
        elif not record.website and not is_linkedin(url):
            record.website = url
        elif url not in (record.website, record.linkedin_url) and url not in record.urls:
            record.urls.append(url)
    for line in _values(card, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        record.tags.extend(str(tag).strip() for tag in values if str(tag).strip())
    for line in _values(card, "x-hallway-met-at"):
        record.met_at = _text(line.value)
    for line in _values(card, "x-hallway-keep-in-touch-days"):
        try:
            record.keep_in_touch_days = int(_text(line.value))
        except ValueError:
            errors.append(
                RowError(
                    record.line,
                    f"X-HALLWAY-KEEP-IN-TOUCH-DAYS “{_text(line.value)[:20]}” is not a number.",
                )
            )
    for line in _values(card, "x-hallway-note"):
        text = _newlines(str(line.value or "")).strip()
        date = None
        raw_date = (line.params.get("X-DATE") or [""])[0]
        try:
            date = dt.date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            date = None
        if text:
            record.notes.append((date, text))
    for line in _values(card, "note")[:1]:
        record.note = _newlines(str(line.value or "")).strip()
    if not hallway_card:
        # Other tools' NOTE is a free note; ours only summarises the X-HALLWAY properties.
        for line in _values(card, "note"):
            text = _newlines(str(line.value or "")).strip()
            if text:
                record.notes.append((None, text))


def _no_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


def _strip_nul(record: ContactRecord) -> None:
    """No database stores NUL characters in text; quoted-printable `=00` can produce them (the
    other formats cannot: files with NUL bytes are refused)."""
    for name in ("name", "company", "role", "location", "linkedin_url", "website", "met_at"):
        setattr(record, name, _no_nul(getattr(record, name)))
    record.name = " ".join(record.name.split())
    record.emails = [_no_nul(value) for value in record.emails]
    record.phones = [_no_nul(value) for value in record.phones]
    record.urls = [_no_nul(value) for value in record.urls]
    record.tags = [_no_nul(value) for value in record.tags]
    record.story = {facet: _no_nul(text) for facet, text in record.story.items()}
    record.notes = [(date, _no_nul(text)) for date, text in record.notes if _no_nul(text).strip()]
    record.note = _no_nul(record.note)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Each BEGIN:VCARD … END:VCARD block with the line number where it starts."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is None:
                current, start, depth = [], number, 0
            depth += 1
        if current is not None:
            current.append(line)
            if upper == "END:VCARD":
                depth -= 1
                if depth == 0:
                    blocks.append((start, current))
                    current = None
                    if len(blocks) > MAX_IMPORT_ROWS:
                        raise ImportFileError(
                            f"The file has more than {MAX_IMPORT_ROWS:,} cards (HALLWAY_IMPORT_MAX_ROWS). "
                            "Split it into smaller files."
                        )
    if current is not None:
        raise ImportFileError(
            f"The file ends in the middle of a vCard: the card that starts on line {start} has no "
            "END:VCARD. The file looks truncated; export it again."
        )
    if not blocks:
        raise ImportFileError("No vCard found: the file has no BEGIN:VCARD … END:VCARD block.")
    return blocks


def parse_vcards(text: str) -> ParsedFile:
    parsed = ParsedFile(format="vcard")
    for start, block in _blocks(text):
        record = ContactRecord(line=start)
        card_errors: list[RowError] = []
        kept: list[str] = []
        for line in _logical_lines(block):
            if _PHOTO_LINE.match(line):
                _read_photo(line, record, card_errors)
            elif line.strip() and (
                _PROPERTY.match(line) or line.strip().upper().startswith(("BEGIN:", "END:"))
            ):
                kept.append(line)
        try:
            card = vobject.readOne("\r\n".join(kept) + "\r\n", ignoreUnreadable=True)
            _fill(record, card, card_errors)
        except Exception as error:  # vobject raises many kinds; each becomes this card's error
            message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            parsed.errors.append(RowError(start, f"This vCard could not be read: {message}"))
            continue
        _strip_nul(record)
        if not record.name:
            parsed.errors.append(
                RowError(start, "This vCard has no name (FN or N) and was skipped.")
            )
            continue
        parsed.errors.extend(card_errors)
        parsed.contacts.append(record)
    return parsed
