"""The national team's curated collections (`/orga/ressources/collections/`): the list, creating
and editing a collection, its resources in order (add a published resource found by a search,
remove, move up or down) and deleting it. Every change goes through
`nec.resources.services.collections`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nec.core.forms import apply_errors
from nec.core.ids import parse_id
from nec.resources import selectors
from nec.resources.collections_forms import CollectionForm, ResourceSearchForm
from nec.resources.models import Collection, CollectionItem, Resource
from nec.resources.services import collections as curation
from nec.resources.views.access import national_view

ACTION = "resources.curate"
RESULTS = 20


#: sign-in first, then the national team only (403 for anybody else)
curator_view = national_view(ACTION)


def _collection(pk) -> Collection:
    found = Collection.objects.filter(pk=parse_id(pk)).first()
    if found is None:
        raise Http404
    return found


def _item(collection: Collection, item_pk) -> CollectionItem:
    found = collection.items.filter(pk=parse_id(item_pk)).select_related("collection").first()
    if found is None:
        raise Http404
    return found


def _back(collection: Collection, query: str = ""):
    url = reverse("resources:orga_collection_edit", kwargs={"pk": collection.pk})
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@curator_view
@require_safe
def collection_list(request):
    collections = Collection.objects.annotate(size=Count("items")).order_by("title", "pk")
    return render(request, "resources/orga_collections.html", {"collections": collections})


@curator_view
@require_http_methods(["GET", "HEAD", "POST"])
def collection_create(request):
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collection = curation.save_collection(None, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Collection créée : ajoutez-y maintenant des ressources publiées.")
            )
            return _back(collection)
    return render(
        request,
        "resources/orga_collection_form.html",
        {"form": form, "collection": None},
        status=400 if request.method == "POST" else 200,
    )


def _edit_context(collection: Collection, search: ResourceSearchForm) -> dict:
    items = list(collection.items.select_related("resource__edition").order_by("position", "id"))
    visible = set(
        selectors.public_resources()
        .filter(pk__in=[item.resource_id for item in items])
        .values_list("pk", flat=True)
    )
    for item in items:
        item.visible = item.resource_id in visible
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    results: list[Resource] = []
    if query:
        # the library's own search, in its order (best matches first)
        results = list(
            selectors.search(selectors.public_resources(), query).select_related("edition")[
                :RESULTS
            ]
        )
    present = {item.resource_id for item in items}
    for resource in results:
        resource.in_collection = resource.pk in present
    return {
        "collection": collection,
        "items": items,
        "search": search,
        "query": query,
        "results": results,
        "hidden_count": sum(1 for item in items if not item.visible),
    }


@curator_view
@require_http_methods(["GET", "HEAD", "POST"])
def collection_edit(request, pk):
    collection = _collection(pk)
    if request.method == "POST":
        form = CollectionForm(request.POST)
        if form.is_valid():
            try:
                curation.save_collection(collection, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
                collection.refresh_from_db()
            else:
                messages.success(request, _("Collection enregistrée."))
                return _back(collection)
    else:
        form = CollectionForm(initial=CollectionForm.initial_from(collection))
    context = _edit_context(collection, ResourceSearchForm(request.GET))
    return render(
        request,
        "resources/orga_collection_edit.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@curator_view
@require_POST
def collection_add(request, pk):
    collection = _collection(pk)
    try:
        item = curation.add_resource(
            collection, parse_id(request.POST.get("resource")), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("« %(title)s » ajoutée à la collection.") % {"title": item.resource.title}
        )
    return _back(collection, (request.POST.get("q") or "")[:200])


@curator_view
@require_POST
def collection_remove(request, pk, item):
    collection = _collection(pk)
    found = _item(collection, item)
    title = found.resource.title
    curation.remove_resource(found, actor=request.user)
    messages.success(request, _("« %(title)s » retirée de la collection.") % {"title": title})
    return _back(collection)


@curator_view
@require_POST
def collection_move(request, pk, item):
    collection = _collection(pk)
    found = _item(collection, item)
    direction = -1 if request.POST.get("direction") == "up" else 1
    curation.move_item(found, direction, actor=request.user)
    return _back(collection)


@curator_view
@require_http_methods(["GET", "HEAD", "POST"])
def collection_delete(request, pk):
    collection = _collection(pk)
    if request.method == "POST":
        title = collection.title
        curation.delete_collection(collection, actor=request.user)
        messages.success(request, _("Collection « %(title)s » supprimée.") % {"title": title})
        return redirect("resources:orga_collections")
    return render(
        request,
        "resources/orga_collection_delete.html",
        {"collection": collection, "size": collection.items.count()},
    )
