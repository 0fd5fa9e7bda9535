"""Start-up checks of what apps register with the editions app: permission actions used by views
and links, URL names of the orga sub-navigation, the tiles and the public edition page.

A mistyped registration fails `manage.py check` (and so every command and test run) loudly,
instead of a link that silently never shows."""

from __future__ import annotations

from django.core import checks
from django.urls import NoReverseMatch, reverse

from nec.core.url_walk import walk_routes
from nec.editions import edition_links, orga_links, orga_nav, orga_tiles
from nec.editions.permissions import is_known_action


def _reverses_with_edition(url_name: str) -> bool:
    try:
        reverse(url_name, kwargs={"edition": "x"})
    except NoReverseMatch:
        return False
    return True


def check_registrations(app_configs=None, urlconf=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for route in walk_routes(urlconf):
        action = getattr(route.view, "nec_action", None)
        if action is not None and not is_known_action(action):
            errors.append(
                checks.Error(
                    f"View {route.name or route.route} requires the unknown action {action!r}.",
                    hint="Register it with nec.editions.permissions.register_actions().",
                    id="nec.E001",
                )
            )
    registered = [
        ("orga_nav", item.url_name, item.action) for item in orga_nav.registered_items()
    ] + [("orga_tiles", tile.url_name, tile.action) for tile in orga_tiles.registered_tiles()]
    for registry, url_name, action in registered:
        if not is_known_action(action):
            errors.append(
                checks.Error(
                    f"{registry}: {url_name!r} is registered with the unknown action {action!r}.",
                    id="nec.E001",
                )
            )
        if url_name and not _reverses_with_edition(url_name):
            errors.append(
                checks.Error(
                    f"{registry}: the URL name {url_name!r} does not exist or does not take the "
                    "edition slug as its only argument.",
                    id="nec.E002",
                )
            )
    for link in edition_links.registered_links():
        if not _reverses_with_edition(link.url_name):
            errors.append(
                checks.Error(
                    f"edition_links: the URL name {link.url_name!r} does not exist or does not "
                    "take the edition slug as its only argument.",
                    id="nec.E002",
                )
            )
    errors.extend(_check_dashboard_links())
    return errors


def _check_dashboard_links() -> list[checks.CheckMessage]:
    errors = []
    for link in orga_links.registered_links():
        if not is_known_action(link.action):
            errors.append(
                checks.Error(
                    f"orga_links: {link.url_name!r} is registered with the unknown action "
                    f"{link.action!r}.",
                    id="nec.E001",
                )
            )
        try:
            reverse(link.url_name)
        except NoReverseMatch:
            errors.append(
                checks.Error(
                    f"orga_links: the URL name {link.url_name!r} does not exist or takes "
                    "arguments.",
                    id="nec.E002",
                )
            )
    return errors


def register() -> None:
    checks.register(check_registrations, "nec")
