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

        # In the same transaction as the change: new people get each member's default level,
        # and shared people's searchable text follows their story (after search's listener).
        hooks.on_person_changed(services.person_changed)
        hooks.on_people_changed(services.people_changed, replaces=services.person_changed)
