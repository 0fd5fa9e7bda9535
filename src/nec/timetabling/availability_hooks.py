"""Where the sessions' unavailable slots plug into lower apps: the team's page in the espace
organisation's navigation, the speakers' page on "Mon espace", the grid's check of sessions placed
in a slot they cannot take (the audit code's label is in `audit_texts`)."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from nec.accounts import home_links
    from nec.editions.orga_nav import register as orga_nav
    from nec.programme import conflict_checks
    from nec.timetabling.availability_services import UNAVAILABLE_CODE, grid_conflicts, is_speaker

    conflict_checks.register(
        UNAVAILABLE_CODE, _("Session sur un créneau indisponible"), grid_conflicts
    )

    orga_nav(
        "timetabling:availability",
        _("Indisponibilités des sessions"),
        "timetabling.propose",
        21,
        group="programme",
        kinds=("national",),
    )
    home_links.register(
        "timetabling:my_availability",
        _("Mes disponibilités d'intervenant·e"),
        order=35,
        visible=is_speaker,
    )
