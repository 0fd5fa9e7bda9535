"""Applying to organise a NEC local: the public form (no account needed), the neutral "check your
mailbox" page, the e-mailed confirmation link (GET shows a button, so that mail scanners opening
the link confirm nothing; POST confirms), and the national team's inbox and detail pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from nec.core.http import client_ip
from nec.core.signed_links import LinkError
from nec.editions.permissions import can
from nec.localeditions import services
from nec.localeditions.forms import ApplicationForm, RegionFilterForm
from nec.localeditions.models import Application

INSTRUCT = "localeditions.instruct"


def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_application(
            form.cleaned_data, actor=request.user, ip_address=client_ip(request)
        )
        # the same answer whatever happened (link sent or rate-limited)
        request.session["localeditions_pending_email"] = form.cleaned_data["email"].lower()
        return redirect("localeditions:apply_sent")
    return render(
        request,
        "localeditions/apply.html",
        {"form": form, "earliest": services.earliest_event_date(timezone.localdate())},
        status=400 if request.method == "POST" else 200,
    )


def apply_sent(request):
    return render(
        request,
        "localeditions/apply_sent.html",
        {
            "email": request.session.get("localeditions_pending_email", ""),
            "days": services.CONFIRM_MAX_AGE.days,
        },
    )


def confirm(request, token):
    try:
        if request.method == "POST":
            application = services.confirm_application(token, actor=request.user)
        else:
            application = services.pending_application(token)
    except LinkError as error:
        return render(
            request, "localeditions/link_invalid.html", {"reason": error.reason}, status=400
        )
    template = "confirmed" if request.method == "POST" else "confirm"
    return render(request, f"localeditions/{template}.html", {"application": application})


def _check_national(request) -> None:
    if not can(request.user, INSTRUCT):
        raise PermissionDenied


@login_required
def inbox(request):
    _check_national(request)
    form = RegionFilterForm(request.GET or None)
    applications = Application.objects.filter(confirmed_at__isnull=False).order_by(
        "-confirmed_at", "-pk"
    )
    region = form.cleaned_data["region"] if form.is_valid() else ""
    if region:
        applications = applications.filter(region_code=region)
    return render(
        request,
        "localeditions/inbox.html",
        {"form": form, "applications": applications, "region": region},
    )


@login_required
def detail(request, pk):
    _check_national(request)
    application = get_object_or_404(Application, pk=pk, confirmed_at__isnull=False)
    return render(request, "localeditions/detail.html", {"application": application})
