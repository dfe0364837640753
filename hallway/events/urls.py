from django.urls import path

from hallway.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
    path("<int:pk>/want/", views.want_to_meet_search, name="want_search"),
    path("<int:pk>/want/<int:person_id>/", views.want_to_meet_toggle, name="want_toggle"),
]
