from django.urls import path

from hallway.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", views.conversation_create, name="create"),
    path("<int:conversation_id>/", views.conversation_detail, name="detail"),
    path("<int:conversation_id>/edit/", views.conversation_edit, name="edit"),
    path("<int:conversation_id>/delete/", views.conversation_delete, name="delete"),
    path("<int:conversation_id>/followups/", views.followup_add, name="followup_add"),
    path("followups/<int:followup_id>/toggle/", views.followup_toggle, name="followup_toggle"),
]
