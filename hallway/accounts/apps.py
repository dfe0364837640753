from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hallway.accounts"
    label = "accounts"

    def ready(self) -> None:
        from hallway.accounts.sections import register_settings_section
        from hallway.accounts.token_views import tokens_section
        from hallway.accounts.two_factor_views import two_factor_section

        register_settings_section(two_factor_section)
        register_settings_section(tokens_section)
