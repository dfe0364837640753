"""The parsers on real-world quirks, on bad files, and on random and mutated input."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.interop import parsers
from hallway.interop.parsers import ImportFileError, detect_format, parse

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_FILES = sorted(path.name for path in SAMPLES.iterdir())


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("apple.vcf", "vcard"),
        ("v4.vcf", "vcard"),
        ("linkedin.csv", "linkedin"),
        ("google.csv", "google"),
        ("outlook.csv", "outlook"),
        ("conference.ics", "ics"),
    ],
)
def test_the_format_is_detected_from_the_content(name: str, format: str) -> None:
    assert detect_format((SAMPLES / name).read_text(encoding="utf-8")) == format


def test_columns_are_read_by_header_name_not_position() -> None:
    data = b"Connected On,Position,Company,Email Address,URL,Last Name,First Name\n15 Mar 2024,CTO,Acme,a@b.example,,Lee,Ann\n"
    record = parse(data).contacts[0]
    assert (record.name, record.company, record.role, record.emails) == (
        "Ann Lee",
        "Acme",
        "CTO",
        ["a@b.example"],
    )


def test_a_windows_1252_outlook_file_is_read_correctly() -> None:
    text = "First Name,Last Name,E-mail Address,Company\nRené,Müller,rene@example.fr,Société Générale\n"
    record = parse(text.encode("cp1252")).contacts[0]
    assert (record.name, record.company) == ("René Müller", "Société Générale")


def test_a_utf16_file_with_a_byte_order_mark_is_read() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ōkubo\r\nEND:VCARD\r\n"
    assert parse(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).contacts[0].name == "Zoë Ōkubo"


def test_a_format_chosen_by_hand_must_match_the_header() -> None:
    with pytest.raises(ImportFileError, match="lacks"):
        parse((SAMPLES / "linkedin.csv").read_bytes(), "google")


def test_an_unknown_format_name_is_refused() -> None:
    with pytest.raises(ImportFileError, match="Unknown format “xls”"):
        parse(b"a,b\n", "xls")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:ann@exa", "looks truncated"),
        (bytes(range(256)) * 40, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"name;mail;phone\nAnn;a@b.c;123\n", "No known CSV header"),
        (b"", "empty"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "truncated"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16"),
        (b"\x81\x8d\x8f\x90\x9d" * 10, "neither UTF-8 nor Windows-1252"),
    ],
)
def test_bad_files_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse(data)


def test_a_file_over_the_size_limit_is_refused_before_reading_it() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + b"Ann,Lee,,,,,\n" * (50 * 1024 * 1024 // 13)
    )
    assert len(data) > 50 * 1024 * 1024
    with pytest.raises(ImportFileError, match=r"50\.0 MB; imports are limited to 20\.0 MB"):
        parse(data)


def test_a_csv_bomb_with_a_million_columns_is_refused() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + b"x," * 1_000_000
        + b"\n"
    )
    with pytest.raises(
        ImportFileError, match="1,000,001 columns; no contacts export has more than 500"
    ):
        parse(data)
    header_bomb = b"," * 1_000_000 + b"\n"
    with pytest.raises(
        ImportFileError, match="1,000,001 columns; no contacts export has more than 500"
    ):
        parse(header_bomb)


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from hallway.interop.parsers import csv_formats

    monkeypatch.setattr(csv_formats, "MAX_IMPORT_ROWS", 3)
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + b"Ann,Lee,,,,,\n" * 4
    )
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        parse(data)


def test_a_huge_field_is_refused_with_its_line() -> None:
    data = (
        b'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,"'
        + b"x" * 200_000
        + b'",,,,,\n'
    )
    with pytest.raises(ImportFileError, match="malformed near line 2"):
        parse(data)


def test_a_card_without_a_name_is_a_row_error_not_a_failure() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@y.z\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n"
    parsed = parse(data)
    assert [c.name for c in parsed.contacts] == ["Ann"]
    assert [(e.line, e.message) for e in parsed.errors] == [
        (1, "This vCard has no name (FN or N) and was skipped.")
    ]


# --- Property-based: nothing but our own clear errors ---------------------------------------

FORMATS = [None, *parsers.FORMATS]
PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("HALLWAY_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _parse_or_clear_error(data: bytes, format: str | None) -> None:
    try:
        result = parse(data, format)
    except ImportFileError as error:
        assert error.message.strip()
        return
    for record in result.contacts:
        assert record.name.strip()
    for error in result.errors:
        assert error.message.strip() and error.line >= 0


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=4000), format=st.sampled_from(FORMATS))
def test_random_bytes_never_crash_a_parser(data: bytes, format: str | None) -> None:
    _parse_or_clear_error(data, format)


_PIECES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:4.0",
        "FN:",
        "N:;;",
        "EMAIL;TYPE=pref:",
        "PHOTO;ENCODING=b:",
        "PHOTO:data:image/png;base64,",
        "item1.",
        "=\r\n",
        ";ENCODING=QUOTED-PRINTABLE:",
        "\r\n ",
        "\\,",
        "\\;",
        "\\n",
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Mars/Olympus:",
        "DTSTART:2024",
        "END:VEVENT",
        "END:VCALENDAR",
        "SUMMARY:",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "E-mail 1 - Value",
        " ::: ",
        "* ",
        ",",
        '"',
        "\n",
        "\r\n",
        "é",
        "山田",
        "\x00",
        "\ufeff",
        "X-HALLWAY-NOTE;X-DATE=2024-13-45:",
        "X-HALLWAY-KEEP-IN-TOUCH-DAYS:-5",
    ]
)


@PROPERTY_SETTINGS
@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=60),
    format=st.sampled_from(FORMATS),
)
def test_files_made_of_format_fragments_never_crash_a_parser(
    pieces: list[str], format: str | None
) -> None:
    _parse_or_clear_error("".join(pieces).encode("utf-8", "surrogatepass"), format)


@PROPERTY_SETTINGS
@given(
    name=st.sampled_from(SAMPLE_FILES),
    cuts=st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 40), st.binary(max_size=8)), max_size=6
    ),
)
def test_mutated_real_files_never_crash_a_parser(
    name: str, cuts: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray((SAMPLES / name).read_bytes())
    for position, length, insert in cuts:
        position %= max(len(data), 1)
        data[position : position + length] = insert
    _parse_or_clear_error(bytes(data), None)
