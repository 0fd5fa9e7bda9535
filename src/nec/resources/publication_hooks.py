"""What other apps do when a resource is published or withdrawn from publication (the local
editions mark their documentation step done when the edition's sheet is published): each
registers a callback, usually in its `AppConfig.ready()`, and the moderation services call every
callback inside the same transaction as the change, so a failing callback undoes the publication.

    from nec.resources import publication_hooks
    publication_hooks.register(on_publication)   # on_publication(resource, *, actor)

A callback reads `resource.status` (published or not) to know which way the change went; it is
called once per change, after the resource is saved and audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_CALLBACKS: list[Callable[..., Any]] = []


def register(callback: Callable[..., Any]) -> None:
    """Add `callback(resource, *, actor)`; registering the same callback twice keeps one."""
    if callback not in _CALLBACKS:
        _CALLBACKS.append(callback)


def run(resource, actor) -> None:
    """Call every registered callback, in registration order."""
    for callback in list(_CALLBACKS):
        callback(resource, actor=actor)
