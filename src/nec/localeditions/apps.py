"""The local-editions domain app: how to organise a NEC local, and the local editions by région."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalEditionsConfig(AppConfig):
    name = "nec.localeditions"
    label = "localeditions"
    verbose_name = _("NEC locaux")
