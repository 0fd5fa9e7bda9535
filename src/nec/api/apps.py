"""The api app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "nec.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from nec.api.audit_texts import LABELS as AUDIT_LABELS
        from nec.editions.audit_labels import register as register_audit_labels

        register_audit_labels(AUDIT_LABELS)
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, register_actions

        register_actions({"api.tokens": {ORGANISER}})
        register("api:tokens", _("Jetons d'API"), "api.tokens", 90)
