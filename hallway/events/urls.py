from django.urls import path

from hallway.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:event_id>/", views.event_detail, name="detail"),
    path("<int:event_id>/edit/", views.event_edit, name="edit"),
    path("<int:event_id>/delete/", views.event_delete, name="delete"),
    path("<int:event_id>/want/", views.want_to_meet_search, name="want_search"),
    path("<int:event_id>/want/<int:person_id>/", views.want_to_meet_toggle, name="want_toggle"),
]
