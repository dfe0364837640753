from django.apps import AppConfig


class RecallConfig(AppConfig):
    name = "hallway.recall"
    label = "recall"
    verbose_name = "Recall: briefings and keeping in touch"
