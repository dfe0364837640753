"""Template context shared by every page: the navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hallway.lib.web import reverse_fixed

# (label, url name) in display order.
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
    return [
        {"label": label, "url": reverse_fixed(name), "name": name} for label, name in NAVIGATION
    ]


def hallway_settings(request: HttpRequest) -> dict[str, Any]:
    return {"navigation": _navigation(), "signup_open": settings.SIGNUP_OPEN}
