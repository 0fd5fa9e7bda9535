"""Links shown on "Mon espace" (accounts:home), contributed by every app.

An app adds its personal pages (e.g. "Mes inscriptions") with one call, usually in its
`AppConfig.ready()`:

    from nec.accounts.home_links import register
    register("registrations:mine", _("Mes inscriptions"), order=20)

The URL name must take no argument. A link appears only when its URL name exists and, if given,
`visible(user)` returns True.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


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


def links_for(user) -> list[dict]:
    links = []
    for link in sorted(_LINKS.values(), key=lambda item: (item.order, str(item.label))):
        if link.visible is not None and not link.visible(user):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": link.label})
    return links
