"""URL routes: each app owns one prefix, and the API lives under /api/v1/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from hallway.home import views as home_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home_views.home, name="home"),
    path("demo/", home_views.demo_load, name="demo_load"),
    path("accounts/", include("hallway.accounts.urls")),
    path("people/", include("hallway.people.urls")),
    path("events/", include("hallway.events.urls")),
    path("conversations/", include("hallway.conversations.urls")),
    path("live/", include("hallway.eventmode.urls")),
    path("recall/", include("hallway.recall.urls")),
    path("search/", include("hallway.search.urls")),
    path("interop/", include("hallway.interop.urls")),
    path("practice/", include("hallway.practice.urls")),
    path("updates/", include("hallway.updates.urls")),
    path("sync/", include("hallway.sync.urls")),
    path("api/v1/", include("hallway.api.urls")),
    # CardDAV/CalDAV: /dav/ and the /.well-known/ addresses phones look for.
    path("", include("hallway.sync.dav_urls")),
    # The phone app at the site root (a service worker's scope is the folder it is served from).
    path("", include("hallway.pocket.urls")),
]
