from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nec.accounts"
    verbose_name = "Comptes"
