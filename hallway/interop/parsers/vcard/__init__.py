"""vCard 2.1, 3.0 and 4.0 (Apple, Google, Outlook, Android exports) into ContactRecords.

vobject does the parsing; we prepare the text for the things it gets wrong: quoted-printable
soft line breaks (2.1), `data:` URI photos (4.0) and broken base64 photos, which we read
ourselves so a bad photo never loses the rest of the card.

- `lines`: the blocks and lines of the file, character sets, escaping
- `fields`: a parsed card into a ContactRecord
- `story_note`: Hallway's story block in NOTE read back
"""

from __future__ import annotations

import base64
import binascii
import io
import re

import vobject

from hallway.interop.cards import MAX_CARD_PIXELS
from hallway.interop.parsers import (
    MAX_PHOTO_BYTES,
    ContactRecord,
    ParsedFile,
    RowError,
    human_size,
)
from hallway.interop.parsers.vcard.fields import FACET_PROPERTIES, WEBSITE_KINDS, fill_record
from hallway.interop.parsers.vcard.lines import (
    IGNORED_LINE,
    PHOTO_LINE,
    PLAIN_ENCODING,
    PROPERTY_LINE,
    SURROGATES,
    URL_LINE,
    card_blocks,
    card_text,
    decode_property,
    escape_text,
    logical_lines,
    prepare_url,
    property_name,
    split_head,
    unescape_uri,
)
from hallway.interop.parsers.vcard.story_note import (
    STORY_NOTE_FOLLOW_UP,
    STORY_NOTE_LAST_CONVERSATION,
    STORY_NOTE_MET,
    StoryNote,
    parse_story_note,
)


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
    pixels = _pixels(data)
    if pixels is None or pixels > MAX_CARD_PIXELS:
        errors.append(
            RowError(
                record.line,
                "The photo has too many pixels"
                + (f" ({pixels / 1_000_000:.0f} megapixels)" if pixels else "")
                + f"; photos are limited to {MAX_CARD_PIXELS // 1_000_000} megapixels, like card "
                "scans. It was left out; the person was imported.",
            )
        )
        return
    record.photo, record.photo_type = data, kind


def _pixels(data: bytes) -> int | None:
    """Width × height from the image header (nothing is decoded); None for a decompression
    bomb Pillow refuses outright, 0 when Pillow cannot read the header."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return int(image.width * image.height)
    except Image.DecompressionBombError:
        return None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return 0


def _no_nul(text: str) -> str:
    text = text.replace("\x00", "") if "\x00" in text else text
    return SURROGATES.sub("\ufffd", text)


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


def _read_card(
    record: ContactRecord, kept: list[tuple[int, str]], errors: list[RowError]
) -> ContactRecord:
    """Fill the record from the card's lines. When vobject (or our reading of a value) fails
    on the card, each property is tried alone and only the ones that fail are left out."""
    try:
        card = vobject.readOne(card_text([text for _, text in kept]), ignoreUnreadable=True)
        fill_record(record, card, errors)
        return record
    except Exception:  # vobject raises many kinds; find the property below
        pass
    fresh = ContactRecord(line=record.line, photo=record.photo, photo_type=record.photo_type)
    frame = [text for _, text in kept if text.strip().upper().startswith(("BEGIN:", "END:"))]
    version = [text for _, text in kept if text.upper().startswith("VERSION:")]
    good: list[str] = []
    for number, text in kept:
        upper = text.strip().upper()
        if upper.startswith(("BEGIN:", "END:", "VERSION:")):
            continue
        try:
            probe = vobject.readOne(card_text(["BEGIN:VCARD", *version, text, "END:VCARD"]))
            fill_record(ContactRecord(line=number), probe, [])
        except Exception as error:
            message = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
            errors.append(
                RowError(
                    number,
                    f"The {property_name(text)} property could not be read and was left out "
                    f"({message}); the rest of the card was kept.",
                )
            )
            continue
        good.append(text)
    card = vobject.readOne(card_text([frame[0], *version, *good, frame[-1]]), ignoreUnreadable=True)
    fill_record(fresh, card, errors)
    return fresh


def parse_vcards(text: str) -> ParsedFile:
    parsed = ParsedFile(format="vcard")
    for start, block in card_blocks(text):
        record = ContactRecord(line=start)
        card_errors: list[RowError] = []
        kept: list[tuple[int, str]] = []
        for number, line in logical_lines(block, start):
            if SURROGATES.search(line):
                line = decode_property(line, number, card_errors)
            if "BIT" in line.split(":", 1)[0].upper():
                # The Bat! writes ENCODING=8BIT, which vobject takes for base64 (an empty value)
                head, colon, value = split_head(line)
                line = PLAIN_ENCODING.sub("", head) + colon + value
            if PHOTO_LINE.match(line):
                _read_photo(line, record, card_errors)
            elif IGNORED_LINE.match(line):
                continue
            elif line.strip() and (
                PROPERTY_LINE.match(line) or line.strip().upper().startswith(("BEGIN:", "END:"))
            ):
                kept.append((number, prepare_url(line) if URL_LINE.match(line) else line))
        try:
            record = _read_card(record, kept, card_errors)
        except Exception as error:  # not even the card's frame could be read
            message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            parsed.errors.append(RowError(start, f"This vCard could not be read: {message}"))
            continue
        _strip_nul(record)
        if not record.name:
            parsed.errors.append(
                RowError(start, "This vCard has no name (FN or N) and was skipped.")
            )
            parsed.errors.extend(card_errors)
            continue
        parsed.errors.extend(card_errors)
        parsed.contacts.append(record)
    return parsed


__all__ = [
    "FACET_PROPERTIES",
    "STORY_NOTE_FOLLOW_UP",
    "STORY_NOTE_LAST_CONVERSATION",
    "STORY_NOTE_MET",
    "WEBSITE_KINDS",
    "StoryNote",
    "escape_text",
    "parse_story_note",
    "parse_vcards",
    "unescape_uri",
]
