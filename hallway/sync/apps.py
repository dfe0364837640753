from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "hallway.sync"
    label = "sync"
    verbose_name = "Phone sync: CardDAV and CalDAV"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.lib import hooks
        from hallway.sync import services
        from hallway.sync.views import settings_section

        register_settings_section(settings_section)
        # Last: the owner's counter is bumped under a row lock held until the commit.
        hooks.on_person_changed(services.on_person_changed, run_last=True)
        hooks.on_people_changed(
            services.on_people_changed, replaces=services.on_person_changed, run_last=True
        )
        hooks.on_person_deleted(services.on_person_deleted)
        hooks.on_person_deleting(services.on_person_deleting)
