from django.urls import path

from hallway.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", views.conversation_create, name="create"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
]
