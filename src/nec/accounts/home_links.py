"""What "Mon espace" (accounts:home) shows, contributed by every app: links and panels.

An app adds its personal pages (e.g. "Mes inscriptions") with one call, usually in its
`AppConfig.ready()`:

    from nec.accounts.home_links import register
    register("registrations:mine", _("Mes inscriptions"), order=20)

The URL name must take no argument (a mistyped one fails the system check `nec.E002`). A link
appears only when `visible(user)`, if given, returns True.

A panel is a section of the page rendered by the app that owns its data (e.g. the person's roles
on editions): `register_panel("editions.roles", render, order=10)`, where `render(request)`
returns HTML or "" to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class HomeLink:
    url_name: str
    label: str | Promise
    order: int = 50
    visible: Callable | None = None


_LINKS: dict[str, HomeLink] = {}


def register(
    url_name: str, label: str | Promise, order: int = 50, visible: Callable | None = None
) -> None:
    _LINKS[url_name] = HomeLink(url_name, label, order, visible)


def registered_links() -> list[HomeLink]:
    return list(_LINKS.values())


def links_for(user) -> list[dict]:
    links = []
    for link in sorted(_LINKS.values(), key=lambda item: (item.order, str(item.label))):
        if link.visible is not None and not link.visible(user):
            continue
        links.append({"url": reverse(link.url_name), "label": link.label})
    return links


_PANELS: dict[str, tuple[int, Callable]] = {}


def register_panel(name: str, render: Callable, order: int = 50) -> None:
    """Add (or replace) a section of "Mon espace"; `render(request)` returns HTML or ""."""
    _PANELS[name] = (order, render)


def panels_for(request) -> list[SafeString]:
    panels = []
    for _order, render in sorted(_PANELS.values(), key=lambda item: item[0]):
        html = render(request)
        if html:
            panels.append(mark_safe(html))
    return panels
