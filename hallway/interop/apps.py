from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "hallway.interop"
    label = "interop"
    verbose_name = "Import, export and backup"
    default_auto_field = "django.db.models.BigAutoField"
