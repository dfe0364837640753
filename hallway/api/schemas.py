"""Shared response shapes of the public API (see ../shared/API.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class ErrorOut(Schema):
    detail: str


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
