"""A parsed vCard (vobject's component) into the fields of a ContactRecord."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import vobject

from hallway.interop.parsers import (
    ContactRecord,
    RowError,
    clean_email,
    is_linkedin,
    normalize_url,
    split_name,
)
from hallway.interop.parsers.vcard.lines import newlines, unescape_uri
from hallway.lib.partial_dates import PartialDate, parse_partial_date

FACET_PROPERTIES = {
    "x-hallway-work": "work",
    "x-hallway-origin": "origin",
    "x-hallway-education": "education",
    "x-hallway-passions": "passions",
    "x-hallway-drivers": "drivers",
}


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


def fill_record(record: ContactRecord, card: Any, errors: list[RowError]) -> None:
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
                record.story[facet] = newlines(text)
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
        text = newlines(str(line.value or "")).strip()
        date = None
        raw_date = (line.params.get("X-DATE") or [""])[0]
        try:
            date = dt.date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            date = None
        if text:
            record.notes.append((date, text))
    for line in _values(card, "note")[:1]:
        record.note = newlines(str(line.value or "")).strip()
    if not hallway_card:
        # Other tools' NOTE is a free note; ours only summarises the X-HALLWAY properties.
        for line in _values(card, "note"):
            text = newlines(str(line.value or "")).strip()
            if text:
                record.notes.append((None, text))
