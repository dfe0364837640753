"""Shared shapes of the public API (see ../shared/API.md): outputs, and input text types with
the documented limits (docs/api.md)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar, cast

from django.utils import timezone
from ninja import Path, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict
from pydantic.config import JsonDict

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
    """Naive times are read in the server's time zone; the year must be storable. The moment
    is kept in UTC: PostgreSQL refuses offsets past ±15:59, which RFC 3339 allows (+18:52)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError as error:  # pragma: no cover - guarded by the year range
        raise ValueError("is out of range") from error


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
# What Python's str.split() and strip() read as space (str.isspace), spelt out: the regular
# expression engines of the validator, of generated clients and of pydantic disagree on `\s`.
SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Not blank: at least one character that is neither space nor NUL (and no NUL anywhere).
NOT_BLANK = rf"^[^\x00]*[^\x00{SPACE}][^\x00]*$"
_YEAR = r"(19[0-9]{2}|2[01][0-9]{2}|2200)"
_DATE = _YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
# The dates and times the server reads: RFC 3339 (the document's `date`/`date-time`) within
# the storable years, said as patterns so generated clients know the year range too.
DATE_PATTERN = rf"^{_DATE}$"
MOMENT_PATTERN = (
    rf"^{_DATE}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
# A subset of what Django's URLValidator and EmailValidator accept (ASCII host names with a
# top-level domain), enforced here so that anything the document allows is stored.
_HOST = r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
URL_PATTERN = rf"^(https?://{_HOST}(:[0-9]{{1,5}})?([/?#][!-~]*)?)?$"
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL_PATTERN = rf"^({_ATOM}(\.{_ATOM})*@{_HOST})?$"


def text_field(max_length: int, description: str = "", *, blank: bool = True) -> Any:
    """A text field's limits, shown in the document (use it with AfterValidator(clean_text));
    `blank=False` documents that the server refuses empty or all-space text."""
    return Field(
        max_length=max_length,
        description=description or f"At most {max_length} characters.",
        json_schema_extra={"pattern": _NO_NUL if blank else NOT_BLANK},
    )


def _matching(pattern: str, message: str) -> AfterValidator:
    """Refuse text outside the pattern the document shows, with the services' own message."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(message)
        return value

    return AfterValidator(check)


def _patterned(max_length: int, pattern: str, description: str) -> Any:
    return Field(
        max_length=max_length, description=description, json_schema_extra={"pattern": pattern}
    )


# Text limits, documented in docs/api.md (they match the database columns and the services).
NameText = Annotated[str, text_field(200), AfterValidator(clean_text)]
# A person's or an event's name: the services refuse a blank one.
NonBlankName = Annotated[str, text_field(200, blank=False), AfterValidator(clean_text)]
ShortText = Annotated[str, text_field(200), AfterValidator(clean_text)]
PhoneText = Annotated[str, text_field(50), AfterValidator(clean_text)]
EmailText = Annotated[
    str,
    _patterned(254, EMAIL_PATTERN, "An e-mail address, or empty."),
    _matching(EMAIL_PATTERN, "Enter a valid email address."),
]
UrlText = Annotated[
    str,
    _patterned(500, URL_PATTERN, "An http(s) URL with an ASCII host name, or empty."),
    _matching(URL_PATTERN, "Enter a valid URL."),
]
MetAtText = Annotated[str, text_field(500), AfterValidator(clean_text)]
LocationText = Annotated[str, text_field(300), AfterValidator(clean_text)]
FacetText = Annotated[str, text_field(2000), AfterValidator(clean_text)]
TagText = Annotated[str, text_field(50), AfterValidator(clean_text)]
FollowUpText = Annotated[str, text_field(500, blank=False), AfterValidator(clean_text)]
LongText = Annotated[str, text_field(10_000), AfterValidator(clean_text)]
QueryText = Annotated[str, text_field(200), AfterValidator(clean_text)]
# Dates and times arrive as ISO 8601 strings, so they are the only inputs parsed leniently.
Moment = Annotated[
    dt.datetime,
    Strict(False),
    BeforeValidator(_iso_text),
    AfterValidator(_check_datetime),
    Field(json_schema_extra={"pattern": MOMENT_PATTERN}),
]
Day = Annotated[
    dt.date,
    Strict(False),
    BeforeValidator(_iso_day_text),
    AfterValidator(_check_date),
    Field(json_schema_extra={"pattern": DATE_PATTERN}),
]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
# The words of conversations (hallway.lib.story).
WarningSign = Literal[
    "wandering_eyes",
    "not_flowing",
    "checking_phone",
    "closed_posture",
    "short_answers",
    "looking_for_exit",
]
Outcome = Literal["connected", "cards_only", "cut_short"]


def required_upload(field: str) -> dict[str, Any]:
    """`openapi_extra` for a multipart form whose file the view checks itself (to say which
    field is missing): the document states that the file is required, a file, and not empty."""
    binary = {"type": "string", "format": "binary", "minLength": 1}  # an empty file is refused
    form = {"schema": {"required": [field], "properties": {field: binary}}}
    return {"requestBody": {"content": {"multipart/form-data": form}}}


def _without_null(schema: JsonDict) -> None:
    branches = cast(list[JsonDict], schema.pop("anyOf", []))
    for key, value in next(b for b in branches if b.get("type") != "null").items():
        schema.setdefault(key, value)


def not_null(description: str, **limits: Any) -> Any:
    """A field of a PATCH body that may be left out (nothing changes) but not set to null: the
    document says so, and the service refuses null with its own message."""
    return Field(None, description=description, json_schema_extra=_without_null, **limits)


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
        return list(obj.tag_names)


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
