"""Template context shared by every page: the navigation, built from the features present."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (label, url name) in display order; entries whose app is absent are skipped.
NAVIGATION = [
    ("Home", "home"),
    ("Live", "eventmode:home"),
    ("People", "people:list"),
    ("Events", "events:list"),
    ("Search", "search:search"),
    ("Due", "recall:due"),
    ("Reconnect", "recall:reconnect"),
    ("Practice", "practice:progress"),
    ("Import", "interop:import"),
    ("Teams", "teams:list"),
]


def _navigation() -> list[dict[str, str]]:
    items = []
    for label, name in NAVIGATION:
        try:
            items.append({"label": label, "url": reverse(name), "name": name})
        except NoReverseMatch:
            continue
    return items


def hallway_settings(request: HttpRequest) -> dict[str, Any]:
    return {"navigation": _navigation(), "signup_open": settings.SIGNUP_OPEN}
