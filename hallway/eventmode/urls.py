from __future__ import annotations

from django.urls import path

from hallway.eventmode import views

app_name = "eventmode"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.live_settings, name="settings"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event_screen, name="event"),
    path("events/<int:event_id>/check-in/", views.check_in, name="check_in"),
    path("events/<int:event_id>/start/", views.start, name="start"),
    path("events/<int:event_id>/people/", views.person_search, name="person_search"),
    path("events/<int:event_id>/review/", views.review, name="review"),
    path("conversations/<int:conversation_id>/", views.conversation_screen, name="conversation"),
    path("conversations/<int:conversation_id>/capture/", views.capture, name="capture"),
    path("conversations/<int:conversation_id>/signs/", views.sign_add, name="sign_add"),
    path("conversations/<int:conversation_id>/end/", views.end, name="end"),
    path("conversations/<int:conversation_id>/followup/", views.review_followup, name="followup"),
]
