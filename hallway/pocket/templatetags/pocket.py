"""The phone's bottom bar: the four things used standing up, and a "More" sheet for the rest."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django import template
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString

from hallway.lib.fragments import Fragment, hole
from hallway.lib.web import reverse_fixed

register = template.Library()

# Url names of the bottom bar, in order; everything else in the navigation goes to "More".
BOTTOM_BAR = ("eventmode:home", "people:list", "search:search", "recall:due")
QUICK_ACTIONS = (("+ Person", "people:create"), ("+ Conversation", "conversations:create"))

_BOTTOM_NAV = Fragment("pocket/bottom_nav.html")
_MAIN_NAV = Fragment("pocket/main_nav.html")
_BODY_DATA = Fragment("pocket/body_data.html")


def _url(name: str) -> str | None:
    try:
        return reverse_fixed(name)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def bottom_nav(context: Any) -> SafeString:
    navigation = context.get("navigation") or []
    request = context.get("request")
    path = request.path if request is not None else ""
    by_name = {item["name"]: item for item in navigation}
    bar = [by_name[name] for name in BOTTOM_BAR if name in by_name]
    more = [item for item in navigation if item["name"] not in BOTTOM_BAR]
    current = next(
        (item for item in bar if item["url"] != "/" and path.startswith(item["url"])), None
    )
    # The sheet marks the page it is on; any other path shows the same sheet.
    marked = path if any(item["url"] == path for item in more) else ""
    urls = tuple((item["name"], item["label"], item["url"]) for item in navigation)
    key = (urls, current["name"] if current else "", marked)

    def fixed() -> dict[str, Any]:
        return {
            "bar": bar,
            "more": more,
            "actions": [
                {"label": label, "url": url} for label, name in QUICK_ACTIONS if (url := _url(name))
            ],
            "current": current["name"] if current else "",
            "path": marked,
            "settings_url": _url("accounts:settings"),
            "logout_url": _url("accounts:logout"),
            "csrf_token": hole("csrf_token"),
            "user": SimpleNamespace(username=hole("username")),
        }

    user = context.get("user")
    return _BOTTOM_NAV.render(
        key,
        fixed,
        {"csrf_token": context.get("csrf_token"), "username": user.get_username() if user else ""},
    )


@register.simple_tag(takes_context=True)
def main_nav(context: Any) -> SafeString:
    """The top bar's links, the one for this page marked as current."""
    navigation = context.get("navigation") or []
    request = context.get("request")
    path = request.path if request is not None else ""
    urls = tuple((item["label"], item["url"]) for item in navigation)
    marked = path if any(url == path for _label, url in urls) else ""
    return _MAIN_NAV.render((urls, marked), lambda: {"navigation": navigation, "path": marked}, {})


@register.simple_tag(takes_context=True)
def body_data(context: Any) -> SafeString:
    """The <body>'s data attributes for the pocket scripts (service worker, user, rendered-at)."""
    from django.conf import settings
    from django.template.defaultfilters import date as date_filter
    from django.utils import timezone

    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    urls = (_url("pocket:service_worker"), _url("eventmode:app"))

    def fixed() -> dict[str, Any]:
        return {
            "user": SimpleNamespace(is_authenticated=signed_in, pk=hole("pk")),
            "rendered_at": hole("rendered_at"),
        }

    # What {% now 'c' %} writes.
    zone = timezone.get_current_timezone() if settings.USE_TZ else None
    rendered_at = date_filter(dt.datetime.now(tz=zone), "c")
    return _BODY_DATA.render(
        (signed_in, urls), fixed, {"pk": user.pk if signed_in else "", "rendered_at": rendered_at}
    )
