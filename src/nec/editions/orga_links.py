"""Links of the espace organisation's dashboard (`/orga/`) that lead to pages outside any one
edition, contributed by every app.

An app adds a link with one call, usually in its `AppConfig.ready()`:

    from nec.editions import orga_links
    orga_links.register("someapp:inbox", _("Inbox"), "someapp.view")

The URL name takes no argument; a link is shown only to users who may perform its action (a
national action, checked without an edition). A mistyped URL name or action fails the system
checks at start-up (`nec.editions.checks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from nec.editions.permissions import can


@dataclass(frozen=True)
class DashboardLink:
    url_name: str
    label: str | Promise
    action: str
    order: int = 50


_LINKS: dict[str, DashboardLink] = {}


def register(url_name: str, label: str | Promise, action: str, order: int = 50) -> None:
    """Add (or replace) a link of the dashboard."""
    _LINKS[url_name] = DashboardLink(url_name, label, action, order)


def registered_links() -> list[DashboardLink]:
    return list(_LINKS.values())


def links_for(user) -> list[dict]:
    """The links `user` may follow, in order."""
    return [
        {"url": reverse(link.url_name), "label": link.label}
        for link in sorted(_LINKS.values(), key=lambda link: (link.order, str(link.label)))
        if can(user, link.action)
    ]
