from __future__ import annotations

from django.apps import AppConfig


class EventmodeConfig(AppConfig):
    name = "hallway.eventmode"
    label = "eventmode"
    verbose_name = "Live event mode"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.eventmode.views import settings_section

        register_settings_section(settings_section)
