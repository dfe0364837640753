"""Cleaning an imported contact before it is planned: valid e-mails and URLs, the documented
length limits (too long is shortened and reported on the row)."""

from __future__ import annotations

import functools
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from hallway.interop.parsers import ContactRecord, RowError, looks_garbled
from hallway.lib.story import MAX_FACET_LENGTH
from hallway.people.services import MAX_NOTE_LENGTH, MAX_TAGS

_url_validator = URLValidator(schemes=["http", "https"])
_MAX_LENGTHS = {"company": 200, "role": 200, "location": 200, "met_at": 500}


# Django's own pattern for the part before the @, compiled here once (Django's is lazy, and
# reaching it through the lazy object costs more than the match).
_EMAIL_USER = re.compile(validate_email.user_regex.pattern, validate_email.user_regex.flags)


@functools.lru_cache(maxsize=4096)
def _valid_email_domain(domain: str) -> bool:
    return domain in validate_email.domain_allowlist or validate_email.validate_domain_part(domain)


def _valid_email(value: str) -> bool:
    """Exactly Django's validate_email (the same steps with its own patterns), without raising
    and translating an error per bad address, and with each domain checked once: an import's
    addresses share a few domains, and the domain pattern is the costly part."""
    if not value or "@" not in value or len(value) > 320:
        return False
    user_part, domain_part = value.rsplit("@", 1)
    return bool(_EMAIL_USER.match(user_part)) and _valid_email_domain(domain_part)


_SIMPLE_URL = re.compile(r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?(/[^\s]*)?$", re.I)


def _valid_url(value: str) -> bool:
    """The common case (a plain http(s) address) by a quick pattern; the rest by Django."""
    if len(value) > 500:
        return False
    if _SIMPLE_URL.match(value):
        return True
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return True


def clean_record(record: ContactRecord, errors: list[RowError]) -> bool:
    """Make the record fit the models; False (with an error) when the row cannot be kept."""
    line = record.line
    if not record.name:
        errors.append(RowError(line, "This record has no readable name; skipped."))
        return False
    if looks_garbled(record.name):
        errors.append(
            RowError(
                line,
                f"The name “{record.name[:60]}” looks garbled (a wrong character set in the "
                "file?); it was imported as it is: check it.",
            )
        )
    if len(record.name) > 200:
        errors.append(
            RowError(
                line, f"The name “{record.name[:40]}…” is longer than 200 characters; skipped."
            )
        )
        return False
    good = []
    for email in record.emails:
        if _valid_email(email):
            good.append(email)
        else:
            errors.append(
                RowError(line, f"“{email[:60]}” is not a valid e-mail address; left out.")
            )
    record.emails = good
    for name in ("linkedin_url", "website"):
        value = getattr(record, name)
        if value and not _valid_url(value):
            errors.append(RowError(line, f"“{value[:60]}” is not a valid web address; left out."))
            setattr(record, name, "")
    record.urls = [url for url in record.urls if _valid_url(url)]
    record.phones = [phone[:50].strip() for phone in record.phones if phone.strip()]
    for name, limit in _MAX_LENGTHS.items():
        value = getattr(record, name)
        if isinstance(value, str) and len(value) > limit:
            errors.append(
                RowError(
                    line,
                    f"{name.replace('_', ' ').capitalize()} is longer than {limit} characters; shortened.",
                )
            )
            setattr(record, name, value[:limit])
    if record.keep_in_touch_days is not None and not 1 <= record.keep_in_touch_days <= 3650:
        errors.append(RowError(line, "Keep-in-touch days must be between 1 and 3650; left out."))
        record.keep_in_touch_days = None
    for facet, text in list(record.story.items()):
        if len(text) > MAX_FACET_LENGTH * 3:
            errors.append(
                RowError(
                    line,
                    f"The {facet} story is longer than {MAX_FACET_LENGTH * 3} characters; shortened.",
                )
            )
            record.story[facet] = text[: MAX_FACET_LENGTH * 3]
    tags: list[str] = []
    for tag in record.tags:
        tag = " ".join(tag.split()).lstrip("#")[:50]
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        errors.append(RowError(line, f"More than {MAX_TAGS} tags; the first {MAX_TAGS} were kept."))
    record.tags = tags[:MAX_TAGS]
    notes = []
    for date, text in record.notes:
        if len(text) > MAX_NOTE_LENGTH:
            errors.append(
                RowError(line, f"A note longer than {MAX_NOTE_LENGTH:,} characters was shortened.")
            )
            text = text[:MAX_NOTE_LENGTH]
        notes.append((date, text))
    record.notes = notes
    return True
