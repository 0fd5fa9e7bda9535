"""The grant agreement's pages, reached from a local edition's follow-up: the national team
drafts a version, sends it, records the payment; the team or the edition's organisers download
the PDF and upload the signed copy. Every row is fetched through the edition's scope."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.localeditions.followup_forms import AgreementForm, PaymentForm, SignedCopyForm
from nec.localeditions.followup_views import FOLLOW, local_edition
from nec.localeditions.models import Agreement
from nec.localeditions.services import agreement as agreements
from nec.localeditions.services.instruction import INSTRUCT


def _back(edition):
    url = reverse("localeditions:followup", kwargs={"edition": edition.slug})
    return redirect(f"{url}#convention")


def _team_only(request) -> None:
    if not can(request.user, INSTRUCT):
        raise PermissionDenied


@edition_view(FOLLOW)
def draft(request):
    edition = local_edition(request)
    _team_only(request)
    if getattr(edition, "application", None) is None:
        raise PermissionDenied
    form = AgreementForm(request.POST or None, initial=agreements.default_terms(edition))
    if request.method == "POST" and form.is_valid():
        try:
            agreements.draft_agreement(edition, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Nouvelle version de la convention rédigée."))
            return _back(edition)
    return render(
        request,
        "localeditions/agreement_form.html",
        {"edition": edition, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@edition_view(FOLLOW)
def pdf(request, pk):
    edition = local_edition(request)
    agreement = get_object_or_404(scoped(Agreement, edition), pk=pk)
    response = HttpResponse(agreements.render_pdf(agreement), content_type="application/pdf")
    name = f"convention-{edition.slug}-v{agreement.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@edition_view(FOLLOW)
def signed_copy(request, pk):
    edition = local_edition(request)
    agreement = get_object_or_404(scoped(Agreement, edition), pk=pk)
    if not agreement.signed_copy:
        raise Http404
    try:
        stored = agreement.signed_copy.open("rb")
    except OSError as error:  # the file is gone from the storage
        raise Http404 from error
    return FileResponse(
        stored,
        as_attachment=True,
        filename=agreement.signed_copy.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


def _step(request, pk, form_class, call, done):
    edition = local_edition(request)
    agreement = get_object_or_404(scoped(Agreement, edition), pk=pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is None or form.is_valid():
        try:
            call(agreement, form.cleaned_data if form else {})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(edition)


@edition_view(FOLLOW)
@require_POST
def send(request, pk):
    _team_only(request)
    return _step(
        request,
        pk,
        None,
        lambda agreement, data: agreements.send_agreement(agreement, actor=request.user),
        _("Convention envoyée aux organisateur·rices, le PDF joint."),
    )


@edition_view(FOLLOW)
@require_POST
def upload(request, pk):
    return _step(
        request,
        pk,
        SignedCopyForm,
        lambda agreement, data: agreements.upload_signed_copy(
            agreement, data["signed_copy"], actor=request.user
        ),
        _("Exemplaire signé déposé : la convention est signée."),
    )


@edition_view(FOLLOW)
@require_POST
def payment(request, pk):
    _team_only(request)
    return _step(
        request,
        pk,
        PaymentForm,
        lambda agreement, data: agreements.record_payment(
            agreement, actor=request.user, paid_on=data["paid_on"], amount=data["amount"]
        ),
        _("Versement enregistré."),
    )
