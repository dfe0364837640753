from django.urls import path

from hallway.updates import views

app_name = "updates"

urlpatterns = [
    path("digest/", views.digest_settings, name="digest_settings"),
    path("digest/preview/", views.digest_preview, name="digest_preview"),
    path("digest/chart.png", views.digest_chart, name="digest_chart"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
