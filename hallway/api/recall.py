"""Recall endpoints: briefings, the reconnect list, follow-ups and event attendee lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from hallway.api.fast import PERSON_COLUMNS, api_moment, json_answer, people_out
from hallway.api.pagination import PageParams
from hallway.api.schemas import (
    NOT_BLANK,
    ConversationOut,
    Day,
    ErrorOut,
    EventId,
    EventOut,
    FollowUpId,
    FollowUpOut,
    FollowUpText,
    InputSchema,
    ObjectId,
    Page,
    PersonId,
    PersonOut,
    not_null,
)
from hallway.conversations.models import FollowUp
from hallway.conversations.services import followup_update
from hallway.events.models import Event
from hallway.lib.ownership import get_owned_or_404
from hallway.people.selectors import with_tag_names
from hallway.recall import selectors, services

router = Router(tags=["recall"])

# Attendee lists can be long (5,000 lines); the parser enforces the real limits.
MAX_ATTENDEE_TEXT = 2_000_000


class NextQuestionOut(Schema):
    question: str
    rule: str = Field(
        description='the rule that suggested it: a rule name from hallway/recall/questions.py, or "facet"'
    )
    because: str = Field(description="the text it came from, or the unknown facet")
    date: dt.date | None = None


class MetOut(Schema):
    met_at: str = Field(description="free text: where / how you met")
    first_met_on: dt.date | None
    first_met_event_id: int | None
    first_met_event_name: str
    introduced_by_id: int | None
    summary: str


class RecentNoteOut(Schema):
    """A note as the briefing shows it (the full note is NoteOut)."""

    id: int
    text: str
    date: dt.date


class EventRefOut(Schema):
    id: int
    name: str
    starts_at: dt.datetime


class CelebrationOut(Schema):
    kind: str = Field(description='"birthday" or "anniversary"')
    date: dt.date = Field(description="The day it falls on next.")
    years: int | None = Field(description="Age turned or years married, when the year is known.")
    text: str = Field(description="e.g. “Birthday next week, on Tuesday 15 December (turns 41)”")


class PersonBriefingOut(Schema):
    person: PersonOut
    last_conversation: ConversationOut | None
    last_talked_at: dt.datetime | None
    last_talked_about: list[str]
    met: MetOut
    conversations_count: int
    open_followups: list[FollowUpOut]
    next_questions: list[str]
    next_question_reasons: list[NextQuestionOut]
    recent_notes: list[RecentNoteOut]
    upcoming_events: list[EventRefOut] = Field(
        description="upcoming events where you want to meet them"
    )
    keep_in_touch_days: int | None
    last_contact_at: dt.datetime | None
    reconnect_due_at: dt.datetime | None
    overdue_days: int | None
    celebrations: list[CelebrationOut] = Field(
        default_factory=list,
        description="Birthday and anniversary in the next 14 days, soonest first.",
    )


class KnownPersonOut(Schema):
    person: PersonOut
    reasons: list[str] = Field(
        description="want_to_meet, met_here, met_previous_edition, attendee_list"
    )
    short_story: str
    last_talked_at: dt.datetime | None
    next_question: str


class AttendeeOut(Schema):
    id: int
    name: str
    email: str
    company: str
    person_id: int | None = Field(description="the person it matched, by e-mail then by name")
    matched_by: str = Field(description='"email", "name" or "" when unmatched')


class EventBriefingOut(Schema):
    event: EventOut
    known_people: list[KnownPersonOut] = Field(
        description="the most relevant 100 (want-to-meet, attendee list, met here, earlier editions)"
    )
    known_count: int = Field(description="all the people you know linked to the event")
    want_to_meet: list[KnownPersonOut]
    attendees: list[AttendeeOut]
    previous_edition_ids: list[int]


class ReconnectOut(Schema):
    person: PersonOut
    keep_in_touch_days: int
    last_contact_at: dt.datetime | None
    due_at: dt.datetime = Field(description="when the cadence ran out")
    overdue_days: int


class FollowUpItemOut(FollowUpOut):
    person_name: str
    done_at: dt.datetime | None
    created_at: dt.datetime


class FollowUpPatchIn(InputSchema):
    text: FollowUpText | None = not_null("Not null: a follow-up keeps a text.")
    due: Day | None = Field(None, description="YYYY-MM-DD, or null to clear it.")
    done: bool | None = None


class FollowUpFilters(PageParams):
    due_before: Day | None = Field(
        None, description="YYYY-MM-DD: only follow-ups due strictly before it"
    )
    done: bool | None = Field(None, description="true: done ones only; false: open ones only")
    person_id: ObjectId | None = None


class AttendeesIn(InputSchema):
    text: str = Field(
        max_length=MAX_ATTENDEE_TEXT,
        description="one attendee per line (name, e-mail or both), or CSV with a header row",
        json_schema_extra={"pattern": NOT_BLANK},
    )
    replace: bool = False


class AttendeesResult(Schema):
    added: int
    count: int
    matched: int


@router.get(
    "/people/{person_id}/briefing",
    response={200: PersonBriefingOut, 404: ErrorOut},
    summary="Briefing for a person",
)
def person_briefing(request: HttpRequest, person_id: int = PersonId) -> Any:
    """The story, how and where you met, when you last talked and about what, open follow-ups and
    `next_questions` (from what was said recently, then the unknown facets)."""
    [person] = with_tag_names(
        [get_owned_or_404(selectors.PERSON_FOR_BRIEFING, request.user, person_id)]
    )
    return selectors.person_briefing_payload(selectors.person_briefing(person=person))


def _event_queryset() -> Any:
    return Event.objects.prefetch_related("want_to_meet", "conversations")


@router.get(
    "/events/{event_id}/briefing",
    response={200: EventBriefingOut, 404: ErrorOut},
    summary="Briefing for an event",
)
def event_briefing(request: HttpRequest, event_id: int = EventId) -> Any:
    """People you already know linked to the event (want-to-meet, met there or at an earlier
    edition, on the attendee list), each with a short story and what to ask."""
    event = get_owned_or_404(_event_queryset(), request.user, event_id)
    return selectors.event_briefing_payload(selectors.event_briefing(event=event))


@router.post(
    "/events/{event_id}/attendees",
    response={201: AttendeesResult, 404: ErrorOut, 422: ErrorOut},
    summary="Add to an event's attendee list",
)
def attendees_add(request: HttpRequest, payload: AttendeesIn, event_id: int = EventId) -> Any:
    """Paste the attendee list (lines or CSV); people you know are matched by e-mail, then name."""
    event = get_owned_or_404(Event, request.user, event_id)
    added = services.attendees_import(event=event, text=payload.text, replace=payload.replace)
    matches = selectors.attendees_matched(event=event)
    return Status(
        201, {"added": added, "count": len(matches), "matched": sum(1 for m in matches if m.person)}
    )


@router.delete(
    "/events/{event_id}/attendees",
    response={204: None, 404: ErrorOut},
    summary="Clear an event's attendee list",
)
def attendees_clear(request: HttpRequest, event_id: int = EventId) -> Any:
    event = get_owned_or_404(Event, request.user, event_id)
    services.attendees_clear(event=event)
    return Status(204, None)


@router.get("/reconnect", response=Page[ReconnectOut], summary="People you are losing touch with")
def reconnect(request: HttpRequest, params: Query[PageParams]) -> Any:
    """People with a keep-in-touch cadence whose last contact is older than it, most overdue first."""
    now = timezone.now()
    rows = selectors.reconnect_rows(
        user=request.user,
        now=now,
        columns=PERSON_COLUMNS,
        start=params.offset,
        stop=params.offset + params.limit,
    )
    # Page[ReconnectOut] as ninja would write it, from rows, without pydantic (hallway.api.fast).
    return json_answer(
        {
            "items": reconnect_out(rows, now),
            "count": selectors.reconnect_count(user=request.user, now=now),
        }
    )


def reconnect_out(rows: list[tuple[Any, ...]], now: dt.datetime) -> list[dict[str, Any]]:
    """What ReconnectOut makes of each row of `reconnect_rows` (the test holds the two equal)."""
    due_at = len(PERSON_COLUMNS)
    return [
        {
            "person": person,
            "keep_in_touch_days": int(person["keep_in_touch_days"]),
            "last_contact_at": person["last_contact_at"],
            "due_at": api_moment(row[due_at]),
            "overdue_days": selectors.days_overdue(row[due_at], now),
        }
        for row, person in zip(rows, people_out(rows), strict=True)
    ]


@router.get("/followups", response=Page[FollowUpItemOut], summary="Follow-ups")
def followups(request: HttpRequest, filters: Query[FollowUpFilters]) -> Any:
    """Your follow-ups, open ones first by due date; filter by `due_before`, `done`, `person_id`."""
    rows, count = selectors.followup_rows(
        user=request.user,
        columns=FOLLOWUP_COLUMNS,
        start=filters.offset,
        stop=filters.offset + filters.limit,
        due_before=filters.due_before,
        done=filters.done,
        person_id=filters.person_id,
    )
    # Page[FollowUpItemOut] as ninja would write it, from rows (hallway.api.fast).
    return json_answer({"items": [followup_item_out(row) for row in rows], "count": count})


# FollowUpItemOut's fields in its order, each as a column of a follow-up's row.
FOLLOWUP_COLUMNS = tuple(
    "person__name" if name == "person_name" else name for name in FollowUpItemOut.model_fields
)
_FOLLOWUP_FIELDS = tuple(FollowUpItemOut.model_fields)


def followup_item_out(row: tuple[Any, ...]) -> dict[str, Any]:
    """What FollowUpItemOut makes of a row of FOLLOWUP_COLUMNS (the test holds the two equal)."""
    item = dict(zip(_FOLLOWUP_FIELDS, row, strict=True))
    item["due"] = None if item["due"] is None else item["due"].isoformat()
    item["done_at"] = api_moment(item["done_at"])
    item["created_at"] = api_moment(item["created_at"])
    return item


@router.patch(
    "/followups/{followup_id}",
    response={200: FollowUpItemOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a follow-up (tick it done)",
)
def followup_patch(
    request: HttpRequest, payload: FollowUpPatchIn, followup_id: int = FollowUpId
) -> Any:
    """Set `done`, `text` or `due` (null clears the date). All or nothing."""
    followup = get_owned_or_404(
        FollowUp.objects.select_related("person"), request.user, followup_id
    )
    changes = payload.model_dump(exclude_unset=True)
    if "done" in changes and changes["done"] is None:
        changes.pop("done")
    if "text" in changes and changes["text"] is None:
        changes["text"] = ""
    with transaction.atomic():
        followup_update(followup=followup, **changes)
    return selectors.followup_payload(followup)
