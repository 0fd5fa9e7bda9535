"""The sub-navigation of the espace organisation, shared by every app.

An app adds a link to the edition's sub-navigation with one call, usually in its
`AppConfig.ready()`:

    from nec.editions.orga_nav import register
    register("programme:orga_sessions", _("Programme"), "programme.view", order=20)

The URL name must take the edition slug as its only argument (`edition`); a link is shown only
when the user may perform its action on the edition. A mistyped URL name or action fails the
system checks at start-up (`nec.editions.checks`).

Links are grouped by task (`group`: "programme", "participants", "partenaires", "edition" by
default), and may be limited to some kinds of edition (`kinds`, e.g.
`("national",)`: a local edition does not see the national tools it does not use):

    register("timetabling:runs", _("Proposer une grille"), "timetabling.propose", 22,
             group="programme", kinds=("national",))
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nec.core.urls_utils import edition_url
from nec.editions.permissions import can

#: the task groups, in order, with their label
GROUPS = {
    "programme": _("Programme"),
    "participants": _("Participants"),
    "partenaires": _("Partenaires"),
    "edition": _("Édition"),
}


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    action: str
    order: int = 50
    group: str = "edition"
    kinds: tuple[str, ...] | None = None  # None: every kind of edition


_ITEMS: dict[str, NavItem] = {}


def register(
    url_name: str,
    label: str | Promise,
    action: str,
    order: int = 50,
    *,
    group: str = "edition",
    kinds: tuple[str, ...] | None = None,
) -> None:
    """Add (or replace) a link of the edition sub-navigation, in a task `group`, for the
    editions of `kinds` (all when None)."""
    if group not in GROUPS and group != "home":
        raise ValueError(f"orga_nav: unknown group {group!r} (one of {', '.join(GROUPS)})")
    _ITEMS[url_name] = NavItem(url_name, label, action, order, group, kinds)


def registered_items() -> list[NavItem]:
    return list(_ITEMS.values())


def items_for(user, edition, current_path: str = "") -> list[dict]:
    """The links `user` may follow on `edition`, in order, marking the current page."""
    links = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, str(i.label))):
        if item.kinds is not None and edition.kind not in item.kinds:
            continue
        if not can(user, item.action, edition):
            continue
        url = edition_url(item.url_name, edition)
        links.append(
            {"url": url, "label": item.label, "current": url == current_path, "group": item.group}
        )
    return links


def groups_for(user, edition, current_path: str = "") -> dict:
    """{"home": the edition's home link or None, "groups": [{key, label, url, current, items}]}:
    the two-level navigation (task groups, then the links of the current group)."""
    links = items_for(user, edition)
    # one current link only: the longest address the current page starts with (a link's
    # sub-pages keep it current)
    matching = [link for link in links if current_path.startswith(link["url"])]
    if matching:
        max(matching, key=lambda link: len(link["url"]))["current"] = True
    home = next((link for link in links if link["group"] == "home"), None)
    groups = []
    for key, label in GROUPS.items():
        items = [link for link in links if link["group"] == key]
        if items:
            current = any(link["current"] for link in items)
            groups.append(
                {
                    "key": key,
                    "label": label,
                    "url": items[0]["url"],
                    "current": current,
                    "items": items,
                }
            )
    return {"home": home, "groups": groups}


# The editions app's own pages.
register(
    "editions:orga_edition", _("Accueil de l'édition"), "edition.view_dashboard", 0, group="home"
)
register("editions:orga_settings", _("Paramètres"), "edition.change", 80)
register(
    "editions:orga_partners",
    _("Partenaires"),
    "edition.manage_partnerships",
    82,
    group="partenaires",
)
register("editions:orga_members", _("Équipe"), "edition.manage_members", 84)
register("editions:orga_audit", _("Journal"), "edition.view_audit", 90)
