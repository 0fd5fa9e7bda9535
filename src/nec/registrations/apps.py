from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "nec.registrations"
    verbose_name = "Inscriptions"

    def ready(self) -> None:
        from nec.accounts.home_links import register as register_home_link
        from nec.editions.orga_nav import register

        register_home_link("registrations:mine", _("Mes inscriptions"), 10)

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
        register("registrations:orga_bookings", _("Réservations"), "registrations.view", 33)
        register("registrations:checkin", _("Accueil et pointage"), "registrations.checkin", 34)
