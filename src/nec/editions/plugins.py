"""What the editions app plugs into shared pages: the person's roles and the espace organisation
link on "Mon espace", its tiles on an edition's home."""

from itertools import groupby

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from nec.accounts import home_links
from nec.accounts.permissions import is_national_team
from nec.editions import orga_tiles
from nec.editions.models import Membership, Partnership
from nec.editions.permissions import can, editions_for
from nec.editions.scoping import scoped


def roles_panel(request) -> str:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("edition")
        .order_by("-edition__year", "edition__title", "edition_id", "role")
    )
    roles_by_edition = [
        {
            "edition": edition,
            "roles": [m.get_role_display() for m in group_memberships],
            "can_manage": can(request.user, "edition.view_dashboard", edition),
        }
        for edition, group_memberships in groupby(memberships, key=lambda m: m.edition)
    ]
    return render_to_string(
        "editions/account/roles.html", {"roles_by_edition": roles_by_edition}, request=request
    )


def may_use_orga(user) -> bool:
    return is_national_team(user) or editions_for(user).exists()


def register() -> None:
    """Plug the editions app into "Mon espace" and the edition home of the espace organisation."""
    orga_tiles.register(
        "editions.partners",
        _("Partenaires"),
        lambda edition: scoped(Partnership, edition).count(),
        "edition.view_dashboard",
        url_name="editions:orga_partners",
        order=80,
    )
    orga_tiles.register(
        "editions.members",
        _("Personnes ayant un rôle"),
        lambda edition: scoped(Membership, edition).count(),
        "edition.view_dashboard",
        url_name="editions:orga_members",
        order=81,
    )
    home_links.register_panel("editions.roles", roles_panel, order=10)
    home_links.register("editions:orga_dashboard", _("Espace organisation"), 0, may_use_orga)
