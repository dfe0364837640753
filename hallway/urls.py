"""URL routes. Feature apps that exist are included under their own prefix."""

from __future__ import annotations

from importlib.util import find_spec

from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path

from hallway.accounts import views as account_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", account_views.home, name="home"),
    path("accounts/", include("hallway.accounts.urls")),
    path("people/", include("hallway.people.urls")),
    path("events/", include("hallway.events.urls")),
    path("conversations/", include("hallway.conversations.urls")),
]

# Later features: each app owns one prefix.
_FEATURE_PREFIXES = {
    "hallway.eventmode": "live/",
    "hallway.recall": "recall/",
    "hallway.search": "search/",
    "hallway.interop": "interop/",
    "hallway.practice": "practice/",
    "hallway.updates": "updates/",
    "hallway.voice": "voice/",
}
for _app, _prefix in _FEATURE_PREFIXES.items():
    if _app in settings.INSTALLED_APPS and find_spec(f"{_app}.urls") is not None:
        urlpatterns.append(path(_prefix, include(f"{_app}.urls")))

if find_spec("hallway.api.urls") is not None:
    urlpatterns.append(path("api/v1/", include("hallway.api.urls")))
