"""The DAV endpoint and its well-known addresses, mounted at the site root."""

from __future__ import annotations

from django.urls import path, re_path

from hallway.sync import views

urlpatterns = [
    path(".well-known/carddav", views.well_known, name="well_known_carddav"),
    path(".well-known/caldav", views.well_known, name="well_known_caldav"),
    re_path(r"^dav/?(?P<path>.*)$", views.dav_request, name="dav"),
]
