"""The team's report page in the espace organisation (figures, comment, overrides with their
reason, typed-in figures, publication, PDF and CSV), and the public report once published."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.scoping import edition_view
from nec.editions.selectors import public_edition_or_404
from nec.reports import rendering, services
from nec.reports.figures import compute
from nec.reports.forms import CommentForm, OverrideForm, TypedFigureForm
from nec.reports.models import Report


def _context(edition, report, data=None, **extra):
    data = data or compute(edition, report)
    return {"edition": edition, "report": report, "data": data, **extra}


def _back(request):
    return redirect("reports:team", edition=request.edition.slug)


@edition_view("reports.manage")
def team(request, override_form=None, typed_form=None, status=200, data=None):
    report = services.get_report(request.edition)
    context = _context(request.edition, report, data, team=True)
    figures = list(context["data"].figures().values())
    context["override_form"] = override_form or OverrideForm(figures=figures)
    context["typed_form"] = typed_form or TypedFigureForm()
    context["comment_form"] = CommentForm(initial={"comment": report.comment})
    return render(request, "reports/team.html", context, status=status)


@require_POST
@edition_view("reports.manage")
def team_comment(request):
    form = CommentForm(request.POST)
    if form.is_valid():
        services.set_comment(
            services.get_report(request.edition), form.cleaned_data["comment"], actor=request.user
        )
        messages.success(request, _("Commentaire enregistré."))
    else:
        messages.error(request, _("Le commentaire est trop long."))
    return _back(request)


@require_POST
@edition_view("reports.manage")
def team_override(request):
    report = services.get_report(request.edition)
    data = compute(request.edition, report)
    figures = list(data.figures().values())
    form = OverrideForm(request.POST, figures=figures)
    if form.is_valid():
        try:
            services.override(
                report,
                form.cleaned_data["key"],
                form.cleaned_data["value"],
                form.cleaned_data["reason"],
                known_keys={f.key for f in figures},
                actor=request.user,
            )
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Correction enregistrée ; elle est signalée dans le bilan.")
            )
            return _back(request)
    return team.__wrapped__(request, override_form=form, status=400, data=data)


@require_POST
@edition_view("reports.manage")
def team_override_remove(request, key):
    services.remove_override(services.get_report(request.edition), key, actor=request.user)
    messages.success(request, _("Correction retirée : le chiffre calculé est rétabli."))
    return _back(request)


@require_POST
@edition_view("reports.manage")
def team_typed(request):
    form = TypedFigureForm(request.POST)
    if form.is_valid():
        try:
            services.add_typed_figure(
                services.get_report(request.edition), actor=request.user, **form.cleaned_data
            )
        except services.ReportError as error:
            form.add_error("source", str(error))
        else:
            messages.success(request, _("Chiffre ajouté."))
            return _back(request)
    return team.__wrapped__(request, typed_form=form, status=400)


@require_POST
@edition_view("reports.manage")
def team_typed_remove(request, pk):
    services.remove_typed_figure(services.get_report(request.edition), pk, actor=request.user)
    messages.success(request, _("Chiffre retiré."))
    return _back(request)


@require_POST
@edition_view("reports.publish")
def team_publish(request):
    report = services.get_report(request.edition)
    if request.POST.get("action") == "unpublish":
        services.unpublish(report, actor=request.user)
        messages.success(request, _("Le bilan n'est plus public."))
    else:
        services.publish(report, actor=request.user)
        messages.success(
            request, _("Bilan publié : il est visible sur la page publique de l'édition.")
        )
    return _back(request)


@edition_view("reports.manage")
def team_pdf(request):
    context = _context(request.edition, services.get_report(request.edition))
    return rendering.pdf_response(context, request.build_absolute_uri("/"))


@edition_view("reports.manage")
def team_csv(request, chart):
    return rendering.chart_csv(compute(request.edition), chart)


def _published(slug: str) -> Report:
    edition = public_edition_or_404(slug)
    report = Report.objects.filter(edition=edition, published_at__isnull=False).first()
    if report is None:
        raise Http404
    return report


def public(request, edition):
    report = _published(edition)
    return render(request, "reports/public.html", _context(report.edition, report))


def public_pdf(request, edition):
    report = _published(edition)
    return rendering.pdf_response(_context(report.edition, report), request.build_absolute_uri("/"))


def public_csv(request, edition, chart):
    report = _published(edition)
    return rendering.chart_csv(compute(report.edition, report), chart)
