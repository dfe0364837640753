from __future__ import annotations

from django.urls import path

from hallway.voice import views

app_name = "voice"

urlpatterns = [
    path("", views.note_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("remember/", views.remember, name="remember"),
    path("settings/", views.settings_update, name="settings"),
    path("<int:voice_note_id>/", views.detail, name="detail"),
    path("<int:voice_note_id>/status/", views.status, name="status"),
    path("<int:voice_note_id>/apply/", views.apply, name="apply"),
    path("<int:voice_note_id>/retry/", views.retry, name="retry"),
    path("<int:voice_note_id>/delete/", views.delete, name="delete"),
]
