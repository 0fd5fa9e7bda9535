"""The accounts app: people keyed on e-mail, sign-in by magic link or password, "Mon espace"."""

from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "nec.accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from nec.accounts.checks import check_home_links

        checks.register(check_home_links, "nec")
