"""Tiles of an edition's home in the espace organisation (key counts), contributed by every app.

An app adds a tile with one call, usually in its `AppConfig.ready()`:

    from nec.editions.orga_tiles import register
    register("programme.sessions", _("Sessions"), count_sessions, "programme.view",
             url_name="programme:orga_index", order=20)

`value(edition)` returns the number shown; the tile appears only to people who may perform
`action` on the edition, and links to `url_name` (which takes the edition slug) when given.
With `attention=True`, a non-zero value is also listed under "À traiter" (proposals to review,
full sessions, people waiting...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from nec.core.urls_utils import edition_url
from nec.editions.permissions import can


@dataclass(frozen=True)
class Tile:
    key: str
    label: str | Promise
    value: Callable
    action: str
    url_name: str = ""
    order: int = 50
    attention: bool = False


_TILES: dict[str, Tile] = {}


def register(
    key: str,
    label: str | Promise,
    value: Callable,
    action: str,
    *,
    url_name: str = "",
    order: int = 50,
    attention: bool = False,
) -> None:
    _TILES[key] = Tile(key, label, value, action, url_name, order, attention)


def registered_tiles() -> list[Tile]:
    return list(_TILES.values())


def tiles_for(user, edition) -> list[dict]:
    tiles = []
    for tile in sorted(_TILES.values(), key=lambda t: (t.order, t.key)):
        if not can(user, tile.action, edition):
            continue
        tiles.append(
            {
                "label": tile.label,
                "value": tile.value(edition),
                "url": edition_url(tile.url_name, edition) if tile.url_name else "",
                "attention": tile.attention,
            }
        )
    return tiles
