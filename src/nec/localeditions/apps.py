"""The local-editions domain app: how to organise a NEC local, the local editions by région, and
the applications to organise one."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalEditionsConfig(AppConfig):
    name = "nec.localeditions"
    label = "localeditions"
    verbose_name = _("NEC locaux")

    def ready(self):
        from nec.editions import orga_links
        from nec.editions.permissions import register_national_actions

        register_national_actions({"localeditions.instruct"})
        orga_links.register(
            "localeditions:inbox", _("Candidatures NEC locaux"), "localeditions.instruct"
        )
