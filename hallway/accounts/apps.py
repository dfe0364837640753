from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hallway.accounts"
    label = "accounts"
