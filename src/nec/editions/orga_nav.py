"""The sub-navigation of the espace organisation, shared by every app.

An app adds a link to the edition's sub-navigation with one call, usually in its
`AppConfig.ready()`:

    from nec.editions.orga_nav import register
    register("programme:orga_sessions", _("Programme"), "programme.view", order=20)

The URL name must take the edition slug as its only argument (`edition`); a link is shown only
when the user may perform its action on the edition. A mistyped URL name or action fails the
system checks at start-up (`nec.editions.checks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nec.core.urls_utils import edition_url
from nec.editions.permissions import can


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    action: str
    order: int = 50


_ITEMS: dict[str, NavItem] = {}


def register(url_name: str, label: str | Promise, action: str, order: int = 50) -> None:
    """Add (or replace) a link of the edition sub-navigation."""
    _ITEMS[url_name] = NavItem(url_name, label, action, order)


def registered_items() -> list[NavItem]:
    return list(_ITEMS.values())


def items_for(user, edition, current_path: str = "") -> list[dict]:
    """The links `user` may follow on `edition`, in order, marking the current page."""
    links = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, str(i.label))):
        if not can(user, item.action, edition):
            continue
        url = edition_url(item.url_name, edition)
        links.append({"url": url, "label": item.label, "current": url == current_path})
    return links


# The editions app's own pages.
register("editions:orga_edition", _("Accueil de l'édition"), "edition.view_dashboard", 0)
register("editions:orga_settings", _("Paramètres"), "edition.change", 80)
register("editions:orga_partners", _("Partenaires"), "edition.manage_partnerships", 82)
register("editions:orga_members", _("Équipe"), "edition.manage_members", 84)
register("editions:orga_audit", _("Journal"), "edition.view_audit", 90)
