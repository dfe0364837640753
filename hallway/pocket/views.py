"""The installable app: its manifest, its service worker and where it starts."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hallway.lib.web import signed_in_user
from hallway.pocket.selectors import start_page

THEME_COLOUR = "#1d2330"
BACKGROUND_COLOUR = "#f6f7f9"
NETWORK_TIMEOUT_MS = 4000
# Kept by the service worker at install: what the live screens and the shell need offline.
PRECACHE = (
    "hallway/app.css",
    "vendor/htmx-2.0.11.min.js",
    "pocket/queue.js",
    "pocket/pwa.js",
    "pocket/pocket.css",
    "eventmode/live.css",
    "eventmode/live.js",
    "eventmode/app.js",
    "pocket/icons/icon-192.png",
)
LIVE_PREFIXES = ("/live/", "/app/start/")


def _icons() -> list[dict[str, str]]:
    return [
        {"src": static("pocket/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("pocket/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("pocket/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what "Add to Home Screen" installs."""
    data: dict[str, Any] = {
        "id": "/",
        "name": "Hallway",
        "short_name": "Hallway",
        "description": "Collect stories, not business cards: your people, their stories, live at events.",
        "start_url": reverse("pocket:start") + "?source=home-screen",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": _icons(),
        "shortcuts": [
            {"name": "Live event", "url": reverse("eventmode:home"), "icons": _icons()[:1]},
            {"name": "Add a person", "url": reverse("people:create"), "icons": _icons()[:1]},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def _precache_urls() -> list[str]:
    return [static(name) for name in PRECACHE]


def _content_hash(urls: list[str]) -> str:
    digest = hashlib.sha256()
    for name in PRECACHE:
        path = staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None
        if path is None:
            from django.contrib.staticfiles import finders

            path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    digest.update("\n".join(urls).encode())
    digest.update(render_to_string("pocket/sw.js", {"version": ""}).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def _version(urls: tuple[str, ...]) -> str:
    return _content_hash(list(urls))


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script, from the site root so it controls every page."""
    urls = _precache_urls()
    # Hashed names already change with the content; without collectstatic (development)
    # the version follows the files' content instead, so a change reaches the phone.
    version = _content_hash(urls) if settings.DEBUG else _version(tuple(urls))
    script = render_to_string(
        "pocket/sw.js",
        {
            "version": version,
            "precache": json.dumps(urls),
            "shell_url": reverse("eventmode:app"),
            "live_prefixes": json.dumps(list(LIVE_PREFIXES)),
            "timeout_ms": NETWORK_TIMEOUT_MS,
            "static_url": settings.STATIC_URL,
        },
    )
    return HttpResponse(
        script,
        content_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Where the home-screen icon opens: the live screen when an event is on today."""
    return redirect(start_page(user=signed_in_user(request)))
