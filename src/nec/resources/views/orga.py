"""Contribution in the espace organisation: an edition's resources, proposing one, the local
edition's documentation sheet, changing a resource and its photos. Every page goes through
`edition_view` (permission and edition scope)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nec.core.forms import apply_errors
from nec.core.ids import parse_id
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.resources import documentation_sources, selectors, services
from nec.resources.forms import PhotoForm, ResourceForm
from nec.resources.models import Resource, ResourceImage

EDITABLE = (Resource.Status.SUBMITTED, Resource.Status.CHANGES, Resource.Status.DRAFT)


@edition_view("resources.contribute")
def resource_list(request):
    edition = request.edition
    resources = scoped(Resource, edition).select_related("submitted_by").order_by("-created_at")
    return render(
        request,
        "resources/orga/list.html",
        {
            "edition": edition,
            "resources": resources,
            "documentation": selectors.documentation_status(edition),
            "may_document": can(request.user, "resources.document", edition),
        },
    )


def _form_page(request, form, *, resource=None, documentation=False, status=200):
    return render(
        request,
        "resources/orga/form.html",
        {
            "edition": request.edition,
            "form": form,
            "photo_form": None,
            "resource": resource,
            "documentation": documentation,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@edition_view("resources.contribute")
def resource_create(request):
    edition = request.edition
    form = ResourceForm(
        request.POST or None, edition=edition, initial={"date": timezone.localdate()}
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                resource = services.submit_resource(
                    actor=request.user, edition=edition, data=form.resource_data()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Ressource envoyée à l'équipe nationale pour relecture.")
                )
                return redirect("resources:orga_edit", edition=edition.slug, pk=resource.pk)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


@require_http_methods(["GET", "HEAD", "POST"])
@edition_view("resources.document")
def documentation_sheet(request):
    """The local organiser's documentation sheet: description and attendance, feedback on the
    formats and at least one photo, sent together."""
    edition = request.edition
    existing = selectors.documentation_sheet(edition)
    if existing is not None:
        return redirect("resources:orga_edit", edition=edition.slug, pk=existing.pk)
    initial = {
        "title": _("Fiche de documentation — %(edition)s") % {"edition": edition.title},
        "date": edition.end_date or edition.start_date or timezone.localdate(),
        # what the platform already knows (check-in, the bilan), for the organiser to edit
        **documentation_sources.initial_for(edition),
    }
    form = ResourceForm(request.POST or None, edition=edition, documentation=True, initial=initial)
    photo_form = PhotoForm(request.POST or None, request.FILES or None, prefix="photo")
    if request.method == "POST":
        if form.is_valid() & photo_form.is_valid():
            try:
                with transaction.atomic():
                    resource = services.submit_resource(
                        actor=request.user, edition=edition, data=form.resource_data()
                    )
                    services.add_image(
                        resource,
                        photo_form.cleaned_data["image"],
                        alt=photo_form.cleaned_data["alt"],
                        actor=request.user,
                    )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Fiche envoyée à l'équipe nationale. Vous pouvez ajouter d'autres photos."),
                )
                return redirect("resources:orga_photos", edition=edition.slug, pk=resource.pk)
        return _with_photo_form(request, form, photo_form)
    return _with_photo_form(request, form, PhotoForm(prefix="photo"))


def _with_photo_form(request, form, photo_form):
    return render(
        request,
        "resources/orga/form.html",
        {
            "edition": request.edition,
            "form": form,
            "photo_form": photo_form,
            "resource": None,
            "documentation": True,
        },
        status=400 if request.method == "POST" else 200,
    )


def _own_resource(request, pk) -> Resource:
    resource = scoped(Resource, request.edition).filter(pk=parse_id(pk)).first()
    if resource is None:
        raise Http404
    mine = resource.submitted_by_id == request.user.pk
    if not (mine or can(request.user, "resources.document", request.edition)):
        raise PermissionDenied
    return resource


@require_http_methods(["GET", "HEAD", "POST"])
@edition_view("resources.contribute")
def resource_edit(request, pk):
    resource = _own_resource(request, pk)
    documentation = resource.kind == Resource.Kind.DOCUMENTATION
    editable = resource.status in EDITABLE
    form = ResourceForm(
        request.POST if editable and request.method == "POST" else None,
        edition=request.edition,
        documentation=documentation,
        initial=ResourceForm.initial_from(resource),
    )
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Une ressource publiée ou refusée ne se modifie plus ici."))
            return redirect("resources:orga_edit", edition=request.edition.slug, pk=resource.pk)
        if form.is_valid():
            try:
                services.save_resource(resource, actor=request.user, data=form.resource_data())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Modifications enregistrées."))
                return redirect("resources:orga_edit", edition=request.edition.slug, pk=resource.pk)
        return _form_page(request, form, resource=resource, documentation=documentation, status=400)
    return _form_page(request, form, resource=resource, documentation=documentation)


@require_http_methods(["GET", "HEAD", "POST"])
@edition_view("resources.contribute")
def resource_photos(request, pk):
    resource = _own_resource(request, pk)
    form = PhotoForm(prefix="photo")
    status = 200
    if request.method == "POST" and resource.status in EDITABLE:
        remove = parse_id(request.POST.get("remove"))
        if remove:
            image = ResourceImage.objects.filter(resource=resource, pk=remove).first()
            if image is not None:
                services.remove_image(image, actor=request.user)
                messages.success(request, _("Photo retirée."))
            return redirect("resources:orga_photos", edition=request.edition.slug, pk=resource.pk)
        form = PhotoForm(request.POST, request.FILES, prefix="photo")
        if form.is_valid():
            try:
                services.add_image(
                    resource,
                    form.cleaned_data["image"],
                    alt=form.cleaned_data["alt"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Photo ajoutée."))
                return redirect(
                    "resources:orga_photos", edition=request.edition.slug, pk=resource.pk
                )
        status = 400
    return render(
        request,
        "resources/orga/photos.html",
        {"edition": request.edition, "resource": resource, "form": form,
         "editable": resource.status in EDITABLE},
        status=status,
    )  # fmt: skip
