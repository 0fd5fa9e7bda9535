"""The team's registration pages in the espace organisation: the list with its filters, the
CSV and Excel exports, a registration's detail and actions, the figures, and the settings and
questionnaire editing. Every page goes through `edition_view` (permission and edition scope)."""

from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.spreadsheets import csv_text, xlsx_bytes
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.registrations import configuration, confirmation, services, stats
from nec.registrations.edition_settings import get_settings
from nec.registrations.forms import FilterForm, QuestionForm, SettingsForm
from nec.registrations.models import Question, Registration
from nec.registrations.questionnaire import ensure_default_questionnaire
from nec.registrations.questionnaire_fields import choice_label


def _filtered(request):
    edition = request.edition
    questions = list(edition.questions.all())
    form = FilterForm(request.GET or None, questions=questions)
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    registrations = stats.filter_registrations(
        edition,
        answers=form.answer_filters() if request.GET else {},
        status=data.get("status", ""),
        text=data.get("q", ""),
    ).select_related("user")
    return form, questions, registrations


@edition_view("registrations.view")
def team_list(request):
    form, questions, registrations = _filtered(request)
    paginator = Paginator(registrations.order_by("last_name", "first_name", "pk"), 50)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registrations/orga/list.html",
        {
            "edition": request.edition,
            "form": form,
            "page": page,
            "counts": stats.registration_counts(request.edition),
            "matching": paginator.count,
            "query": query.urlencode(),
        },
    )


def _export_rows(request):
    _form, questions, registrations = _filtered(request)
    registrations = registrations.order_by("last_name", "first_name", "pk")
    answers = stats.answer_table(registrations, questions)
    header = [
        _("Prénom"),
        _("Nom"),
        _("E-mail"),
        _("Organisation"),
        _("Fonction"),
        _("Statut"),
        _("Code du billet"),
        _("Lettre d'information"),
        _("Inscrit·e le"),
        _("Présence"),
        *[q.label for q in questions],
    ]
    rows = []
    for registration in registrations:
        mine = answers.get(registration.pk, {})
        rows.append(
            [
                registration.first_name,
                registration.last_name,
                registration.email,
                registration.organisation,
                registration.job_title,
                registration.get_status_display(),
                registration.code,
                _("oui") if registration.newsletter_consent else _("non"),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(registration.checked_in_at).strftime("%Y-%m-%d %H:%M")
                if registration.checked_in_at
                else "",
                *[mine.get(q.key, "") for q in questions],
            ]
        )
    return header, rows


def _recorded_export(request, fmt: str) -> tuple[list, list]:
    """The header and rows of the export (the list's filters apply), once the export is in the
    audit log."""
    header, rows = _export_rows(request)
    filters = {
        key[:60]: value[:200] for key, value in request.GET.items() if value and key != "page"
    }  # what the audit keeps of each filter is bounded
    services.record_export(
        request.edition, actor=request.user, fmt=fmt, count=len(rows), filters=filters
    )
    return header, rows


def _download(request, content, content_type: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="inscriptions-{request.edition.slug}-{stamp}.{fmt}"'
    )
    return response


@edition_view("registrations.view")
def team_export_csv(request):
    header, rows = _recorded_export(request, "csv")
    return _download(request, csv_text([header, *rows]), "text/csv; charset=utf-8", "csv")


