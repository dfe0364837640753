from __future__ import annotations

from django.urls import path

from hallway.pocket import views

app_name = "pocket"

# At the site root: the service worker's scope is the folder it is served from.
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("app/start/", views.start, name="start"),
]
