"""Views of the participant: registering to an edition (form, e-mail sent, confirmation link)
and the personal space (my registrations, answers, cancellation, agenda and its private feed,
ticket). Views stay thin: every change goes through the services."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.accounts.backends import BACKEND_PATH
from nec.core.http import client_ip
from nec.editions.models import Edition
from nec.editions.selectors import public_edition_or_404
from nec.programme.selectors import public_sessions
from nec.registrations import confirmation, services, tickets
from nec.registrations.forms import AnswersForm, RegistrationForm
from nec.registrations.models import Booking, Question, Registration
from nec.registrations.questionnaire_fields import choice_label, shown
from nec.registrations.selectors import registrations_of

OUTCOME_SESSION_KEY = "registrations.outcome"


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
    edition = public_edition_or_404(edition, open_only=True)
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
            # The same page whatever the outcome: it must not tell whether an address is
            # registered (the e-mail says what applies).
            request.session[OUTCOME_SESSION_KEY] = {
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
    edition = public_edition_or_404(edition, open_only=True)
    outcome = request.session.get(OUTCOME_SESSION_KEY)
    if not outcome or outcome.get("edition") != edition.slug:
        return redirect("registrations:register", edition=edition.slug)
    context = {"edition": edition, "email": outcome.get("email")}
    return render(request, "registrations/sent.html", context)


def sign_in_and_welcome(request, registration: Registration):
    """After a confirmation link: sign the person in and open their space, saying whether they
    have a seat or are on the waiting list."""
    login(request, registration.user, backend=BACKEND_PATH)
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


def confirm(request, token):
    """GET shows a button (mail scanners opening the link must not confirm); POST confirms,
    signs the person in and opens their personal space."""
    try:
        registration = confirmation.read_confirmation_token(token)
    except confirmation.ConfirmLinkError as error:
        return render(
            request, "registrations/confirm_invalid.html", {"reason": error.reason}, status=400
        )
    if request.method == "POST":
        if registration.status != Registration.Status.PENDING:
            # Already confirmed: the link is not a lasting sign-in link.
            messages.info(request, _("Votre inscription est déjà confirmée."))
            return redirect("registrations:space", edition=registration.edition.slug)
        registration = confirmation.confirm_registration(registration)
        return sign_in_and_welcome(request, registration)
    return render(request, "registrations/confirm.html", {"registration": registration})


# ---------------------------------------------------------------------------------------------
# Personal space


def _my_registration(request, slug: str) -> Registration:
    edition = public_edition_or_404(slug)
    registration = (
        registrations_of(request.user).select_related("edition").filter(edition=edition).first()
    )
    if registration is None:
        raise Http404(_("Vous n'êtes pas inscrit·e à cette édition."))
    return registration


def _agenda(registration: Registration):
    return (
        Booking.objects.filter(registration=registration, status=Booking.Status.CONFIRMED)
        .select_related(
            "session__published_slot", "session__published_room", "session__format_type"
        )
        .order_by("session__published_slot__start", "session__title")
    )


def _public_answers(registration: Registration) -> list[tuple[str, str]]:
    answers = services.answers_of(registration)
    return [
        (shown(q.label), choice_label(q, answers.get(q.key)))
        for q in registration.edition.questions.all()
        if answers.get(q.key) not in (None, "", [])
    ]


@login_required
def my_registrations(request):
    registrations = list(
        registrations_of(request.user)
        .select_related("edition")
        .order_by("-edition__year", "-edition__start_date")
    )
    # the button to register for the coming national edition, unless already done
    registered_to = {
        r.edition_id for r in registrations if r.status != Registration.Status.CANCELLED
    }
    return render(
        request,
        "registrations/my_registrations.html",
        {"registrations": registrations, "registered_to": registered_to},
    )


@login_required
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
            "waiting_position": confirmation.waiting_position(registration),
        },
    )


@login_required
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


@login_required
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


@login_required
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


@login_required
@require_POST
def calendar_token(request, edition):
    registration = _my_registration(request, edition)
    if registration.status == Registration.Status.CANCELLED:
        messages.error(request, _("Cette inscription est annulée."))
    elif request.POST.get("action") == "revoke":
        tickets.revoke_calendar_token(registration, actor=request.user)
        messages.success(request, _("Le lien d'agenda est désactivé."))
    else:
        tickets.issue_calendar_token(registration, actor=request.user)
        messages.success(
            request, _("Nouveau lien d'agenda créé ; l'ancien lien ne fonctionne plus.")
        )
    return redirect("registrations:space", edition=edition)


def calendar_feed(request, token):
    """The private iCal feed of a person's confirmed bookings. Unknown or revoked → 404."""
    registration = tickets.registration_for_calendar_token(token)
    if registration is None:
        raise Http404(_("Ce lien d'agenda n'existe pas ou a été désactivé."))
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Numérique en Commun[s]//nec//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{registration.edition.title} — mon agenda")
    # the publicly visible sessions only, at their published place
    public = public_sessions(registration.edition).values("pk")
    for booking in _agenda(registration).filter(session__in=public):
        session = booking.session
        event = Event()
        event.add("uid", f"nec-booking-{booking.pk}@numerique-en-commun")
        event.add("summary", session.title)
        event.add("dtstart", session.published_slot.start)
        event.add("dtend", session.published_slot.end)
        event.add("dtstamp", booking.updated_at)
        where = ", ".join(
            part for part in (session.published_room.name, registration.edition.venue) if part
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

    signed = tickets.ticket_code(registration)
    qr = segno.make(signed, error="m")
    return {
        "registration": registration,
        "edition": registration.edition,
        "signed_code": signed,
        # viewBox without width/height: the QR scales to the size the page (or the PDF) gives it
        "qr_svg": qr.svg_inline(scale=6, border=2, omitsize=True, title=_("Code QR du billet")),
    }


@login_required
def ticket(request, edition):
    return render(request, "registrations/ticket.html", _ticket_context(request, edition))


@login_required
def ticket_pdf(request, edition):
    context = _ticket_context(request, edition)
    from weasyprint import HTML

    html = render_to_string("registrations/ticket_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"billet-{context['edition'].slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
