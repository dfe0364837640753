from __future__ import annotations

from django.urls import path, re_path

from hallway.eventmode import views

app_name = "eventmode"

urlpatterns = [
    path("", views.home, name="home"),
    # The live app shell: drawn on the phone from the offline snapshot and the queue.
    path("app/", views.app_shell, name="app"),
    path("waiting/", views.app_shell, name="waiting"),
    path("settings/", views.live_settings, name="settings"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event_screen, name="event"),
    path("events/<int:event_id>/check-in/", views.check_in, name="check_in"),
    path("events/<int:event_id>/start/", views.start, name="start"),
    path("events/<int:event_id>/people/", views.person_search, name="person_search"),
    path("events/<int:event_id>/review/", views.review, name="review"),
    path("conversations/<int:conversation_id>/", views.conversation_screen, name="conversation"),
    # A conversation started offline, named by the id the phone made, until it is sent.
    re_path(
        r"^conversations/(?P<client_id>[A-Za-z0-9_-]{8,64})/$",
        views.conversation_by_client_id,
        name="client_conversation",
    ),
    path("conversations/<int:conversation_id>/capture/", views.capture, name="capture"),
    path("conversations/<int:conversation_id>/signs/", views.sign_add, name="sign_add"),
    path("conversations/<int:conversation_id>/end/", views.end, name="end"),
    path("conversations/<int:conversation_id>/followup/", views.review_followup, name="followup"),
]
