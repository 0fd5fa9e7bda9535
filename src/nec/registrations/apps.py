"""The registrations app: registrations, questionnaire, session bookings, check-in."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _count_confirmed(edition) -> int:
    from nec.registrations.models import Registration

    return Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).count()


class RegistrationsConfig(AppConfig):
    name = "nec.registrations"
    verbose_name = "Inscriptions"

    def ready(self) -> None:
        from nec.accounts.home_links import register as register_home_link
        from nec.editions import edition_links, orga_tiles
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, STAFF, register_actions
        from nec.registrations import programme_hooks

        register_actions(
            {
                "registrations.view": {ORGANISER},
                "registrations.manage": {ORGANISER},
                "registrations.checkin": {ORGANISER, STAFF},
            }
        )

        edition_links.register(
            "registrations:register",
            _("S'inscrire"),
            visible=lambda edition: edition.status == edition.Status.PUBLISHED,
            style="accent",
            order=20,
        )
        programme_hooks.register()
        orga_tiles.register(
            "registrations.confirmed",
            _("Inscriptions confirmées"),
            _count_confirmed,
            "registrations.view",
            url_name="registrations:orga_index",
            order=30,
        )
        register_home_link("registrations:mine", _("Mes inscriptions"), 10)

        register("registrations:orga_index", _("Inscriptions"), "registrations.view", 30)
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
