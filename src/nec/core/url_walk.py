"""Walk the URL configuration: every route with its name and view, for start-up checks and for the
tests that try every page (scoping matrix, robustness)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "orga/<slug:edition>/programme/"
    name: str | None  # "namespace:name" when namespaced
    view: Callable


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route(route, name, entry.callback)


def walk_routes(urlconf=None) -> list[Route]:
    """Every route of the project; regex routes (admin, i18n) are included with a leading '^'."""
    return list(_walk(get_resolver(urlconf).url_patterns))
