from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "hallway.conversations"
    label = "conversations"
