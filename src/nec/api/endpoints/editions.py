"""Editions (national and local) with their sourced figures, and their partners."""

from __future__ import annotations

from typing import Annotated, Literal

from django.db.models import Prefetch
from ninja import Query, Router

from nec.api import bilan
from nec.api.endpoints.common import (
    ERRORS,
    PageQuery,
    PerPageQuery,
    SlugPath,
    absolute,
    latest,
    paginate,
    public_edition,
)
from nec.api.http import set_last_modified
from nec.api.schemas import EditionOut, EditionPage, PartnerOut
from nec.editions.history import figure_annotations
from nec.editions.models import Edition, EditionFigure, Partnership
from nec.editions.regions import REGIONS
from nec.editions.selectors import public_editions

router = Router(tags=["éditions"])


def figure_out(edition: Edition, figure: EditionFigure, notes: dict) -> dict:
    extra = notes.get((edition.slug, figure.key, figure.source.key), {})
    return {
        "key": figure.key,
        "label": figure.label,
        "value": float(figure.value),
        "unit": figure.unit,
        "qualifier": extra.get("qualifier", ""),
        "note": extra.get("note", ""),
        "quote": figure.quote,
        "source": {"key": figure.source.key, "title": figure.source.title},
    }


def edition_out(edition: Edition) -> dict:
    notes = figure_annotations()
    return {
        "slug": edition.slug,
        "title": edition.title,
        "kind": edition.kind,
        "year": edition.year,
        "number": edition.number,
        "city": edition.city,
        "region_code": edition.region_code,
        "region": REGIONS.get(edition.region_code, ""),
        "departement_code": edition.departement_code,
        "online": edition.online,
        "start_date": edition.start_date,
        "end_date": edition.end_date,
        "status": edition.status,
        "description": edition.description,
        "url": absolute(edition.get_absolute_url()),
        "figures": [figure_out(edition, f, notes) for f in edition.figures.all()],
        "bilan_figures": bilan.published_figures(edition),
    }


def _editions():
    figures = EditionFigure.objects.select_related("source").order_by("key", "source__key")
    # the report comes with each edition: the list asks no query per edition for its bilan
    return (
        public_editions()
        .select_related("report")
        .prefetch_related(Prefetch("figures", queryset=figures))
    )


@router.get(
    "",
    response={200: EditionPage, **ERRORS},
    summary="Éditions",
    operation_id="list_editions",
)
def list_editions(
    request,
    page: PageQuery = 1,
    per_page: PerPageQuery = 50,
    kind: Annotated[Literal["national", "local"] | None, Query()] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    region: Annotated[
        str | None, Query(pattern=r"^[0-9]{2,3}$", description="Code INSEE de la région.")
    ] = None,
):
    """Les éditions publiques, les plus récentes d'abord, avec leurs chiffres clés et leurs
    sources."""
    editions = _editions()
    if kind:
        editions = editions.filter(kind=kind)
    if year:
        editions = editions.filter(year=year)
    if region:
        editions = editions.filter(region_code=region)
    set_last_modified(request, latest(editions))
    items, envelope = paginate(editions, page, per_page)
    return {**envelope, "results": [edition_out(e) for e in items]}


@router.get(
    "/{slug}",
    response={200: EditionOut, **ERRORS},
    summary="Une édition",
    operation_id="get_edition",
)
def get_edition(request, slug: SlugPath):
    edition = public_edition(slug)
    set_last_modified(request, edition.updated_at)
    return edition_out(_editions().get(pk=edition.pk))


@router.get(
    "/{slug}/partners",
    response={200: list[PartnerOut], **ERRORS},
    summary="Partenaires d'une édition",
    operation_id="list_partners",
)
def list_partners(request, slug: SlugPath):
    edition = public_edition(slug)
    partnerships = Partnership.objects.filter(edition=edition).select_related("organisation")
    return [
        {
            "slug": p.organisation.slug,
            "name": p.organisation.name,
            "kind": p.organisation.kind,
            "role": p.role,
            "website": p.organisation.website,
        }
        for p in partnerships
    ]
