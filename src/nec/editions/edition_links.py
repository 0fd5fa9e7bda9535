"""Calls to action on a public edition page ("Voir le programme", "S'inscrire" …), contributed by
the apps that own those pages.

    from nec.editions.edition_links import register
    register("registrations:register", _("S'inscrire"), visible=is_open, style="accent", order=20)

`visible(edition)` decides whether the link applies (e.g. the call for proposals is open); the
URL name takes the edition slug as its only argument.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from nec.core.urls_utils import edition_url


@dataclass(frozen=True)
class EditionLink:
    url_name: str
    label: str | Promise
    visible: Callable
    style: str = ""  # "", "accent" or "secondary": the button's look
    order: int = 50


_LINKS: dict[str, EditionLink] = {}


def register(
    url_name: str, label: str | Promise, *, visible: Callable, style: str = "", order: int = 50
) -> None:
    _LINKS[url_name] = EditionLink(url_name, label, visible, style, order)


def registered_links() -> list[EditionLink]:
    return list(_LINKS.values())


def links_for(edition) -> list[dict]:
    return [
        {"url": edition_url(link.url_name, edition), "label": link.label, "style": link.style}
        for link in sorted(_LINKS.values(), key=lambda item: (item.order, item.url_name))
        if link.visible(edition)
    ]
