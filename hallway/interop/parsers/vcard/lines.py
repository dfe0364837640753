"""The lines of a vCard file before vobject reads them: the cards' blocks, unfolded lines,
per-property character sets, the escaping of TEXT values and URIs."""

from __future__ import annotations

import re

from hallway.interop.parsers import MAX_IMPORT_ROWS, ImportFileError, RowError

PHOTO_LINE = re.compile(r"^(?:[\w-]+\.)?PHOTO([;:])", re.I)
PROPERTY_LINE = re.compile(r"^(?:[\w-]+\.)?[\w-]+[;:]", re.I)


def logical_lines(block: list[str], start: int = 0) -> list[tuple[int, str]]:
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


SURROGATES = re.compile("[\udc80-\udcff]")
_CHARSET = re.compile(r";CHARSET=\"?([\w.:-]+)", re.I)
PROPERTY_NAME_PATTERN = re.compile(r"^(?:[\w-]+\.)?([\w-]+)", re.I)
# Lines that carry no data and that vobject refuses (Lotus Notes writes PROFILE:VCard).
IGNORED_LINE = re.compile(r"^(?:PROFILE|NAME|SOURCE)[;:]", re.I)
PLAIN_ENCODING = re.compile(r";(?:ENCODING=)?[78]BIT(?=[;:]|$)", re.I)
URL_LINE = re.compile(r"^(?:[\w-]+\.)?(URL|X-SOCIALPROFILE)([;:])", re.I)


def property_name(line: str) -> str:
    found = PROPERTY_NAME_PATTERN.match(line)
    return found.group(1).upper() if found else "?"


def decode_property(line: str, number: int, errors: list[RowError]) -> str:
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
            f"{property_name(line)} held bytes that are not text in its character set; "
            "they were replaced with �.",
        )
    )
    return raw.decode("utf-8", "replace")


def unescape_uri(value: str) -> str:
    """A URI as vCard producers write it: 3.0 exporters (Gmail, Apple) escape `:` `,` `;`."""
    return re.sub(r"\\([\\:,;])", r"\1", value)


def prepare_url(line: str) -> str:
    """Rewrite a URL so vobject gives back exactly the address (it would split it at a bare
    comma and keep `\\:`)."""
    head, _, value = split_head(line)
    address = unescape_uri(value)
    return f"{head}:{escape_text(address)}"


def split_head(line: str) -> tuple[str, str, str]:
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


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def card_blocks(text: str) -> list[tuple[int, list[str]]]:
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


def card_text(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"