@edition_view("registrations.view")
def team_export_xlsx(request):
    header, rows = _recorded_export(request, "xlsx")
    return _download(
        request,
        xlsx_bytes([header, *rows], _("Inscriptions")),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@edition_view("registrations.view")
def team_detail(request, pk):
    registration = get_object_or_404(scoped(Registration, request.edition), pk=pk)
    answers = services.answers_of(registration)
    rows = [(q, choice_label(q, answers.get(q.key))) for q in request.edition.questions.all()]
    bookings = registration.bookings.select_related("session__published_slot").order_by(
        "session__published_slot__start"
    )
    return render(
        request,
        "registrations/orga/detail.html",
        {
            "edition": request.edition,
            "registration": registration,
            "rows": rows,
            "bookings": bookings,
            "can_manage": can(request.user, "registrations.manage", request.edition),
        },
    )


@edition_view("registrations.manage")
@require_POST
def team_action(request, pk):
    """The team resends a confirmation link or cancels a registration."""
    registration = get_object_or_404(scoped(Registration, request.edition), pk=pk)
    action = request.POST.get("action")
    if action == "resend" and registration.status == Registration.Status.PENDING:
        confirmation.send_confirmation(registration)
        services.record_action(registration, actor=request.user, action="confirmation_resent")
        messages.success(request, _("Le lien de confirmation est renvoyé."))
    elif action == "cancel" and registration.status != Registration.Status.CANCELLED:
        services.cancel_registration(registration, actor=request.user)
        messages.success(request, _("L'inscription est annulée ; la personne est prévenue."))
    else:
        messages.error(request, _("Cette action n'est pas possible pour cette inscription."))
    return redirect("registrations:team_detail", edition=request.edition.slug, pk=pk)


@edition_view("registrations.view")
def team_figures(request):
    edition = request.edition
    rows = stats.session_rows(edition)
    return render(
        request,
        "registrations/orga/figures.html",
        {
            "edition": edition,
            "counts": stats.registration_counts(edition),
            "questions": stats.questionnaire_figures(edition),
            "session_rows": rows,
            "summary": stats.sessions_summary(edition, rows),
        },
    )


@edition_view("registrations.manage")
def team_questionnaire(request):
    edition = request.edition
    settings_row = get_settings(edition)
    if request.method == "POST" and request.POST.get("form") == "defaults":
        ensure_default_questionnaire(edition)
        messages.success(request, _("Les questions par défaut sont ajoutées."))
        return redirect("registrations:team_questionnaire", edition=edition.slug)
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=settings_row)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            settings_row.refresh_from_db()
            configuration.update_settings(edition, actor=request.user, **values)
            messages.success(request, _("Les réglages des inscriptions sont enregistrés."))
            return redirect("registrations:team_questionnaire", edition=edition.slug)
    else:
        form = SettingsForm(instance=settings_row)
    questions = edition.questions.all()
    return render(
        request,
        "registrations/orga/questionnaire.html",
        {"edition": edition, "form": form, "questions": questions},
    )


@edition_view("registrations.manage")
def team_question(request, pk=None):
    edition = request.edition
    question = get_object_or_404(scoped(Question, edition), pk=pk) if pk else Question()
    if request.method == "POST":
        form = QuestionForm(request.POST, instance=question, edition=edition)
        if form.is_valid():
            configuration.save_question(edition, form.instance, actor=request.user)
            messages.success(request, _("La question est enregistrée."))
            return redirect("registrations:team_questionnaire", edition=edition.slug)
    else:
        form = QuestionForm(instance=question, edition=edition)
    return render(
        request,
        "registrations/orga/question_form.html",
        {"edition": edition, "form": form, "question": question if pk else None},
    )


@edition_view("registrations.manage")
def team_question_delete(request, pk):
    edition = request.edition
    question = get_object_or_404(scoped(Question, edition), pk=pk)
    if request.method == "POST":
        count = configuration.delete_question(question, actor=request.user)
        messages.success(
            request,
            _("La question est supprimée, avec ses %(count)s réponses.") % {"count": count},
        )
        return redirect("registrations:team_questionnaire", edition=edition.slug)
    return render(
        request,
        "registrations/orga/question_delete.html",
        {"edition": edition, "question": question, "answers": question.answers.count()},
    )


@edition_view("registrations.manage")
@require_POST
def team_question_move(request, pk):
    question = get_object_or_404(scoped(Question, request.edition), pk=pk)
    direction = -1 if request.POST.get("direction") == "up" else 1
    configuration.move_question(question, direction, actor=request.user)
    return redirect("registrations:team_questionnaire", edition=request.edition.slug)
