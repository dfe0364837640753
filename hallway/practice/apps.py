from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hallway.practice"
    label = "practice"
    verbose_name = "Practice and progress"
