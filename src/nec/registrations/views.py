"""Views of the registrations app: registering to an edition, the personal space, and the
team's registration pages. Views stay thin: every change goes through `services`."""

import io
from datetime import datetime

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.permissions import can
from nec.core.http import client_ip
from nec.core.spreadsheets import csv_text, safe_cell
from nec.editions.models import Edition
from nec.editions.scoping import edition_view, scoped
from nec.registrations import services, stats
from nec.registrations.forms import (
    AnswersForm,
    FilterForm,
    QuestionForm,
    RegistrationForm,
    SettingsForm,
)
from nec.registrations.models import Booking, Question, Registration
from nec.registrations.questionnaire import choice_label, ensure_default_questionnaire

OUTCOME_SESSION_KEY = "registrations.outcome"


def public_edition(slug: str) -> Edition:
    return get_object_or_404(Edition, slug=slug, status=Edition.Status.PUBLISHED)


def _identity(data: dict) -> dict:
    return {
        name: data.get(name, "")
        for name in ("first_name", "last_name", "organisation", "job_title")
    } | {"newsletter_consent": bool(data.get("newsletter_consent"))}


def _visible_questions(edition: Edition) -> list[Question]:
    return list(edition.questions.all())


# ---------------------------------------------------------------------------------------------
# Registering


def register(request, edition):
    edition = public_edition(edition)
    is_open, reason = services.registration_is_open(edition)
    context = {"edition": edition, "closed_reason": "" if is_open else reason}
    if request.user.is_authenticated:
        mine = (
            Registration.objects.filter(edition=edition, email__iexact=request.user.email)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if mine is not None and mine.status != Registration.Status.PENDING:
            messages.info(request, _("Vous êtes déjà inscrit·e à cette édition."))
            return redirect("registrations:space", edition=edition.slug)
    if not is_open:
        return render(request, "registrations/register.html", context)
    questions = _visible_questions(edition)
    if request.method == "POST":
        form = RegistrationForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                result = services.start_registration(
                    edition,
                    email=form.cleaned_data["email"],
                    answers=form.stored_answers(),
                    user=request.user,
                    ip_address=client_ip(request),
                    **_identity(form.cleaned_data),
                )
            except services.RegistrationClosed as error:
                context["closed_reason"] = str(error)
                return render(request, "registrations/register.html", context)
            if result.outcome == "confirmed":
                messages.success(request, _("Votre inscription est enregistrée."))
                return redirect("registrations:space", edition=edition.slug)
            request.session[OUTCOME_SESSION_KEY] = {
                "outcome": result.outcome,
                "email": result.registration.email,
                "edition": edition.slug,
            }
            return redirect("registrations:sent", edition=edition.slug)
    else:
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "email": request.user.email,
                "first_name": request.user.first_name,
                "last_name": request.user.last_name,
            }
        form = RegistrationForm(initial=initial, questions=questions)
    context["form"] = form
    return render(request, "registrations/register.html", context)


def sent(request, edition):
    edition = public_edition(edition)
    outcome = request.session.get(OUTCOME_SESSION_KEY)
    if not outcome or outcome.get("edition") != edition.slug:
        return redirect("registrations:register", edition=edition.slug)
    context = {"outcome": outcome.get("outcome"), "email": outcome.get("email")}
    return render(request, "registrations/sent.html", {"edition": edition, **context})


def confirm(request, token):
    """GET shows a button (mail scanners opening the link must not confirm); POST confirms,
    signs the person in and opens their personal space."""
    try:
        registration = services.read_confirmation_token(token)
    except services.ConfirmLinkError as error:
        return render(
            request, "registrations/confirm_invalid.html", {"reason": error.reason}, status=400
        )
    if request.method == "POST":
        if registration.status != Registration.Status.PENDING:
            # Already confirmed: the link is not a lasting sign-in link.
            messages.info(request, _("Votre inscription est déjà confirmée."))
            return redirect("registrations:space", edition=registration.edition.slug)
        registration = services.confirm_registration(registration)
        login(request, registration.user, backend="django.contrib.auth.backends.ModelBackend")
        if registration.status == Registration.Status.WAITING:
            messages.warning(
                request,
                _(
                    "Votre adresse est confirmée. L'édition est complète : vous êtes sur la liste "
                    "d'attente et serez prévenu·e par e-mail si une place se libère."
                ),
            )
        else:
            messages.success(request, _("Votre inscription est confirmée. Bienvenue !"))
        return redirect("registrations:space", edition=registration.edition.slug)
    return render(request, "registrations/confirm.html", {"registration": registration})


