"""The "Check in to an event" card on the home page, so the home view needs no change."""

from __future__ import annotations

from typing import Any

from django import template

from hallway.eventmode.models import LiveSettings
from hallway.eventmode.selectors import events_today

register = template.Library()


@register.inclusion_tag("eventmode/partials/home_checkin_card.html", takes_context=True)
def live_checkin_card(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    # Only today's events show here (not the upcoming and past ones the live page lists), and
    # the event checked in to matters only when it is one of them: no query for it otherwise.
    today = events_today(user=user) if user.is_authenticated else []
    current = (
        LiveSettings.objects.filter(owner=user).select_related("current_event").first()
        if today
        else None
    )
    current_event = current.current_event if current else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "today_events": today,
        "current_event_today": current_event if current_event in today else None,
    }


@register.filter
def check_in_question(event: Any) -> str:
    """What to ask before checking in to an event that has not started yet ("" when it has)."""
    from django.utils import timezone
    from django.utils.formats import date_format

    if event.starts_at <= timezone.now():
        return ""
    starts = date_format(timezone.localtime(event.starts_at), "D j M, H:i")
    return f"{event.name} starts {starts}. Check in now anyway?"
