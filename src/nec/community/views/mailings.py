"""The national team's mailing pages: list, compose, preview, test send, schedule, progress
(with a small JSON poll for the progress bar), pause and resume, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nec.community.forms import MailingForm, ScheduleForm
from nec.community.models import Mailing, Recipient
from nec.community.rendering import message_for_user
from nec.community.selectors import mailing_stats, mailings_with_stats
from nec.community.services import mailings as services
from nec.community.views.access import check_manager
from nec.core.forms import apply_errors


@login_required
def mailing_list(request):
    check_manager(request)
    rows = [
        {"mailing": mailing, "stats": stats}
        for mailing, stats in mailings_with_stats(Mailing.objects.select_related("segment"), 100)
    ]
    return render(request, "community/mailings.html", {"rows": rows})


@login_required
def mailing_edit(request, pk=None):
    check_manager(request)
    mailing = get_object_or_404(Mailing, pk=pk) if pk else None
    if mailing is not None and mailing.status != Mailing.Status.DRAFT:
        return redirect("community:mailing", pk=mailing.pk)
    form = MailingForm(request.POST or None, instance=mailing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_mailing(form.cleaned_data, actor=request.user, mailing=mailing)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("community:mailing", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "community/mailing_form.html", {"form": form, "mailing": mailing}, status=status
    )


def _preview(mailing: Mailing, user) -> dict:
    message = message_for_user(mailing, user)
    return {"subject": message.subject, "text": message.body}


@login_required
def mailing_detail(request, pk):
    check_manager(request)
    mailing = get_object_or_404(Mailing.objects.select_related("segment"), pk=pk)
    stats = mailing_stats(mailing)
    audience = None
    if mailing.status == Mailing.Status.DRAFT:
        audience = services.recipients_of(mailing.segment, mailing.purpose).count()
    return render(
        request,
        "community/mailing.html",
        {
            "mailing": mailing,
            "stats": stats,
            "audience": audience,
            "preview": _preview(mailing, request.user),
            "schedule_form": ScheduleForm(),
            "uncertain": Recipient.objects.filter(
                mailing=mailing, state=Recipient.State.UNCERTAIN
            ).order_by("email")[:200],
            "failed": Recipient.objects.filter(
                mailing=mailing, state=Recipient.State.FAILED
            ).order_by("email")[:200],
        },
    )


@login_required
def mailing_progress(request, pk):
    """The figures of the progress bar, polled by community/progress.js."""
    check_manager(request)
    mailing = get_object_or_404(Mailing, pk=pk)
    stats = mailing_stats(mailing)
    return JsonResponse(
        {
            "status": mailing.status,
            "status_label": mailing.get_status_display(),
            "done": stats["done"],
            "total": stats["total"],
            "progress": stats["progress"],
        }
    )


@login_required
@require_POST
def mailing_action(request, pk, action):
    check_manager(request)
    mailing = get_object_or_404(Mailing, pk=pk)
    try:
        if action == "test":
            services.send_test(mailing, actor=request.user)
            messages.success(
                request, _("Envoi de test adressé à %(email)s.") % {"email": request.user.email}
            )
        elif action == "send":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Date d'envoi invalide."))
            services.schedule(mailing, actor=request.user, at=form.cleaned_data["at"])
            messages.success(request, _("Envoi lancé ou programmé."))
        elif action == "pause":
            services.pause(mailing, actor=request.user)
            messages.success(request, _("Envoi mis en pause."))
        elif action == "resume":
            services.resume(mailing, actor=request.user)
            messages.success(request, _("Envoi repris."))
        elif action == "resend":
            count = services.resend_uncertain(
                mailing, request.POST.getlist("email")[:1000], actor=request.user
            )
            messages.success(
                request,
                ngettext(
                    "Le courriel repart à %(count)d adresse.",
                    "Le courriel repart à %(count)d adresses.",
                    count,
                )
                % {"count": count},
            )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("community:mailing", pk=mailing.pk)
