from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "hallway.updates"
    label = "updates"
    verbose_name = "Updates: e-mail digest and calendar feeds"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.updates.views import settings_section

        register_settings_section(settings_section)
