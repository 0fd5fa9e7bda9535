"""The resources library: published resources only, with their attribution line."""

from __future__ import annotations

from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from nec.api.endpoints.common import ERRORS, PageQuery, PerPageQuery, absolute, latest, paginate
from nec.api.http import set_last_modified
from nec.api.schemas import ResourceOut, ResourcePage
from nec.resources import selectors
from nec.resources.attribution import attribution
from nec.resources.models import Licence, Resource

router = Router(tags=["ressources"])

KindFilter = Literal[tuple(Resource.Kind.values)]  # type: ignore[valid-type]
LicenceFilter = Literal[tuple(Licence.values)]  # type: ignore[valid-type]


def resource_out(resource: Resource) -> dict:
    return {
        "id": resource.pk,
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "text": resource.body,
        "attribution": attribution(resource),
        "licence": {
            "code": resource.licence,
            "label": resource.get_licence_display(),
            "url": resource.licence_url,
        },
        "authors": [{"name": a.name, "role": a.role} for a in resource.authors.all()],
        "edition": {"slug": resource.edition.slug, "title": resource.edition.title},
        "session": resource.session_id,
        "themes": [theme.name for theme in resource.themes.all()],
        "date": resource.date,
        "language": resource.language,
        "link": resource.url,
        "link_is_example": resource.url_is_example,
        "attendance": resource.attendance,
        "format_feedback": resource.format_feedback,
        "images": [
            {"url": absolute(i.image.url), "thumbnail": absolute(i.thumbnail.url), "alt": i.alt}
            for i in resource.images.all()
        ],
        "url": absolute(resource.get_absolute_url()),
        "published_at": resource.published_at,
    }


@router.get(
    "",
    response={200: ResourcePage, **ERRORS},
    summary="Ressources publiées",
    operation_id="list_resources",
)
def list_resources(
    request,
    page: PageQuery = 1,
    per_page: PerPageQuery = 50,
    q: Annotated[
        str | None, Query(max_length=200, description="Mots cherchés (accents ignorés).")
    ] = None,
    kind: Annotated[KindFilter | None, Query()] = None,
    theme: Annotated[str | None, Query(pattern=r"^[-a-z0-9]{1,120}$")] = None,
    edition: Annotated[str | None, Query(pattern=r"^[-a-zA-Z0-9_]{1,80}$")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    region: Annotated[str | None, Query(pattern=r"^[0-9]{2,3}$")] = None,
    licence: Annotated[LicenceFilter | None, Query()] = None,
):
    """Les ressources publiées, les plus pertinentes d'abord lors d'une recherche (sinon les plus
    récentes) ; les filtres sont les facettes de la bibliothèque."""
    filters = selectors.Filters(
        text=q or "",
        kind=kind or "",
        theme=theme or "",
        edition=edition or "",
        year=year,
        region=region or "",
        licence=licence or "",
    )
    resources = (
        selectors.filtered(filters)
        .select_related("edition")
        .prefetch_related("authors", "themes", "images")
    )  # in the selector's order: by relevance when searching, else newest first
    set_last_modified(request, latest(selectors.public_resources()))
    items, envelope = paginate(resources, page, per_page)
    return {**envelope, "results": [resource_out(r) for r in items]}


@router.get(
    "/{resource_id}",
    response={200: ResourceOut, **ERRORS},
    summary="Une ressource",
    operation_id="get_resource",
)
def get_resource(request, resource_id: Annotated[int, Path(ge=1, le=2**53)]):
    resource = selectors.public_resource_or_none(resource_id)
    if resource is None:
        raise HttpError(404, _("Aucune ressource publiée ne porte cet identifiant."))
    set_last_modified(request, resource.updated_at)
    return resource_out(resource)
