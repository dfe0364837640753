from __future__ import annotations

from django.apps import AppConfig


class DoctorConfig(AppConfig):
    name = "hallway.doctor"
    label = "doctor"
    verbose_name = "What is installed and working"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.doctor.views import settings_section

        register_settings_section(settings_section)
