"""`/sitemap.xml`: the public pages of the site (home, editions, their programmes and sessions,
the library and its resources and collections), built without django.contrib.sitemaps."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from nec.editions.selectors import public_editions
from nec.programme.selectors import public_sessions
from nec.resources.selectors import public_collections, public_resources

#: top-level public pages, by URL name (those missing are skipped)
STATIC_PAGES = [
    "site:home",
    "editions:history",
    "localeditions:index",
    "resources:library",
    "api:open_data",
    "api:documentation",
]

MAX_URLS = 50_000  # the protocol's limit per file


def _reverse(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def urls() -> list[tuple[str, str]]:
    """(path, last modification date or "") of every public page."""
    found: list[tuple[str, str]] = [(p, "") for p in map(_reverse, STATIC_PAGES) if p]
    for edition in public_editions().only("slug", "updated_at"):
        found.append((edition.get_absolute_url(), edition.updated_at.date().isoformat()))
        programme = _reverse("programme:programme", edition=edition.slug)
        sessions = list(public_sessions(edition).values_list("pk", "updated_at"))
        if programme and sessions:
            found.append((programme, ""))
        for pk, updated in sessions:
            found.append(
                (reverse("programme:session", kwargs={"edition": edition.slug, "pk": pk}),
                 updated.date().isoformat())
            )  # fmt: skip
    for pk, updated in public_resources().values_list("pk", "updated_at"):
        found.append((reverse("resources:detail", kwargs={"pk": pk}), updated.date().isoformat()))
    for collection in public_collections():
        found.append((collection.get_absolute_url(), collection.updated_at.date().isoformat()))
    return found[:MAX_URLS]


def render() -> str:
    base = settings.BASE_URL.rstrip("/")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for path, modified in urls():
        lastmod = f"<lastmod>{modified}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(base + path)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
