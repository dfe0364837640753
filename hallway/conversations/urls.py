from django.urls import path

from hallway.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", views.conversation_create, name="create"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
    path("<int:pk>/edit/", views.conversation_edit, name="edit"),
    path("<int:pk>/delete/", views.conversation_delete, name="delete"),
    path("<int:pk>/followups/", views.followup_add, name="followup_add"),
    path("followups/<int:followup_id>/toggle/", views.followup_toggle, name="followup_toggle"),
]
