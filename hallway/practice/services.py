"""Writes for practice goals and monthly reflections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hallway.practice.models import (
    MAX_GOAL,
    MAX_MONTHLY_REFLECTION_LENGTH,
    MonthlyReflection,
    PracticeGoals,
)

GOAL_FIELDS = ("events_per_month", "new_people_per_event", "connections_per_month")
GOAL_LABELS = {
    "events_per_month": "Events per month",
    "new_people_per_event": "New people per event",
    "connections_per_month": "Connections (stories) per month",
}


def _clean_goal(field: str, value: Any) -> int:
    label = GOAL_LABELS[field]
    if isinstance(value, bool):
        raise ValidationError({field: f"{label} must be a whole number."})
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({field: f"{label} must be a whole number."}) from error
    if isinstance(value, float) and value != number:
        raise ValidationError({field: f"{label} must be a whole number."})
    if not 0 <= number <= MAX_GOAL:
        raise ValidationError(
            {field: f"{label} must be between 0 and {MAX_GOAL} (0 = not tracked)."}
        )
    return number


def _signed_in(owner: User | AnonymousUser) -> User:
    """The API hands its request.user over as it is: only a signed-in user keeps goals."""
    if not isinstance(owner, User):
        raise PermissionDenied
    return owner


@transaction.atomic
def goals_set(*, owner: User | AnonymousUser, **values: Any) -> PracticeGoals:
    """Save the user's goals; fields not given keep their value (or the suggestion on first save)."""
    owner = _signed_in(owner)
    unknown = set(values) - set(GOAL_FIELDS)
    if unknown:
        raise ValidationError(
            f"Unknown goal(s): {', '.join(sorted(unknown))}. Use {', '.join(GOAL_FIELDS)}."
        )
    cleaned = {field: _clean_goal(field, value) for field, value in values.items()}
    goals = PracticeGoals.objects.select_for_update().filter(owner=owner).first()
    if goals is None:
        from hallway.practice.selectors import goals_for

        suggested = goals_for(user=owner)
        goals = PracticeGoals(
            owner=owner,
            events_per_month=suggested.events_per_month,
            new_people_per_event=suggested.new_people_per_event,
            connections_per_month=suggested.connections_per_month,
        )
    for field, value in cleaned.items():
        setattr(goals, field, value)
    goals.save()
    return goals


MIN_YEAR = 1900


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@transaction.atomic
def monthly_reflection_set(
    *, owner: User | AnonymousUser, month: dt.date, text: str
) -> MonthlyReflection | None:
    """Write (or clear, with empty text) the reflection for the month containing `month`."""
    owner = _signed_in(owner)
    text = (text or "").strip()
    if "\x00" in text or _has_surrogates(text):
        raise ValidationError({"text": "The reflection contains characters that cannot be stored."})
    if month.year < MIN_YEAR:
        raise ValidationError({"month": f"Pick a month after {MIN_YEAR}."})
    if len(text) > MAX_MONTHLY_REFLECTION_LENGTH:
        raise ValidationError(
            {"text": f"A monthly reflection is at most {MAX_MONTHLY_REFLECTION_LENGTH} characters."}
        )
    first = month.replace(day=1)
    if not text:
        MonthlyReflection.objects.filter(owner=owner, month=first).delete()
        return None
    reflection, _ = MonthlyReflection.objects.update_or_create(
        owner=owner, month=first, defaults={"text": text}
    )
    return reflection
