from __future__ import annotations

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "hallway.home"
    label = "home"
    verbose_name = "Home dashboard"
