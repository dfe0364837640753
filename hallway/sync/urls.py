from __future__ import annotations

from django.urls import path

from hallway.sync import views

app_name = "sync"

urlpatterns = [
    path("devices/", views.device_create, name="device_create"),
    path("devices/<int:device_id>/revoke/", views.device_revoke, name="device_revoke"),
    path("hallway.mobileconfig", views.ios_profile, name="ios_profile"),
    path("deleted/", views.deleted_list, name="deleted"),
    path("deleted/<int:deleted_id>/restore/", views.deleted_restore, name="deleted_restore"),
]
