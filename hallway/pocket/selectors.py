"""Reads for the phone app."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone


def start_page(*, user: User, now: dt.datetime | None = None) -> str:
    """The live screen of the event the user is at (checked in, or the one on today), else home."""
    from hallway.eventmode.selectors import events_for_check_in
    from hallway.eventmode.services import live_settings_get

    today = events_for_check_in(user=user, now=now or timezone.now())["today"]
    current = live_settings_get(user=user).current_event
    if current is not None and current in today:
        return reverse("eventmode:event", args=[current.pk])
    if today:
        return (
            reverse("eventmode:event", args=[today[0].pk])
            if len(today) == 1
            else reverse("eventmode:home")
        )
    return reverse("home")
