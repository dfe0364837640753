"""The phone's bottom bar: the four things used standing up, and a "More" sheet for the rest."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch

from hallway.lib.web import reverse_fixed

register = template.Library()

# Url names of the bottom bar, in order; everything else in the navigation goes to "More".
BOTTOM_BAR = ("eventmode:home", "people:list", "search:search", "recall:due")
QUICK_ACTIONS = (("+ Person", "people:create"), ("+ Conversation", "conversations:create"))


def _url(name: str) -> str | None:
    try:
        return reverse_fixed(name)
    except NoReverseMatch:
        return None


@register.inclusion_tag("pocket/bottom_nav.html", takes_context=True)
def bottom_nav(context: dict[str, Any]) -> dict[str, Any]:
    navigation = context.get("navigation") or []
    request = context.get("request")
    path = request.path if request is not None else ""
    by_name = {item["name"]: item for item in navigation}
    bar = [by_name[name] for name in BOTTOM_BAR if name in by_name]
    more = [item for item in navigation if item["name"] not in BOTTOM_BAR]
    actions = [{"label": label, "url": url} for label, name in QUICK_ACTIONS if (url := _url(name))]
    current = next(
        (item for item in bar if item["url"] != "/" and path.startswith(item["url"])), None
    )
    return {
        "bar": bar,
        "more": more,
        "actions": actions,
        "current": current["name"] if current else "",
        "path": path,
        "settings_url": _url("accounts:settings"),
        "logout_url": _url("accounts:logout"),
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
    }
