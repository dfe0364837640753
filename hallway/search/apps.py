from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "hallway.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hallway.lib import hooks
        from hallway.search import keyword, services

        # The services call these inside their transaction: the index never lags the data.
        hooks.on_person_changed(services.document_refresh)
        hooks.on_person_deleted(services.document_delete)
        hooks.on_people_changed(services.documents_refresh_many, replaces=services.document_refresh)
        # People lists filter their words through the full-text index.
        hooks.set_people_word_matcher(keyword.matching_people_sql)
