"""The programme app: format types, sessions, speakers, call for proposals, timetable."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_speaker(user) -> bool:
    return user.speaker_profiles.exists()


def _is_partner(user) -> bool:
    from nec.accounts.permissions import is_national_team

    return is_national_team(user) or user.memberships.filter(role="partner").exists()


def _is_open(edition) -> bool:
    return edition.status == edition.Status.PUBLISHED


def _call_is_open(edition) -> bool:
    call = getattr(edition, "call_for_proposals", None)
    return _is_open(edition) and call is not None and call.is_open


def _count_published(edition) -> int:
    from nec.programme.models import Session

    return Session.objects.filter(edition=edition, status=Session.Status.PUBLISHED).count()


def _count_proposed(edition) -> int:
    from nec.programme.models import Session

    return Session.objects.filter(edition=edition, status=Session.Status.PROPOSED).count()


class ProgrammeConfig(AppConfig):
    name = "nec.programme"
    verbose_name = "Programme"

    def ready(self) -> None:
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.programme.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from django.core import checks

        from nec.accounts.home_links import register as register_home_link
        from nec.accounts.home_links import register_panel as register_home_panel
        from nec.editions import edition_links, orga_tiles
        from nec.programme import session_extras
        from nec.programme.speaker_schedule import coming_talks_panel

        checks.register(session_extras.check_links, "nec")
        from nec.editions.orga_nav import register as register_orga_link
        from nec.editions.permissions import ORGANISER, PARTNER, REVIEWER, register_actions

        register_actions(
            {
                "programme.view": {ORGANISER, REVIEWER},
                "programme.manage": {ORGANISER},
                "programme.review": {ORGANISER, REVIEWER},
                "programme.publish": {ORGANISER},
                # the partner offer catalogue
                "offers.manage": {PARTNER},
                "offers.use": {ORGANISER},
            }
        )

        edition_links.register(
            "programme:programme", _("Voir le programme"), visible=_is_open, order=10
        )
        edition_links.register(
            "programme:cfp_call",
            _("Proposer un format"),
            visible=_call_is_open,
            style="secondary",
            order=30,
        )
        orga_tiles.register(
            "programme.published",
            _("Sessions publiées"),
            _count_published,
            "programme.view",
            url_name="programme:orga_index",
            order=20,
        )
        orga_tiles.register(
            "programme.proposed",
            _("Propositions à examiner"),
            _count_proposed,
            "programme.review",
            url_name="programme:cfp_proposals",
            order=21,
            attention=True,
        )
        register_home_link("programme:my_proposals", _("Mes propositions"), 20, _is_speaker)
        register_home_panel("programme.coming_talks", coming_talks_panel, order=6)
        register_home_link("programme:my_offers", _("Mes offres de formats"), 25, _is_partner)
        for url_name, label, action, order in (
            ("programme:orga_index", _("Sessions"), "programme.view", 20),
            ("programme:orga_grid", _("Grille"), "programme.view", 21),
            ("programme:cfp_proposals", _("Propositions"), "programme.review", 22),
            ("programme:orga_charter", _("Charte"), "programme.view", 24),
            ("programme:orga_exports", _("Exports et import"), "programme.manage", 25),
        ):
            register_orga_link(url_name, label, action, order, group="programme")
        register_orga_link(
            "programme:offer_catalogue",
            _("Offres partenaires"),
            "offers.use",
            23,
            group="partenaires",
            kinds=("national",),
        )

        from nec.core.images import delete_replaced_files
        from nec.programme.models import Speaker

        # a replaced photo, or the photo of a deleted speaker, leaves no file behind
        delete_replaced_files(Speaker, "photo")
