"""The accounts app: people keyed on e-mail, sign-in by magic link or password, "Mon espace"."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks


class AccountsConfig(AppConfig):
    default = True
    name = "nec.accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from nec.accounts.checks import check_home_links

        checks.register(check_home_links, "nec")


class NecAdminConfig(admin_apps.AdminConfig):
    """The Django admin with our site: superusers only, the throttled password check."""

    default = False  # named explicitly in INSTALLED_APPS
    default_site = "nec.accounts.admin_site.NecAdminSite"
