"""Views of the timetabling app: a participant's "ça m'intéresse" toggle (POST) and the team's
"Proposer une grille" pages (settings and past runs, progress, proposal beside the grid, stop,
apply). Team pages go through `edition_view` (permission and edition scope)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.core.http import safe_next_path
from nec.core.ids import parse_ids
from nec.editions.scoping import edition_view, scoped
from nec.editions.selectors import public_edition_or_404
from nec.programme.models import Session
from nec.registrations.access import login_required_back_to
from nec.registrations.selectors import registration_for
from nec.timetabling import services
from nec.timetabling.forms import RunForm
from nec.timetabling.models import SolverRun
from nec.timetabling.proposal import compare


def _session_page(request, edition: str, pk: int) -> str:
    return reverse("programme:session", kwargs={"edition": edition, "pk": pk})


@require_POST
@login_required_back_to(_session_page)
def toggle_wish(request, edition: str, pk: int):
    edition_obj = public_edition_or_404(edition)  # a draft is a 404, as on every public page
    session = get_object_or_404(Session, edition=edition_obj, pk=pk)
    back = safe_next_path(request.POST.get("next")) or session.get_absolute_url()
    registration = registration_for(request.user, edition_obj)
    if registration is None:
        messages.error(
            request,
            _("Inscrivez-vous à l'édition pour indiquer les sessions qui vous intéressent."),
        )
        return redirect(back)
    wanted = request.POST.get("wanted") == "1"
    try:
        services.set_wish(registration, session, wanted, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if wanted:
        messages.success(
            request, _("Noté : « %(title)s » vous intéresse.") % {"title": session.title}
        )
    else:
        messages.success(
            request, _("« %(title)s » retirée de vos intérêts.") % {"title": session.title}
        )
    return redirect(back)


@edition_view("timetabling.propose")
def runs(request):
    edition = request.edition
    form = RunForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.start_run(edition, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("timetabling:run", edition=edition.slug, pk=run.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "timetabling/runs.html",
        {"edition": edition, "form": form, "runs": scoped(SolverRun, edition)[:20]},
        status=status,
    )


def _run(request, pk: int) -> SolverRun:
    return get_object_or_404(scoped(SolverRun, request.edition), pk=pk)


@edition_view("timetabling.propose")
def run_detail(request, pk: int):
    run = _run(request, pk)
    context = {"edition": request.edition, "run": run}
    if run.proposal and run.status in (SolverRun.Status.DONE, SolverRun.Status.STOPPED):
        context["comparison"] = compare(run)
    return render(request, "timetabling/run.html", context)


@require_POST
@edition_view("timetabling.propose")
def stop(request, pk: int):
    run = _run(request, pk)
    services.request_stop(run, actor=request.user)
    messages.success(
        request, _("Arrêt demandé : la meilleure grille trouvée jusqu'ici est gardée.")
    )
    return redirect("timetabling:run", edition=request.edition.slug, pk=run.pk)


@require_POST
@edition_view("timetabling.propose")
def apply(request, pk: int):
    run = _run(request, pk)
    if request.POST.get("scope") == "all":
        chosen = [item["session"] for item in run.proposal]
    else:
        chosen = parse_ids(request.POST.getlist("session"))
    if not chosen:
        messages.error(request, _("Cochez au moins une session à déplacer."))
        return redirect("timetabling:run", edition=request.edition.slug, pk=run.pk)
    try:
        moved, refused = services.apply_moves(run, chosen, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("timetabling:run", edition=request.edition.slug, pk=run.pk)
    messages.success(
        request,
        _(
            "%(n)s sessions placées dans la grille (brouillon) : publiez la grille pour les "
            "rendre publiques."
        )
        % {"n": moved},
    )
    for text in refused:
        messages.warning(request, text)
    return redirect("timetabling:run", edition=request.edition.slug, pk=run.pk)
