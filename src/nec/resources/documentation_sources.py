"""What other apps know of an edition that can start its documentation sheet (the attendance
counted at check-in, the bilan's figures): each registers a provider, usually in its
`AppConfig.ready()`, and the sheet's form opens with what they give, for the organiser to edit.

    from nec.resources import documentation_sources
    documentation_sources.register("reports", provide)   # provide(edition) -> {"attendance": …}

A provider returns initial values of the sheet's form fields ("attendance", "body" …); a later
provider completes, never overrides, what an earlier one gave."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PROVIDERS: dict[str, Callable[[Any], dict[str, Any]]] = {}


def register(key: str, provide: Callable[[Any], dict[str, Any]]) -> None:
    _PROVIDERS[key] = provide


def initial_for(edition) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for _key, provide in sorted(_PROVIDERS.items()):
        for name, value in (provide(edition) or {}).items():
            if value not in (None, "") and name not in initial:
                initial[name] = value
    return initial
