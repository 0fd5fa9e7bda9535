"""The instruction pages: the national team's page of one application (the project, the thread,
the internal note, the next steps as forms) and the applicant's own pages (their applications,
the thread, completing the project when asked). An applicant reaches only their applications
(another one is a 404); only the team may change a state (403 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.permissions import can
from nec.localeditions.instruction_forms import (
    AcceptForm,
    CompleteForm,
    InterviewForm,
    MessageForm,
    NoteForm,
    RefuseForm,
    RequestInformationForm,
)
from nec.localeditions.models import Application
from nec.localeditions.services import drafts, instruction

INSTRUCT = instruction.INSTRUCT

#: step name → (form, service call, confirmation message)
TEAM_STEPS = {
    "information": (
        RequestInformationForm,
        lambda a, actor, d: instruction.request_information(
            a, actor=actor, message=d["message"], due=d["due"]
        ),
        gettext_lazy("La demande de renseignements a été envoyée au porteur."),
    ),
    "interview": (
        InterviewForm,
        lambda a, actor, d: instruction.propose_interview(
            a, actor=actor, at=d["at"], place=d["place"], message=d["message"]
        ),
        gettext_lazy("L'entretien a été proposé au porteur."),
    ),
    "accept": (
        AcceptForm,
        lambda a, actor, d: instruction.accept(
            a,
            actor=actor,
            with_grant=d["with_grant"],
            amount=d["amount"],
            override_reason=d["override_reason"],
            message=d["message"],
        ),
        gettext_lazy("La candidature est acceptée : l'édition locale est créée en brouillon."),
    ),
    "refuse": (
        RefuseForm,
        lambda a, actor, d: instruction.refuse(
            a, actor=actor, reason=d["reason"], details=d["details"]
        ),
        gettext_lazy("La candidature est refusée ; le porteur en est informé."),
    ),
    "message": (
        MessageForm,
        lambda a, actor, d: instruction.post_message(a, actor=actor, body=d["body"]),
        gettext_lazy("Message envoyé."),
    ),
    "note": (
        NoteForm,
        lambda a, actor, d: instruction.save_internal_note(a, actor=actor, note=d["note"]),
        gettext_lazy("Note interne enregistrée."),
    ),
}


def _team_application(request, pk) -> Application:
    if not can(request.user, INSTRUCT):
        raise PermissionDenied
    return get_object_or_404(Application, pk=pk, confirmed_at__isnull=False)


def _team_page(request, application, bound=None, status=200):
    forms = {
        name: form_class(prefix=name, initial={"note": application.internal_note})
        for name, (form_class, _call, _done) in TEAM_STEPS.items()
    }
    if bound is not None:
        forms[bound.prefix] = bound
    return render(
        request,
        "localeditions/detail.html",
        {
            "application": application,
            "forms": forms,
            "thread": application.messages.select_related("author"),
            "resubmissions": application.resubmissions.filter(confirmed_at__isnull=False),
            "today": timezone.localdate(),
            "step_errors": bound.non_field_errors() if bound is not None else [],
        },
        status=status,
    )


@login_required
def detail(request, pk):
    return _team_page(request, _team_application(request, pk))


@login_required
@require_POST
def act(request, pk, step):
    application = _team_application(request, pk)
    if step not in TEAM_STEPS:
        raise Http404
    form_class, call, done = TEAM_STEPS[step]
    form = form_class(request.POST, prefix=step)
    if form.is_valid():
        try:
            call(application, request.user, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("localeditions:detail", pk=application.pk)
    return _team_page(request, application, bound=form, status=400)


# --- the applicant's pages -----------------------------------------------------------------


def _own_application(request, pk) -> Application:
    return get_object_or_404(Application, pk=pk, applicant=request.user, confirmed_at__isnull=False)


@login_required
def mine_list(request):
    applications = Application.objects.filter(
        applicant=request.user, confirmed_at__isnull=False
    ).select_related("edition")
    # a fresh resume link for each draft saved with the signed-in address
    own_drafts = [
        (draft, drafts.draft_token(draft))
        for draft in drafts.drafts_of(request.user.email).annotate(file_count=Count("attachments"))
    ]
    return render(
        request,
        "localeditions/mine_list.html",
        {"applications": applications, "drafts": own_drafts},
    )


def _mine_page(request, application, message_form=None, complete_form=None, status=200):
    if complete_form is None and application.state == Application.State.INFORMATION_REQUESTED:
        complete_form = CompleteForm(
            instance=application, reference_day=application.submitted_at.date()
        )
    return render(
        request,
        "localeditions/mine.html",
        {
            "application": application,
            "thread": application.messages.select_related("author"),
            "message_form": message_form or MessageForm(),
            "complete_form": complete_form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def mine(request, pk):
    return _mine_page(request, _own_application(request, pk))


@login_required
@require_POST
def mine_message(request, pk):
    application = _own_application(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        instruction.post_message(application, actor=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Message envoyé à l'équipe nationale."))
        return redirect("localeditions:mine", pk=application.pk)
    return _mine_page(request, application, message_form=form, status=400)


@login_required
@require_POST
def mine_complete(request, pk):
    application = _own_application(request, pk)
    if application.state != Application.State.INFORMATION_REQUESTED:
        messages.error(request, _("Aucun renseignement n'est demandé sur cette candidature."))
        return redirect("localeditions:mine", pk=application.pk)
    # a copy: the form must not change the row before the service checks and saves it
    form = CompleteForm(
        request.POST,
        instance=Application.objects.get(pk=application.pk),
        reference_day=application.submitted_at.date(),
    )
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "note"}
        instruction.complete_information(
            application, data, actor=request.user, note=form.cleaned_data["note"]
        )
        messages.success(request, _("Merci : votre candidature complétée est transmise."))
        return redirect("localeditions:mine", pk=application.pk)
    return _mine_page(request, application, complete_form=form, status=400)
