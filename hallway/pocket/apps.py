from __future__ import annotations

from django.apps import AppConfig


class PocketConfig(AppConfig):
    """The installable phone app: manifest, icons, service worker, replay-safe writes."""

    name = "hallway.pocket"
    label = "pocket"
    verbose_name = "Phone app"
    default_auto_field = "django.db.models.BigAutoField"
