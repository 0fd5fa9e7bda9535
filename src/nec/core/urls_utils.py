"""URL helpers shared by the apps."""

from __future__ import annotations

from django.urls import reverse


def edition_url(name: str, edition) -> str:
    """The URL of the page `name` (taking the edition slug as `edition`) of `edition`."""
    return reverse(name, kwargs={"edition": edition.slug})
