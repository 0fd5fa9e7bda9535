from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "nec.registrations"
    verbose_name = "Inscriptions"

    def ready(self) -> None:
        from nec.editions.orga_nav import register

        # "registrations:orga_index" (the list) is registered by the foundation.
        register(
            "registrations:team_figures", _("Chiffres des inscriptions"), "registrations.view", 31
        )
        register(
            "registrations:team_questionnaire",
            _("Questionnaire d'inscription"),
            "registrations.manage",
            32,
        )
