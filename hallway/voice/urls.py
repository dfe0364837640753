from __future__ import annotations

from django.urls import path

from hallway.voice import views

app_name = "voice"

urlpatterns = [
    path("", views.note_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("remember/", views.remember, name="remember"),
    path("settings/", views.settings_update, name="settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
