"""Shared shapes of the public API (see ../shared/API.md): outputs, and input text types with
the documented limits (docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

from django.utils import timezone
from ninja import Path, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict

T = TypeVar("T")

# Dates and times outside these years are refused: they cannot be stored on every database.
MIN_YEAR = 1900
MAX_YEAR = 2200
# Every id in a path or body is a positive 64-bit integer.
MAX_ID = 2**63 - 1


def clean_text(value: str) -> str:
    """Refuse text no database can store: NUL characters and broken Unicode."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid Unicode text") from error
    return value


def _check_datetime(value: dt.datetime) -> dt.datetime:
    """Naive times are read in the server's time zone; the year must be storable."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value.astimezone(dt.UTC)
    except OverflowError as error:  # pragma: no cover - guarded by the year range
        raise ValueError("is out of range") from error
    return value


def _iso_text(value: Any) -> Any:
    """Dates and times are ISO 8601 strings in JSON; numbers (epoch seconds) are refused."""
    if isinstance(value, (int, float)):
        raise ValueError("must be an ISO 8601 string, e.g. 2025-05-01T18:30:00+02:00 or 2025-05-01")
    return value


def _iso_day_text(value: Any) -> Any:
    """A date is YYYY-MM-DD: numbers, and digits alone ("0", "20261201"), which the lenient
    parser would read as seconds since 1970, are refused."""
    value = _iso_text(value)
    if isinstance(value, str) and value.strip().isdigit():
        raise ValueError("must be a date, YYYY-MM-DD")
    return value


def _check_date(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


_NO_NUL = r"^[^\x00]*$"


def text_field(max_length: int, description: str = "") -> Any:
    """A text field's limits, shown in the document (use it with AfterValidator(clean_text))."""
    return Field(
        max_length=max_length,
        description=description or f"At most {max_length} characters.",
        json_schema_extra={"pattern": _NO_NUL},
    )


# Text limits, documented in docs/api.md (they match the database columns and the services).
NameText = Annotated[str, text_field(200), AfterValidator(clean_text)]
ShortText = Annotated[str, text_field(200), AfterValidator(clean_text)]
PhoneText = Annotated[str, text_field(50), AfterValidator(clean_text)]
EmailText = Annotated[
    str, text_field(254, "An e-mail address, or empty."), AfterValidator(clean_text)
]
UrlText = Annotated[str, text_field(500, "An http(s) URL, or empty."), AfterValidator(clean_text)]
MetAtText = Annotated[str, text_field(500), AfterValidator(clean_text)]
LocationText = Annotated[str, text_field(300), AfterValidator(clean_text)]
FacetText = Annotated[str, text_field(2000), AfterValidator(clean_text)]
TagText = Annotated[str, text_field(50), AfterValidator(clean_text)]
FollowUpText = Annotated[str, text_field(500), AfterValidator(clean_text)]
LongText = Annotated[str, text_field(10_000), AfterValidator(clean_text)]
QueryText = Annotated[str, text_field(200), AfterValidator(clean_text)]
# Dates and times arrive as ISO 8601 strings, so they are the only inputs parsed leniently.
Moment = Annotated[
    dt.datetime, Strict(False), BeforeValidator(_iso_text), AfterValidator(_check_datetime)
]
Day = Annotated[dt.date, Strict(False), BeforeValidator(_iso_day_text), AfterValidator(_check_date)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def path_id(description: str) -> Any:
    """An id in the URL path: a positive 64-bit integer."""
    return Path(..., ge=1, le=MAX_ID, description=description)


PersonId = path_id("The person's id.")
EventId = path_id("The event's id.")
ConversationId = path_id("The conversation's id.")
FollowUpId = path_id("The follow-up's id.")


class InputSchema(Schema):
    """A request body: unknown fields are refused rather than silently ignored, and values
    must have the documented JSON type (no `false` for 0, no "3" for 3). Subclass it."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorOut(Schema):
    detail: str


class TokenOut(Schema):
    token: str


class StoryOut(Schema):
    work: str = ""
    origin: str = ""
    education: str = ""
    passions: str = ""
    drivers: str = ""


class PersonOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    company: str
    role: str
    location: str
    linkedin_url: str
    website: str = ""
    tags: list[str]
    met_at: str
    keep_in_touch_days: int | None
    birthday: str = Field(
        "", description="YYYY-MM-DD, or --MM-DD when the year is unknown; empty when unknown."
    )
    anniversary: str = Field("", description="Like birthday.")
    story: StoryOut
    status: str = Field(description='"connection" when passions or drivers is known, else "card"')
    completeness: float = Field(ge=0, le=1, description="filled facets / 5")
    last_contact_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_tags(obj: Any) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class FollowUpOut(Schema):
    id: int
    text: str
    due: dt.date | None
    done: bool
    person_id: int
    conversation_id: int | None = None


class ConversationOut(Schema):
    id: int
    person_id: int
    event_id: int | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    learned: dict[str, str]
    warning_signs: list[str]
    outcome: str | None
    notes: str
    followups: list[FollowUpOut]

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        return obj.outcome or None

    @staticmethod
    def resolve_followups(obj: Any) -> list[Any]:
        return list(obj.followups.all())


class EventOut(Schema):
    id: int
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str
    goal_new_connections: int | None
    reflection: str
    want_to_meet: list[int]
    people_met: list[int]

    @staticmethod
    def resolve_want_to_meet(obj: Any) -> list[int]:
        return sorted(person.pk for person in obj.want_to_meet.all())

    @staticmethod
    def resolve_people_met(obj: Any) -> list[int]:
        return sorted({conversation.person_id for conversation in obj.conversations.all()})


class Page(Schema, Generic[T]):
    items: list[T]
    count: int


class NoteOut(Schema):
    id: int
    person_id: int
    text: str
    date: dt.date
    created_at: dt.datetime
