"""Events: GET|POST /events, GET|PATCH|DELETE /events/{id}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from hallway.api.pagination import PageParams, page_of
from hallway.api.schemas import (
    ErrorOut,
    EventId,
    EventOut,
    InputSchema,
    LocationText,
    LongText,
    Moment,
    NonBlankName,
    ObjectId,
    Page,
    QueryText,
    not_null,
)
from hallway.events import services
from hallway.events.models import Event
from hallway.events.selectors import events_filter
from hallway.lib.ownership import get_owned_or_404
from hallway.lib.web import signed_in_user

router = Router(tags=["events"])

MAX_WANT_TO_MEET = 500
GoalField = Field(None, ge=0, le=10_000, description="New connections you aim for, or null.")
WantToMeetField = Field(
    None,
    max_length=MAX_WANT_TO_MEET,
    description="Ids of your people you want to meet there. Unknown ids are refused (422).",
)


class EventIn(InputSchema):
    name: NonBlankName = Field(..., min_length=1)
    starts_at: Moment
    ends_at: Moment | None = None
    location: LocationText = ""
    goal_new_connections: int | None = GoalField
    reflection: LongText = ""
    want_to_meet: list[ObjectId] | None = WantToMeetField


class EventPatch(InputSchema):
    """Only the fields you send change."""

    name: NonBlankName | None = not_null("Not null: an event keeps a name.", min_length=1)
    starts_at: Moment | None = not_null("Not null: an event keeps its start.")
    ends_at: Moment | None = None
    location: LocationText | None = None
    goal_new_connections: int | None = GoalField
    reflection: LongText | None = None
    want_to_meet: list[ObjectId] | None = WantToMeetField


class EventFilters(PageParams):
    q: QueryText = Field("", description="Words in the name or the location.")


NOT_FOUND = {404: ErrorOut}


def _event(request: HttpRequest, event_id: int) -> Event:
    return get_owned_or_404(events_filter(user=signed_in_user(request)), request.user, event_id)


@router.get("/events", response=Page[EventOut], summary="List events")
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict[str, Any]:
    """Your events, the latest first."""
    return page_of(events_filter(user=signed_in_user(request), q=filters.q), filters)


@router.post("/events", response={201: EventOut}, summary="Add an event")
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    fields = payload.model_dump(exclude={"want_to_meet"})
    event = services.event_create(
        owner=signed_in_user(request), want_to_meet=payload.want_to_meet, **fields
    )
    return Status(201, _event(request, event.pk))


@router.get("/events/{event_id}", response={200: EventOut, **NOT_FOUND}, summary="Show an event")
def get_event(request: HttpRequest, event_id: int = EventId) -> Event:
    return _event(request, event_id)


@router.patch(
    "/events/{event_id}", response={200: EventOut, **NOT_FOUND}, summary="Change an event"
)
def update_event(request: HttpRequest, payload: EventPatch, event_id: int = EventId) -> Event:
    event = _event(request, event_id)
    fields = payload.model_dump(exclude_unset=True, exclude={"want_to_meet"})
    services.event_update(event=event, want_to_meet=payload.want_to_meet, **fields)
    return _event(request, event_id)


@router.delete("/events/{event_id}", response={204: None, **NOT_FOUND}, summary="Delete an event")
def delete_event(request: HttpRequest, event_id: int = EventId) -> Status[None]:
    """Deletes the event; its conversations stay, without an event."""
    services.event_delete(event=_event(request, event_id))
    return Status(204, None)
