"""Public pages of the library: search with facets, a resource, a collection, the Atom feed and
the Les Bases export packages. Only published resources of public editions are ever shown."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from nec.core.ids import parse_id
from nec.editions.permissions import can
from nec.resources import export, jsonld, selectors
from nec.resources.attribution import attribution
from nec.resources.forms import LibrarySearchForm
from nec.resources.models import Collection, Resource

PER_PAGE = 20


@require_safe
def library(request):
    form = LibrarySearchForm(request.GET or None)
    filters = form.filters() if form.is_valid() else selectors.Filters()
    resources = selectors.filtered(filters).select_related("edition").prefetch_related("authors")
    # the selector's order: by relevance when searching, else newest first
    page = Paginator(resources, PER_PAGE).get_page(parse_id(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "resources/library.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "facets": selectors.facets(resources),
            "collections": selectors.public_collections(),
            "query": query.urlencode(),
        },
    )


def _published(pk) -> Resource:
    resource = selectors.public_resource_or_none(parse_id(pk))
    if resource is None:
        raise Http404
    return resource


@require_safe
def detail(request, pk):
    resource = _published(pk)
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "attribution": attribution(resource),
            "json_ld": jsonld.creative_work(resource, request),
        },
    )


@require_safe
def collection(request, slug):
    found = Collection.objects.filter(slug=slug).first()
    # the national team previews an unpublished collection; anybody else gets a 404
    if found is None or not (found.published or can(request.user, "resources.curate")):
        raise Http404
    items = selectors.collection_resources(found).select_related("edition")
    items = items.prefetch_related("authors")
    return render(request, "resources/collection.html", {"collection": found, "resources": items})


@require_safe
def resource_package(request, pk):
    resource = _published(pk)
    return _zip(export.resource_package(resource), f"nec-ressource-{resource.pk}.zip")


@require_safe
def collection_package(request, slug):
    found = selectors.public_collections().filter(slug=slug).first()
    if found is None:
        raise Http404
    return _zip(export.collection_package(found), f"nec-collection-{found.slug}.zip")


def _zip(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
