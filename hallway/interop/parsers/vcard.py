"""vCard 2.1, 3.0 and 4.0 (Apple, Google, Outlook, Android exports) into ContactRecords.

vobject does the parsing; we prepare the text for the things it gets wrong: quoted-printable
soft line breaks (2.1), `data:` URI photos (4.0) and broken base64 photos, which we read
ourselves so a bad photo never loses the rest of the card.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

import vobject

from hallway.interop.cards import MAX_CARD_PIXELS
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
from hallway.lib.partial_dates import PartialDate, parse_partial_date
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


def _logical_lines(block: list[str], start: int = 0) -> list[tuple[int, str]]:
    """Unfold continuation lines and quoted-printable soft breaks; (line number, text) pairs."""
    lines: list[tuple[int, str]] = []
    for offset, raw in enumerate(block):
        if (
            lines
            and lines[-1][1].endswith("=")
            and "QUOTED-PRINTABLE" in lines[-1][1].split(":", 1)[0].upper()
        ):
            # A soft line break; some Android versions also indent the next line.
            number, text = lines[-1]
            lines[-1] = (number, text[:-1] + (raw[1:] if raw[:1] in (" ", "\t") else raw))
        elif raw[:1] in (" ", "\t") and lines:
            number, text = lines[-1]
            lines[-1] = (number, text + raw[1:])
        else:
            lines.append((start + offset, raw))
    return lines


_SURROGATES = re.compile("[\udc80-\udcff]")
_CHARSET = re.compile(r";CHARSET=\"?([\w.:-]+)", re.I)
_PROPERTY_NAME = re.compile(r"^(?:[\w-]+\.)?([\w-]+)", re.I)
# Lines that carry no data and that vobject refuses (Lotus Notes writes PROFILE:VCard).
_IGNORED = re.compile(r"^(?:PROFILE|NAME|SOURCE)[;:]", re.I)
_PLAIN_ENCODING = re.compile(r";(?:ENCODING=)?[78]BIT(?=[;:]|$)", re.I)
_URL_LINE = re.compile(r"^(?:[\w-]+\.)?(URL|X-SOCIALPROFILE)([;:])", re.I)


def _property_name(line: str) -> str:
    found = _PROPERTY_NAME.match(line)
    return found.group(1).upper() if found else "?"


def _decode_property(line: str, number: int, errors: list[RowError]) -> str:
    """A property whose bytes are not UTF-8, decoded by its own CHARSET (vCard 2.1 phones and
    Outlook write SHIFT_JIS, ISO-8859-1…), else Windows-1252; bytes that are text in no
    character set are replaced, with a line in the report."""
    raw = line.encode("utf-8", "surrogateescape")
    found = _CHARSET.search(line.split(":", 1)[0])
    for codec in (found.group(1) if found else "", "utf-8", "cp1252"):
        if not codec:
            continue
        try:
            return raw.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    errors.append(
        RowError(
            number,
            f"{_property_name(line)} held bytes that are not text in its character set; "
            "they were replaced with �.",
        )
    )
    return raw.decode("utf-8", "replace")


def unescape_uri(value: str) -> str:
    """A URI as vCard producers write it: 3.0 exporters (Gmail, Apple) escape `:` `,` `;`."""
    return re.sub(r"\\([\\:,;])", r"\1", value)


def _prepare_url(line: str) -> str:
    """Rewrite a URL so vobject gives back exactly the address (it would split it at a bare
    comma and keep `\\:`)."""
    head, _, value = _split_head(line)
    address = unescape_uri(value)
    return f"{head}:{escape_text(address)}"


def _split_head(line: str) -> tuple[str, str, str]:
    """name;params and value, at the first colon outside double quotes."""
    quoted = False
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:position], ":", line[position + 1 :]
    return line, "", ""


def escape_text(value: str) -> str:
    """vCard TEXT escaping (RFC 6350 §3.4, RFC 2426 §5): backslash, comma, semicolon, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
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


_ANNIVERSARY_PROPERTIES = (
    "anniversary",
    "x-anniversary",
    "x-ms-anniversary",
    "x-evolution-anniversary",
)


def _date_of(line: Any) -> PartialDate | None:
    omit = (line.params.get("X-APPLE-OMIT-YEAR") or [""])[0]
    return parse_partial_date(
        _text(line.value).split(",")[0], omit_year=int(omit) if omit.isdigit() else None
    )


def _read_dates(record: ContactRecord, card: Any, errors: list[RowError]) -> None:
    """BDAY, and ANNIVERSARY or its 3.0 stand-ins (X-ANNIVERSARY, Outlook's X-MS-ANNIVERSARY,
    Apple's X-ABDATE labelled Anniversary)."""
    labels = {
        line.group.lower(): _text(line.value).lower()
        for line in _values(card, "x-ablabel")
        if getattr(line, "group", None)
    }
    dated = [("birthday", line) for line in _values(card, "bday")]
    dated += [
        ("anniversary", line) for name in _ANNIVERSARY_PROPERTIES for line in _values(card, name)
    ]
    dated += [
        ("anniversary", line)
        for line in _values(card, "x-abdate")
        if "anniversary" in labels.get((getattr(line, "group", None) or "").lower(), "")
    ]
    for field_name, line in dated:
        if getattr(record, field_name):
            continue
        found = _date_of(line)
        if found is None:
            errors.append(
                RowError(
                    record.line,
                    f"The {field_name} “{_text(line.value)[:30]}” is not a date like "
                    "1985-04-12 or --04-12; left out.",
                )
            )
            continue
        setattr(record, field_name, found.iso)


