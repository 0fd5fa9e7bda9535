"""Drafts and attachments of applications: the page resuming a draft from its e-mailed link (the
form pre-filled, saved again or submitted), the "check your mailbox" page after a first save,
and the download of an attached file — for the national team or the applicant only (a 404 for
anyone else), never from a public address."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from nec.accounts.services import normalise_email
from nec.core.ids import parse_ids
from nec.core.signed_links import LinkError
from nec.editions.permissions import can
from nec.localeditions.application_views import INSTRUCT, post_application, render_apply
from nec.localeditions.forms import ApplyForm
from nec.localeditions.models import ApplicationAttachment
from nec.localeditions.services import drafts


def _link_invalid(request, error: LinkError):
    return render(
        request,
        "localeditions/link_invalid.html",
        {"reason": error.reason, "draft": True},
        status=400,
    )


def draft(request, token):
    try:
        found = drafts.open_draft(token)
        attached = found.attachments.count()
        if request.method == "POST":
            asked = parse_ids(request.POST.getlist("remove_files"))
            removed = list(found.attachments.filter(pk__in=asked).values_list("pk", flat=True))
            form = ApplyForm(request.POST, request.FILES, attached=attached - len(removed))
            return post_application(
                request, form, previous=found.previous, draft=found, removed=removed
            )
    except LinkError as error:
        return _link_invalid(request, error)
    form = ApplyForm(initial=found.data, attached=attached)
    return render_apply(request, form, previous=found.previous, draft=found)


def draft_sent(request):
    return render(
        request,
        "localeditions/draft_sent.html",
        {
            "email": request.session.get("localeditions_pending_email", ""),
            "days": drafts.DRAFT_MAX_AGE.days,
        },
    )


def _may_download(user, attachment: ApplicationAttachment) -> bool:
    application = attachment.application
    if application is not None:
        return application.applicant_id == user.pk or (
            application.confirmed_at is not None and can(user, INSTRUCT)
        )
    return attachment.draft.email == normalise_email(user.email)


@login_required
def attachment(request, pk):
    found = get_object_or_404(
        ApplicationAttachment.objects.select_related("application", "draft"), pk=pk
    )
    if not _may_download(request.user, found):
        raise Http404
    try:
        stored = found.file.open("rb")
    except OSError as error:  # the file is gone from the storage
        raise Http404 from error
    return FileResponse(
        stored, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
