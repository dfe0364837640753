from __future__ import annotations

from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "hallway.teams"
    label = "teams"
    verbose_name = "Teams"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hallway.lib import hooks
        from hallway.teams import services

        # New people get each member's default sharing level, in the same transaction.
        hooks.on_person_changed(services.default_share_apply)
        hooks.on_people_changed(
            services.default_share_apply_many, replaces=services.default_share_apply
        )