# Links that can be a person's main website; other kinds (blog, a social profile) stay extra.
WEBSITE_KINDS = {"", "home page", "homepage", "home", "work", "website", "internet"}
_IGNORED_TYPES = {"pref", "internet", "x-internet", "uri", "url"}


def _url_kind(line: Any, labels: dict[str, str]) -> str:
    """What a link is: its TYPE (`blog`, `twitter`…) or Apple's X-ABLabel for its group
    (`_$!<HomePage>!$_` → `home page`), lower-case; "" when nothing says."""
    label = labels.get((getattr(line, "group", None) or "").lower(), "")
    if label:
        label = re.sub(r"^_\$!<(.*)>!\$_$", r"\1", label)
        return " ".join(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).lower().split())[:50]
    types = [
        str(value).strip().lower()
        for param in line.params.get("TYPE", [])
        for value in str(param).split(",")
    ]
    types += [str(value).lower() for value in getattr(line, "singletonparams", [])]  # 2.1
    types = [value for value in types if value and value not in _IGNORED_TYPES]
    return types[0][:50] if types else ""


def _location_of(adr: Any) -> str:
    value = adr.value
    if isinstance(value, vobject.vcard.Address):
        parts = [value.city, value.region, value.country]
        return ", ".join(_text(part) for part in parts if _text(part))
    return _text(value).replace(";", " ").strip()


def _fill(record: ContactRecord, card: Any, errors: list[RowError]) -> None:
    record.name = _name_of(card)
    for line in _ordered(_values(card, "email")):
        email = clean_email(unescape_uri(_text(line.value)))
        if email and email.lower() not in (e.lower() for e in record.emails):
            record.emails.append(email)
    for line in _ordered(_values(card, "tel")):
        phone = unescape_uri(_text(line.value))
        if phone.lower().startswith("tel:"):
            phone = phone[4:]
        if phone and phone not in record.phones:
            record.phones.append(phone)
    for line in _values(card, "org"):
        # vobject splits an unescaped comma (Outlook 2003's `ORG:Northwind Traders, Ltd.`).
        units = [
            ",".join(str(item) for item in part).strip() if isinstance(part, list) else _text(part)
            for part in (line.value if isinstance(line.value, list) else [line.value])
        ]
        units = [unit for unit in units if unit]
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
    labels = {
        line.group.lower(): _text(line.value)
        for line in _values(card, "x-ablabel")
        if getattr(line, "group", None)
    }
    # Hallway writes the website without TYPE and every other link with its kind.
    ours = hallway_card or any(
        _text(line.value).startswith("hallway-person-") for line in _values(card, "uid")
    )
    website_kinds = {""} if ours else WEBSITE_KINDS
    urls = [(_text(line.value), _url_kind(line, labels)) for line in _values(card, "url")]
    urls += [
        (_text(line.value), _url_kind(line, labels) or "social profile")
        for line in _values(card, "x-socialprofile")
    ]
    for url, kind in urls:
        if not url or url.lower().startswith("x-apple:"):
            continue
        url = normalize_url(url)
        if is_linkedin(url) and not record.linkedin_url:
            record.linkedin_url = url
        elif not record.website and not is_linkedin(url) and kind in website_kinds:
            record.website = url
        elif url not in (record.website, record.linkedin_url) and url not in record.urls:
            record.urls.append(url)
            if kind:
                record.url_kinds[url] = kind
    for line in _values(card, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        record.tags.extend(str(tag).strip() for tag in values if str(tag).strip())
    _read_dates(record, card, errors)
    for line in _values(card, "uid"):
        record.uid = _text(line.value)[:200]
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
    text = text.replace("\x00", "") if "\x00" in text else text
    return _SURROGATES.sub("\ufffd", text)


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


def _card_text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


def _read_card(
    record: ContactRecord, kept: list[tuple[int, str]], errors: list[RowError]
) -> ContactRecord:
    """Fill the record from the card's lines. When vobject (or our reading of a value) fails
    on the card, each property is tried alone and only the ones that fail are left out."""
    try:
        card = vobject.readOne(_card_text([text for _, text in kept]), ignoreUnreadable=True)
        _fill(record, card, errors)
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
            probe = vobject.readOne(_card_text(["BEGIN:VCARD", *version, text, "END:VCARD"]))
            _fill(ContactRecord(line=number), probe, [])
        except Exception as error:
            message = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
            errors.append(
                RowError(
                    number,
                    f"The {_property_name(text)} property could not be read and was left out "
                    f"({message}); the rest of the card was kept.",
                )
            )
            continue
        good.append(text)
    card = vobject.readOne(
        _card_text([frame[0], *version, *good, frame[-1]]), ignoreUnreadable=True
    )
    _fill(fresh, card, errors)
    return fresh


def parse_vcards(text: str) -> ParsedFile:
    parsed = ParsedFile(format="vcard")
    for start, block in _blocks(text):
        record = ContactRecord(line=start)
        card_errors: list[RowError] = []
        kept: list[tuple[int, str]] = []
        for number, line in _logical_lines(block, start):
            if _SURROGATES.search(line):
                line = _decode_property(line, number, card_errors)
            if "BIT" in line.split(":", 1)[0].upper():
                # The Bat! writes ENCODING=8BIT, which vobject takes for base64 (an empty value)
                head, colon, value = _split_head(line)
                line = _PLAIN_ENCODING.sub("", head) + colon + value
            if _PHOTO_LINE.match(line):
                _read_photo(line, record, card_errors)
            elif _IGNORED.match(line):
                continue
            elif line.strip() and (
                _PROPERTY.match(line) or line.strip().upper().startswith(("BEGIN:", "END:"))
            ):
                kept.append((number, _prepare_url(line) if _URL_LINE.match(line) else line))
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
