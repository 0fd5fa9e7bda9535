from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_speaker(user) -> bool:
    return user.speaker_profiles.exists()


def _is_partner(user) -> bool:
    from nec.accounts.permissions import is_national_team

    return is_national_team(user) or user.memberships.filter(role="partner").exists()


class ProgrammeConfig(AppConfig):
    name = "nec.programme"
    verbose_name = "Programme"

    def ready(self) -> None:
        from nec.accounts.home_links import register as register_home_link
        from nec.editions.orga_nav import register as register_orga_link

        register_home_link("programme:my_proposals", _("Mes propositions"), 20, _is_speaker)
        register_home_link("programme:my_offers", _("Mes offres de formats"), 25, _is_partner)
        # "programme:orga_index" (the sessions) is registered by the foundation.
        register_orga_link("programme:orga_grid", _("Grille"), "programme.view", 21)
        register_orga_link("programme:cfp_proposals", _("Propositions"), "programme.review", 22)
        register_orga_link("programme:offer_catalogue", _("Offres partenaires"), "offers.use", 23)
        register_orga_link("programme:orga_charter", _("Charte"), "programme.view", 24)
        register_orga_link("programme:orga_exports", _("Exports et import"), "programme.manage", 25)
