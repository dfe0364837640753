from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hallway.people"
    label = "people"
