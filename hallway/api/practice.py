"""Practice: GET /practice (progress), GET|PUT /practice/goals, PUT /practice/reflections/{month}."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from hallway.api.schemas import ErrorOut, InputSchema
from hallway.practice import rules
from hallway.practice.models import MAX_GOAL, MAX_MONTHLY_REFLECTION_LENGTH
from hallway.practice.selectors import goals_for, progress_as_dict, progress_for
from hallway.practice.services import goals_set, monthly_reflection_set

router = Router(tags=["practice"])

MONTH_PATTERN = r"^(19|2[0-1])[0-9]{2}-(0[1-9]|1[0-2])$"


class GoalsOut(Schema):
    events_per_month: int
    new_people_per_event: int
    connections_per_month: int
    suggested: bool = Field(description="True until the user saves goals: these are suggestions.")


class GoalsIn(InputSchema):
    events_per_month: int = Field(..., ge=0, le=MAX_GOAL, description="0 = not tracked")
    new_people_per_event: int = Field(..., ge=0, le=MAX_GOAL)
    connections_per_month: int = Field(..., ge=0, le=MAX_GOAL)


class MonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    events: int
    events_planned: int
    conversations: int
    new_people: int
    stories: int = Field(description="People whose story you got that month")
    connection_rate: float | None
    new_people_per_event: float | None
    goal_met: bool


class EventPracticeOut(Schema):
    id: int
    name: str
    starts_at: dt.datetime
    conversations: int
    people_met: int
    new_people: int
    stories: int
    goal_new_connections: int | None
    reflection: str


class PracticeOut(Schema):
    today: dt.date
    goals: GoalsOut
    this_month: MonthOut
    streak_months: int = Field(description="Months in a row with every goal met")
    connection_rate: float | None = Field(
        description="Finished conversations with new people that gave a story (outcome connected, "
        "or passions/drivers learned) ÷ all finished conversations with new people, last 12 months; "
        "null without any."
    )
    conversations: int
    conversations_per_event: float | None
    people_met_per_event: float | None
    outcomes: dict[str, int] = Field(description="connected, cards_only, cut_short, ongoing")
    warning_signs: dict[str, int] = Field(
        description="Times each warning sign came up, by sign name"
    )
    warning_sign_median_seconds: dict[str, int | None]
    median_conversation_seconds: int | None
    months: list[MonthOut] = Field(description="The last 12 months, oldest first")
    events: list[EventPracticeOut] = Field(description="Recent past events, newest first")
    monthly_reflections: dict[str, str]
    insights: list[str]


class ReflectionIn(InputSchema):
    text: str = Field(
        ...,
        max_length=MAX_MONTHLY_REFLECTION_LENGTH,
        description="Empty clears it.",
        json_schema_extra={"pattern": r"^[^\x00]*$"},
    )


class ReflectionOut(Schema):
    month: str
    text: str


def _goals_out(goals: rules.Goals) -> GoalsOut:
    return GoalsOut(
        events_per_month=goals.events_per_month,
        new_people_per_event=goals.new_people_per_event,
        connections_per_month=goals.connections_per_month,
        suggested=goals.suggested,
    )


@router.get(
    "/practice", response={200: PracticeOut, 401: ErrorOut}, summary="Your practice progress"
)
def practice(request: HttpRequest) -> dict[str, object]:
    """This month against your goals, streak, connection rate, outcomes, warning signs, the last
    12 months and insights."""
    return progress_as_dict(progress_for(user=request.user))


@router.get(
    "/practice/goals", response={200: GoalsOut, 401: ErrorOut}, summary="Your practice goals"
)
def goals_get(request: HttpRequest) -> GoalsOut:
    return _goals_out(goals_for(user=request.user))


@router.put(
    "/practice/goals",
    response={200: GoalsOut, 401: ErrorOut, 422: ErrorOut},
    summary="Set your goals",
)
def goals_put(request: HttpRequest, payload: GoalsIn) -> GoalsOut:
    goals_set(owner=request.user, **payload.dict())
    return _goals_out(goals_for(user=request.user))


@router.put(
    "/practice/reflections/{month}",
    response={200: ReflectionOut, 401: ErrorOut, 422: ErrorOut},
    summary="Write the reflection for a month (YYYY-MM)",
)
def reflection_put(
    request: HttpRequest,
    payload: ReflectionIn,
    month: str = Path(
        ..., pattern=MONTH_PATTERN, description="YYYY-MM, this month or an earlier one"
    ),
) -> ReflectionOut:
    try:
        first = dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError as error:
        raise HttpError(422, "month must be YYYY-MM, e.g. 2026-11.") from error
    if first > timezone.localdate():
        raise HttpError(422, "You cannot reflect on a month that has not started.")
    saved = monthly_reflection_set(owner=request.user, month=first, text=payload.text)
    return ReflectionOut(month=f"{first:%Y-%m}", text=saved.text if saved else "")
