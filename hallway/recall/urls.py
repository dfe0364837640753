from django.urls import path

from hallway.recall import views

app_name = "recall"

urlpatterns = [
    path("due/", views.due, name="due"),
    path("followups/<int:followup_id>/done/", views.followup_done, name="followup_done"),
    path("reconnect/", views.reconnect, name="reconnect"),
    path("people/<int:person_id>/", views.person_briefing, name="person_briefing"),
    path("events/<int:event_id>/", views.event_briefing, name="event_briefing"),
    path("events/<int:event_id>/briefing.pdf", views.event_briefing_pdf, name="event_briefing_pdf"),
    path("events/<int:event_id>/attendees/", views.event_attendees, name="event_attendees"),
    path(
        "events/<int:event_id>/attendees/clear/",
        views.event_attendees_clear,
        name="event_attendees_clear",
    ),
]
