"""URL helpers shared by the apps."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def edition_url(name: str, edition) -> str | None:
    """The URL of the page `name` (taking the edition slug as `edition`) of `edition`, None when
    no app provides that page (an optional app, a page not wired yet)."""
    try:
        return reverse(name, kwargs={"edition": edition.slug})
    except NoReverseMatch:
        return None
