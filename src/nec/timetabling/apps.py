"""The timetabling app's configuration: its action code, its links in the espace organisation,
its button on the programme, the ranking link of the fair allocation, its audit labels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimetablingConfig(AppConfig):
    name = "nec.timetabling"
    label = "timetabling"
    verbose_name = _("Grille assistée")

    def ready(self) -> None:
        from nec.editions import audit_labels, edition_links
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, register_actions
        from nec.timetabling import programme_hooks
        from nec.timetabling.audit_texts import LABELS as AUDIT_LABELS

        audit_labels.register(AUDIT_LABELS)
        register_actions({"timetabling.propose": {ORGANISER}})
        register(
            "timetabling:runs",
            _("Proposer une grille"),
            "timetabling.propose",
            22,
            group="programme",
            kinds=("national",),
        )
        register(
            "timetabling:allocation",
            _("Attribution équitable"),
            "timetabling.propose",
            23,
            group="programme",
        )
        edition_links.register(
            "timetabling:allocation_rank",
            _("Classer mes choix de sessions"),
            visible=ranking_open,
            order=40,
        )
        programme_hooks.register()
        from nec.timetabling import availability_hooks

        availability_hooks.register()
        _register_demand(register, edition_links)


def _register_demand(register_orga_link, edition_links) -> None:
    """The team's "Demande par session" and the participant's page of sessions to mark."""
    from nec.programme import session_extras
    from nec.timetabling.demand_views import wishes_open

    register_orga_link(
        "timetabling:demand", _("Demande par session"), "timetabling.propose", 22,
        group="programme", kinds=("national",),
    )  # fmt: skip
    session_extras.register_link(
        "timetabling:wishes", _("Les sessions qui m'intéressent"), order=60
    )
    edition_links.register(
        "timetabling:wishes",
        _("Indiquer les sessions qui m'intéressent"),
        visible=wishes_open,
        style="secondary",
        order=35,
    )


def ranking_open(edition) -> bool:
    """Whether participants may rank sessions now (the link on the public edition page)."""
    from nec.timetabling.allocation_services import window_of, window_state

    return window_state(window_of(edition)) == "open"
