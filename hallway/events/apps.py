from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "hallway.events"
    label = "events"