# ---------------------------------------------------------------------------------------------
# Personal space


def _my_registration(request, slug: str) -> Registration:
    edition = get_object_or_404(Edition, slug=slug)
    registration = (
        Registration.objects.select_related("edition")
        .filter(edition=edition)
        .filter(Q(user=request.user) | Q(email__iexact=request.user.email))
        .first()
    )
    if registration is None:
        raise Http404(_("Vous n'êtes pas inscrit·e à cette édition."))
    return registration


def personal(view):
    """Signed-in people only; anonymous visitors are sent to the sign-in link form."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


MY_BOOKINGS_TEMPLATE = "registrations/booking/_my_bookings.html"


def _optional_template(name: str) -> str:
    """`name` if that template exists (another part of the app provides it), else ""."""
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return ""
    return name


def _agenda(registration: Registration):
    return (
        Booking.objects.filter(registration=registration, status=Booking.Status.CONFIRMED)
        .select_related("session__slot", "session__room", "session__format_type")
        .order_by("session__slot__start", "session__title")
    )


def _public_answers(registration: Registration) -> list[tuple[str, str]]:
    answers = services.answers_of(registration)
    return [
        (q.label, choice_label(q, answers.get(q.key)))
        for q in registration.edition.questions.all()
        if answers.get(q.key) not in (None, "", [])
    ]


@personal
def my_registrations(request):
    registrations = (
        Registration.objects.filter(Q(user=request.user) | Q(email__iexact=request.user.email))
        .select_related("edition")
        .order_by("-edition__year", "-edition__start_date")
    )
    return render(request, "registrations/my_registrations.html", {"registrations": registrations})


@personal
def space(request, edition):
    registration = _my_registration(request, edition)
    calendar_url = ""
    if registration.calendar_token:
        calendar_url = request.build_absolute_uri(
            reverse("registrations:feed", kwargs={"token": registration.calendar_token})
        )
    return render(
        request,
        "registrations/space.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "answers": _public_answers(registration),
            "agenda": _agenda(registration),
            "calendar_url": calendar_url,
            "waiting_position": services.waiting_position(registration),
            "bookings_template": _optional_template(MY_BOOKINGS_TEMPLATE),
        },
    )


@personal
def edit_answers(request, edition):
    registration = _my_registration(request, edition)
    if registration.status == Registration.Status.CANCELLED:
        messages.error(request, _("Cette inscription est annulée."))
        return redirect("registrations:space", edition=edition)
    questions = list(registration.edition.questions.all())
    kwargs = {
        "registration": registration,
        "questions": questions,
        "answers": services.answers_of(registration),
    }
    if request.method == "POST":
        form = AnswersForm(request.POST, **kwargs)
        if form.is_valid():
            services.update_registration(
                registration,
                actor=request.user,
                identity=_identity(form.cleaned_data),
                answers=form.stored_answers(),
            )
            messages.success(request, _("Vos réponses sont enregistrées."))
            return redirect("registrations:space", edition=edition)
    else:
        form = AnswersForm(**kwargs)
    return render(
        request,
        "registrations/edit_answers.html",
        {"form": form, "registration": registration, "edition": registration.edition},
    )


@personal
def cancel(request, edition):
    registration = _my_registration(request, edition)
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("Cette inscription est déjà annulée."))
        return redirect("registrations:space", edition=edition)
    if request.method == "POST":
        services.cancel_registration(registration, actor=request.user)
        messages.success(request, _("Votre inscription est annulée. Un e-mail vous le confirme."))
        return redirect("registrations:space", edition=edition)
    return render(
        request,
        "registrations/cancel.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "bookings": _agenda(registration).count(),
        },
    )


@personal
def agenda(request, edition):
    registration = _my_registration(request, edition)
    return render(
        request,
        "registrations/agenda.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "agenda": _agenda(registration),
        },
    )


@personal
@require_POST
def calendar_token(request, edition):
    registration = _my_registration(request, edition)
    if registration.status == Registration.Status.CANCELLED:
        messages.error(request, _("Cette inscription est annulée."))
    elif request.POST.get("action") == "revoke":
        services.revoke_calendar_token(registration, actor=request.user)
        messages.success(request, _("Le lien d'agenda est désactivé."))
    else:
        services.issue_calendar_token(registration, actor=request.user)
        messages.success(
            request, _("Nouveau lien d'agenda créé ; l'ancien lien ne fonctionne plus.")
        )
    return redirect("registrations:space", edition=edition)


def calendar_feed(request, token):
    """The private iCal feed of a person's confirmed bookings. Unknown or revoked → 404."""
    registration = services.registration_for_calendar_token(token)
    if registration is None:
        raise Http404(_("Ce lien d'agenda n'existe pas ou a été désactivé."))
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Numérique en Commun[s]//nec//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{registration.edition.title} — mon agenda")
    for booking in _agenda(registration):
        session = booking.session
        if session.slot is None:
            continue
        event = Event()
        event.add("uid", f"nec-booking-{booking.pk}@numerique-en-commun")
        event.add("summary", session.title)
        event.add("dtstart", session.slot.start)
        event.add("dtend", session.slot.end)
        event.add("dtstamp", booking.updated_at)
        where = ", ".join(
            part
            for part in (session.room.name if session.room else "", registration.edition.venue)
            if part
        )
        if where:
            event.add("location", where)
        event.add("url", request.build_absolute_uri(session.get_absolute_url()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda-nec.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _ticket_context(request, edition: str) -> dict:
    registration = _my_registration(request, edition)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404(_("Le billet n'existe que pour une inscription confirmée."))
    import segno

    signed = services.ticket_code(registration)
    qr = segno.make(signed, error="m")
    return {
        "registration": registration,
        "edition": registration.edition,
        "signed_code": signed,
        # viewBox without width/height: the QR scales to the size the page (or the PDF) gives it
        "qr_svg": qr.svg_inline(scale=6, border=2, omitsize=True, title=_("Code QR du billet")),
    }


@personal
def ticket(request, edition):
    return render(request, "registrations/ticket.html", _ticket_context(request, edition))


@personal
def ticket_pdf(request, edition):
    context = _ticket_context(request, edition)
    from weasyprint import HTML

    html = render_to_string("registrations/ticket_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"billet-{context['edition'].slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------
# Team views


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
    filters = {key: value for key, value in request.GET.items() if value and key != "page"}
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
    from openpyxl import Workbook

    header, rows = _recorded_export(request, "xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Inscriptions"))
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(
        request,
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@edition_view("registrations.view")
def team_detail(request, pk):
    registration = get_object_or_404(scoped(Registration, request.edition), pk=pk)
    answers = services.answers_of(registration)
    rows = [(q, choice_label(q, answers.get(q.key))) for q in request.edition.questions.all()]
    bookings = registration.bookings.select_related("session__slot").order_by(
        "session__slot__start"
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
        services.send_confirmation(registration)
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
    settings_row = services.get_settings(edition)
    if request.method == "POST" and request.POST.get("form") == "defaults":
        ensure_default_questionnaire(edition)
        messages.success(request, _("Les questions par défaut sont ajoutées."))
        return redirect("registrations:team_questionnaire", edition=edition.slug)
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=settings_row)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.Meta.fields}
            settings_row.refresh_from_db()
            services.update_settings(edition, request.user, **values)
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
            services.save_question(edition, form.instance, actor=request.user)
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
        count = services.delete_question(question, actor=request.user)
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
    services.move_question(question, direction, actor=request.user)
    return redirect("registrations:team_questionnaire", edition=request.edition.slug)
