"""Google Contacts CSV: numbered columns (`E-mail 1 - Value`…), several values in one cell
joined with ` ::: `, the primary one marked with `* `."""

from __future__ import annotations

from hallway.interop.parsers import (
    ContactRecord,
    RowError,
    clean_email,
    is_linkedin,
    normalize_url,
    split_name,
)
from hallway.interop.parsers.csv_formats.cells import (
    add_unique,
    cell,
    multi_values,
    numbered,
    read_date,
)


def read_google(line: int, row: dict[str, str], errors: list[RowError]) -> ContactRecord:
    record = ContactRecord(line=line)
    name = cell(row, "name")
    if not name:
        parts = [
            cell(row, "name prefix"),
            cell(row, "given name", "first name"),
            cell(row, "additional name", "middle name"),
            cell(row, "family name", "last name"),
            cell(row, "name suffix"),
        ]
        name = " ".join(part for part in parts if part)
    record.name = split_name(name or cell(row, "nickname", "file as"))
    for _, value in numbered(row, "e-mail"):
        add_unique(record.emails, [clean_email(item) for item in multi_values(value)])
    for _, value in numbered(row, "phone"):
        add_unique(record.phones, multi_values(value))
    record.company = cell(row, "organization 1 - name", "organization name")
    record.role = cell(row, "organization 1 - title", "organization title")
    for label, value in numbered(row, "website"):
        kind = " ".join(label.strip("* ").lower().split())[:50]
        for url in multi_values(value):
            url = normalize_url(url)
            if is_linkedin(url) and not record.linkedin_url:
                record.linkedin_url = url
            elif not record.website and kind in ("", "home page", "homepage", "work", "other"):
                record.website = url
            else:
                add_unique(record.urls, [url])
                if kind:
                    record.url_kinds.setdefault(url, kind)
    read_date(record, "birthday", cell(row, "birthday"), line, errors)
    for label, value in numbered(row, "event"):
        if "anniversary" in label.lower():
            read_date(record, "anniversary", value, line, errors)
    for _, value in numbered(row, "address", "formatted"):
        record.location = " ".join(value.split())
        break
    if not record.location:
        city = cell(row, "address 1 - city")
        country = cell(row, "address 1 - country")
        record.location = ", ".join(
            part for part in (city, cell(row, "address 1 - region"), country) if part
        )
    groups = cell(row, "group membership", "labels")
    record.tags = [
        tag
        for tag in multi_values(groups)
        if tag.lower() not in {"mycontacts", "starred"} and not tag.startswith("*")
    ]
    notes = cell(row, "notes")
    if notes:
        record.notes.append((None, notes))
    return record
