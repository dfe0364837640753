from django.urls import path

from hallway.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/photo/", views.person_photo, name="photo"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
    path("<int:person_id>/delete/", views.person_delete, name="delete"),
    path("<int:person_id>/notes/", views.note_add, name="note_add"),
    path("notes/<int:note_id>/delete/", views.note_delete, name="note_delete"),
]
