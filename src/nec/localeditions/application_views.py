"""Applying to organise a NEC local: the public form (no account needed, files attached, saved
as a draft or submitted), the neutral "check your mailbox" page, the e-mailed confirmation link
(GET shows a button, so that mail scanners opening the link confirm nothing; POST confirms), and
the national team's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.services import normalise_email
from nec.core.forms import apply_errors
from nec.core.http import client_ip
from nec.core.ids import parse_id
from nec.core.signed_links import LinkError
from nec.editions.permissions import can
from nec.localeditions import services
from nec.localeditions.attachments import MAX_FILES
from nec.localeditions.forms import ApplicationForm, ApplyForm, RegionFilterForm
from nec.localeditions.models import Application
from nec.localeditions.services import drafts

INSTRUCT = "localeditions.instruct"


#: fields copied from a refused application into the form of a new one
RESUMED_FIELDS = [name for name in ApplicationForm.Meta.fields if name != "charter_accepted"]


def _refused_to_resume(request) -> Application | None:
    """The signed-in applicant's refused application named by `?reprise=`, if any: a new
    application may start from it and is linked to it."""
    if not request.user.is_authenticated:
        return None
    pk = parse_id(request.GET.get("reprise"))
    if pk is None:
        return None
    return Application.objects.filter(
        pk=pk, applicant=request.user, state=Application.State.REFUSED
    ).first()


def render_apply(
    request, form, *, previous=None, draft=None, removed=(), saving_draft=False, status=200
):
    """The application form, new or resumed from a draft (its files listed, each with a box to
    remove it, ticked for those `removed`)."""
    return render(
        request,
        "localeditions/apply.html",
        {
            "form": form,
            "earliest": services.earliest_event_date(timezone.localdate()),
            "previous": previous,
            "draft": draft,
            "draft_files": draft.attachments.all() if draft is not None else [],
            "removed": list(removed),
            "saving_draft": saving_draft,
            "max_files": MAX_FILES,
        },
        status=status,
    )


def _pending(request, email: str, page: str):
    # the same answer whatever happened (link sent or rate-limited)
    request.session["localeditions_pending_email"] = normalise_email(email)
    return redirect(page)


def _save_draft(request, form, *, previous=None, draft=None, removed=()):
    data = form.draft_data()
    if data is not None:
        try:
            saved, emailed = drafts.save_draft(
                data,
                files=form.cleaned_data["attachments"],
                actor=request.user,
                ip_address=client_ip(request),
                draft=draft,
                previous=previous,
                removed=removed,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if saved is None or emailed:
                return _pending(request, data["email"], "localeditions:draft_sent")
            messages.success(request, _("Brouillon enregistré."))
            return redirect("localeditions:draft", token=drafts.draft_token(saved))
    return render_apply(
        request,
        form,
        previous=previous,
        draft=draft,
        removed=removed,
        saving_draft=True,
        status=400,
    )


def post_application(request, form, *, previous=None, draft=None, removed=()):
    """Handle the form's two buttons: save as a draft, or submit (from a draft's link at the same
    address, the application is confirmed at once; the draft's files of ids `removed` are
    deleted). LinkError if the draft was just used."""
    if "save_draft" in request.POST:
        return _save_draft(request, form, previous=previous, draft=draft, removed=removed)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        files = form.cleaned_data["attachments"]
        confirmed = False
        try:
            if draft is None:
                services.submit_application(
                    fields,
                    actor=request.user,
                    ip_address=client_ip(request),
                    previous=previous,
                    files=files,
                )
            else:
                application, confirmed = drafts.submit_draft(
                    draft,
                    fields,
                    files=files,
                    actor=request.user,
                    ip_address=client_ip(request),
                    removed=removed,
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if confirmed:
                return render(request, "localeditions/confirmed.html", {"application": application})
            return _pending(request, fields["email"], "localeditions:apply_sent")
    return render_apply(request, form, previous=previous, draft=draft, removed=removed, status=400)


def apply(request):
    previous = _refused_to_resume(request)
    if request.method == "POST":
        form = ApplyForm(request.POST, request.FILES)
        return post_application(request, form, previous=previous)
    initial = {name: getattr(previous, name) for name in RESUMED_FIELDS} if previous else None
    return render_apply(request, ApplyForm(initial=initial), previous=previous)


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
