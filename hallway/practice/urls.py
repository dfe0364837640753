from django.urls import path

from hallway.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.progress, name="progress"),
    path("goals/", views.goals, name="goals"),
    path("reflection/", views.reflection, name="reflection"),
]
