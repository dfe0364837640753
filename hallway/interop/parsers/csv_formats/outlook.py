"""Outlook CSV (desktop, and Outlook on the web / Exchange with one Name column), and the
shapes read the same way (Thunderbird, Roundcube, a list of addresses)."""

from __future__ import annotations

import re

from hallway.interop.parsers import (
    ContactRecord,
    RowError,
    clean_email,
    is_linkedin,
    normalize_url,
    split_name,
)
from hallway.interop.parsers.csv_formats.cells import add_unique, cell, read_date, single_name


def read_outlook(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    parts = [
        cell(row, "title"),
        cell(row, "first name"),
        cell(row, "middle name"),
        cell(row, "last name"),
        cell(row, "suffix"),
    ]
    record.name = split_name(" ".join(part for part in parts if part)) or single_name(
        cell(row, "name", "display name", "e-mail display name")
    )
    add_unique(
        record.emails,
        [
            clean_email(cell(row, key))
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
    add_unique(record.phones, [cell(row, key) for key in phones])
    record.company = cell(row, "company", "organization")
    record.role = cell(row, "job title")
    city = cell(row, "business city", "home city", "other city", "work city")
    state = cell(row, "business state", "home state", "other state")
    country = cell(row, "business country/region", "home country/region", "other country/region")
    record.location = ", ".join(part for part in (city, state, country) if part) or cell(
        row, "location"
    )
    for key in ("web page", "personal web page", "web page 1", "web page 2"):
        url = cell(row, key)
        if url:
            url = normalize_url(url)
            if is_linkedin(url) and not record.linkedin_url:
                record.linkedin_url = url
            elif not record.website:
                record.website = url
            else:
                add_unique(record.urls, [url])
    read_date(record, "birthday", cell(row, "birthday"), line, errors)
    read_date(record, "anniversary", cell(row, "anniversary"), line, errors)
    if not record.birthday and cell(row, "birth month") and cell(row, "birth day"):
        # Thunderbird and Roundcube: three columns, the year optional
        year = cell(row, "birth year")
        month, day = cell(row, "birth month").zfill(2), cell(row, "birth day").zfill(2)
        joined = f"{year.zfill(4)}-{month}-{day}" if year else f"--{month}-{day}"
        read_date(record, "birthday", joined, line, errors)
    if cell(row, "hobby"):
        record.story["passions"] = cell(row, "hobby")
    if cell(row, "schools"):
        record.story["education"] = cell(row, "schools")
    categories = cell(row, "categories")
    record.tags = [tag.strip() for tag in re.split(r"[;,]", categories) if tag.strip()]
    notes = cell(row, "notes")
    if notes:
        record.notes.append((None, notes))
    return record
