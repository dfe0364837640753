from __future__ import annotations

from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "hallway.voice"
    label = "voice"
    verbose_name = "Voice notes"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.voice.views import settings_section

        register_settings_section(settings_section)
