"""The national team's contact pages: search, detail with consents, import, synchronisation,
segments with live counts, and the GDPR rights exercised on someone's request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.accounts import personal_data
from nec.community.forms import ContactFilterForm, EraseForm, ImportForm, SegmentForm
from nec.community.models import Consent, Contact, RetentionRun, Segment
from nec.community.selectors import clean_filters, contacts_matching
from nec.community.services import contacts as contact_services
from nec.community.services.importing import MAX_BYTES, import_csv
from nec.community.services.sync import sync_contacts
from nec.community.views.access import check_manager
from nec.core.forms import apply_errors


@login_required
def index(request):
    check_manager(request)
    form = ContactFilterForm(request.GET or None)
    filters = clean_filters(form.cleaned_data) if form.is_valid() else {}
    contacts = contacts_matching(filters).order_by("email")
    page = Paginator(contacts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "community/index.html",
        {
            "form": form,
            "page": page,
            "total": Contact.objects.count(),
            "matching": page.paginator.count,
            "filters": filters,
            "runs": RetentionRun.objects.all()[:5],
        },
    )


@login_required
def contact_detail(request, pk):
    check_manager(request)
    contact = get_object_or_404(Contact, pk=pk)
    return render(
        request,
        "community/contact.html",
        {
            "contact": contact,
            "consents": Consent.objects.filter(contact=contact).order_by("purpose"),
            "receipts": contact.receipts.select_related("mailing").order_by("-pk")[:20],
            "erase_form": EraseForm(),
        },
    )


@login_required
def contact_export(request, pk):
    """The team downloads someone's data for them (JSON)."""
    check_manager(request)
    contact = get_object_or_404(Contact, pk=pk)
    data = personal_data.export_all(contact.email)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="donnees-{contact.pk}.json"'
    return response


@login_required
@require_POST
def contact_erase(request, pk):
    check_manager(request)
    contact = get_object_or_404(Contact, pk=pk)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cochez la case de confirmation pour effacer."))
        return redirect("community:contact", pk=contact.pk)
    personal_data.erase_all(contact.email, actor=request.user)
    messages.success(request, _("Les données de la personne ont été effacées."))
    return redirect("community:index")


@login_required
def import_contacts(request):
    check_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_csv(
                # one byte more than allowed is enough to refuse the file, not the whole of it
                form.cleaned_data["file"].read(MAX_BYTES + 1),
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        if report is not None and report.ok and not form.cleaned_data["dry_run"]:
            messages.success(
                request,
                _("Import terminé : %(created)s contacts créés, %(updated)s complétés.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("community:index")
    status = (
        400 if request.method == "POST" and (form.errors or (report and not report.ok)) else 200
    )
    return render(request, "community/import.html", {"form": form, "report": report}, status=status)


@login_required
@require_POST
def sync(request):
    check_manager(request)
    created = sync_contacts(actor=request.user)
    messages.success(
        request, _("Synchronisation faite : %(count)s nouveaux contacts.") % {"count": created}
    )
    return redirect("community:index")


@login_required
def segments(request):
    check_manager(request)
    rows = [
        {"segment": segment, "count": contacts_matching(segment.filters).count()}
        for segment in Segment.objects.all()
    ]
    return render(request, "community/segments.html", {"rows": rows})


@login_required
def segment_edit(request, pk=None):
    check_manager(request)
    segment = get_object_or_404(Segment, pk=pk) if pk else None
    initial = {"name": segment.name, **segment.filters} if segment else None
    form = SegmentForm(request.POST or None, initial=initial)
    count = None
    if request.method == "POST" and form.is_valid():
        filters = clean_filters({k: v for k, v in form.cleaned_data.items() if k != "name"})
        count = contacts_matching(filters).count()
        if "count" not in request.POST:
            saved = contact_services.save_segment(
                form.cleaned_data["name"], filters, actor=request.user, segment=segment
            )
            messages.success(
                request,
                _("Segment « %(name)s » enregistré : %(count)s contacts.")
                % {"name": saved.name, "count": count},
            )
            return redirect("community:segments")
    elif segment is not None:
        count = contacts_matching(segment.filters).count()
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "community/segment_form.html",
        {"form": form, "segment": segment, "count": count},
        status=status,
    )
