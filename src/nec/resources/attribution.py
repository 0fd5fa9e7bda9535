"""The attribution line of a resource, as the licence asks it to be credited:
"Titre — Auteur·es, NEC 2025 Strasbourg, CC BY-SA 4.0 FR"."""

from __future__ import annotations

from nec.resources.models import Resource


def edition_label(resource: Resource) -> str:
    """ "NEC 2025 Strasbourg" for a national edition, the local edition's title otherwise."""
    edition = resource.edition
    if edition.is_national and edition.city:
        return f"NEC {edition.year} {edition.city}"
    return edition.title


def author_names(resource: Resource) -> str:
    return ", ".join(author.name for author in resource.authors.all())


def attribution(resource: Resource) -> str:
    authors = author_names(resource)
    credit = f"{resource.title} — {authors}" if authors else resource.title
    return f"{credit}, {edition_label(resource)}, {resource.get_licence_display()}"
