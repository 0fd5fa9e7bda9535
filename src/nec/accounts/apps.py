"""The accounts app: people keyed on e-mail, sign-in by magic link or password, "Mon espace"."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks


class AccountsConfig(AppConfig):
    default = True
    name = "nec.accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from nec.accounts import personal_data
        from nec.accounts.account_data import erase_account, export_account
        from nec.accounts.checks import check_home_links

        checks.register(check_home_links, "nec")
        # last: the other apps' erasers find the person by the address this one replaces
        personal_data.register(
            "account", _("Compte"), export=export_account, erase=erase_account, order=99
        )


class NecAdminConfig(admin_apps.AdminConfig):
    """The Django admin with our site: superusers only, the throttled password check."""

    default = False  # named explicitly in INSTALLED_APPS
    default_site = "nec.accounts.admin_site.NecAdminSite"
