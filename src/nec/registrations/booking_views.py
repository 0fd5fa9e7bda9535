"""Views of session booking: the participant's booking page and actions, waiting-list offers,
and the team's per-session booking pages. Every change goes through the booking services
(`booking`, `capacity`); what the pages show comes from `selectors` and `stats`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.http import safe_next_path
from nec.core.ids import parse_id
from nec.editions.models import Edition
from nec.editions.scoping import edition_view, scoped
from nec.editions.selectors import PUBLIC_EDITION_STATUSES, public_edition_or_404
from nec.programme.models import Session
from nec.registrations import stats
from nec.registrations.access import login_required_back_to
from nec.registrations.booking import (
    BookingResult,
    accept_offer,
    book,
    cancel,
    join_waitlist,
    swap,
)
from nec.registrations.booking_rules import BookingError
from nec.registrations.capacity import change_capacity
from nec.registrations.forms import CapacityForm, ManualBookingForm
from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import (
    LIVE,
    PROGRAMME_ORDER,
    bookable_sessions,
    booking_window,
    live_bookings,
    overlapping_booking,
    prepare_sessions,
    registration_for,
)


def _next_url(request, edition: Edition) -> str:
    target = safe_next_path(request.POST.get("next") or request.GET.get("next"))
    if target:
        return target
    return reverse("registrations:booking_list", kwargs={"edition": edition.slug})


def _back_to_page(request, edition: str, **kwargs) -> str:
    """Anonymous visitors pressing a booking button sign in, then come back to the page."""
    return _next_url(request, public_edition_or_404(edition))


def _register_first(request, edition: str, **kwargs) -> None:
    """What an anonymous visitor pressing "Réserver" reads on the sign-in page: booking needs a
    registration to the edition, with the link to register."""
    messages.info(
        request,
        format_html(
            '{} <a href="{}">{}</a> {}',
            _("Pour réserver une session, il faut être inscrit·e à l'édition :"),
            reverse("registrations:register", kwargs={"edition": edition}),
            _("s'inscrire"),
            _("(puis confirmer l'inscription). Déjà inscrit·e ? Connectez-vous ci-dessous."),
        ),
    )


# --------------------------------------------------------------------------- participant


@login_required
def booking_list(request, edition: str):
    """ "Mes réservations": the person's seats, offers and waiting places (with their rank)
    together, in programme order. Sessions are chosen on the programme itself."""
    edition = public_edition_or_404(edition)
    registration = registration_for(request.user, edition)
    mine = live_bookings(registration) if registration else {}
    sessions = list(bookable_sessions(edition).filter(pk__in=mine).order_by(*PROGRAMME_ORDER))
    prepare_sessions(sessions, request.user, edition)
    window, window_message = booking_window(edition)
    return render(
        request,
        "registrations/booking/list.html",
        {
            "edition": edition,
            "registration": registration,
            "confirmed": registration is not None
            and registration.status == Registration.Status.CONFIRMED,
            "mine": sessions,
            "seats": sum(1 for s in sessions if s.my_booking.status != Booking.Status.WAITING),
            "waiting": sum(1 for s in sessions if s.my_booking.status == Booking.Status.WAITING),
            "window": window,
            "window_message": window_message,
            "next": request.get_full_path(),
        },
    )


def _participant_action(request, edition_slug: str, pk: int):
    """(edition, session, registration or None), in as few queries as a rush needs: the
    registration brings its edition; the session is not fetched here when the person is
    registered: the service loads and locks it (a session of another edition, or none, ends in
    a 404 through `_run`). A draft edition is a 404, as everywhere on the public side."""
    registration = (
        Registration.objects.select_related("edition")
        .filter(
            edition__slug=edition_slug,
            edition__status__in=PUBLIC_EDITION_STATUSES,
            user=request.user,
        )
        .first()
    )
    edition = registration.edition if registration else public_edition_or_404(edition_slug)
    if registration is None:
        session = get_object_or_404(Session, edition=edition, pk=pk)
    else:
        session = Session(pk=pk, edition_id=edition.pk)
    return edition, session, registration


def _run(request, edition_slug: str, pk: int, action):
    """Run a participant's booking action and answer: redirect with a message, the swap
    page for an overlap, 404 for a session that is not of this edition."""
    edition, session, registration = _participant_action(request, edition_slug, pk)
    if registration is None:
        return _not_registered(request, edition)
    try:
        result = action(registration, session, actor=request.user)
    except Session.DoesNotExist:
        raise Http404 from None
    except BookingError as error:
        if error.code == "wrong_edition":
            raise Http404 from None
        if error.code == "overlap":
            session = get_object_or_404(Session, edition=edition, pk=pk)
            return _conflict(request, edition, session, error)
        messages.error(request, error.message)
        return redirect(_next_url(request, edition))
    _confirmation_message(request, result)
    return redirect(_next_url(request, edition))


def _not_registered(request, edition: Edition):
    messages.error(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Inscrivez-vous à l'édition (et confirmez votre inscription) pour réserver."),
            reverse("registrations:register", kwargs={"edition": edition.slug}),
            _("S'inscrire"),
        ),
    )
    return redirect(_next_url(request, edition))


def _conflict(request, edition: Edition, session: Session, error: BookingError):
    return render(
        request,
        "registrations/booking/conflict.html",
        {
            "edition": edition,
            "session": session,
            "other": error.other,
            "message": error.message,
            "next": _next_url(request, edition),
        },
        status=409,
    )


def _confirmation_message(request, result: BookingResult) -> None:
    booking = result.booking
    title = booking.session.title
    if booking.status == Booking.Status.CONFIRMED:
        text = _("Votre place est réservée pour « %(title)s ».")
    elif booking.status == Booking.Status.WAITING:
        text = _("Vous êtes en liste d'attente de « %(title)s ».")
    else:
        text = _("Une place vous est proposée dans « %(title)s ».")
    if not result.created:
        text = _("C'est déjà fait : ") + text
    messages.success(request, text % {"title": title})


@require_POST
@login_required_back_to(_back_to_page, explain=_register_first)
def book_view(request, edition: str, pk: int):
    return _run(request, edition, pk, book)


@require_POST
@login_required_back_to(_back_to_page, explain=_register_first)
def waitlist_join_view(request, edition: str, pk: int):
    return _run(request, edition, pk, join_waitlist)


@require_POST
@login_required_back_to(_back_to_page)
def swap_view(request, edition: str, pk: int):
    return _run(request, edition, pk, swap)


@require_POST
@login_required_back_to(_back_to_page)
def cancel_view(request, edition: str, pk: int):
    edition, session, registration = _participant_action(request, edition, pk)
    if registration is None:
        return _not_registered(request, edition)
    booking = (
        Booking.objects.filter(registration=registration, session=session, status__in=LIVE)
        .select_related("session")
        .first()
    )
    if booking is None:
        messages.info(request, _("Vous n'avez pas de réservation pour cette session."))
        return redirect(_next_url(request, edition))
    was_waiting = booking.status == Booking.Status.WAITING
    cancel(booking, actor=request.user)
    if was_waiting:
        messages.success(
            request,
            _("Vous avez quitté la liste d'attente de « %(title)s ».")
            % {"title": booking.session.title},
        )
    else:
        messages.success(
            request,
            _("Votre réservation pour « %(title)s » est annulée.")
            % {"title": booking.session.title},
        )
    return redirect(_next_url(request, edition))


@login_required
def offer_view(request, edition: str, booking: int):
    """A seat offered from the waiting list: accept or decline it before the deadline."""
    edition = public_edition_or_404(edition)
    offer = get_object_or_404(
        Booking.objects.select_related(
            "session__published_slot", "session__published_room", "registration"
        ),
        pk=booking,
        session__edition=edition,
        registration__user=request.user,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            try:
                accept_offer(offer, actor=request.user)
            except BookingError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Votre place est réservée pour « %(title)s ».")
                    % {"title": offer.session.title},
                )
                return redirect("registrations:booking_list", edition=edition.slug)
        elif action == "decline":
            if offer.status == Booking.Status.OFFERED:
                cancel(offer, actor=request.user)
                messages.success(request, _("Vous avez refusé la place : merci !"))
            return redirect("registrations:booking_list", edition=edition.slug)
        else:
            messages.error(request, _("Action inconnue."))
        return redirect(request.path)
    other = None
    if offer.status == Booking.Status.OFFERED:
        other = overlapping_booking(offer.registration, offer.session)
    return render(
        request,
        "registrations/booking/offer.html",
        {"edition": edition, "offer": offer, "session": offer.session, "other": other},
    )


# --------------------------------------------------------------------------- team


@edition_view("registrations.manage")
def orga_bookings(request):
    edition = request.edition
    rows = stats.session_rows(
        edition, scoped(Session, edition).filter(status=Session.Status.PUBLISHED)
    )
    return render(
        request,
        "registrations/booking/orga_list.html",
        {"edition": edition, "rows": rows, "summary": stats.sessions_summary(edition, rows)},
    )


@edition_view("registrations.manage")
def orga_booking_session(request, pk: int):
    edition = request.edition
    session = get_object_or_404(
        scoped(Session, edition).select_related("published_room", "published_slot"), pk=pk
    )
    capacity_form = CapacityForm(prefix="capacity", initial={"capacity": session.capacity_override})
    manual_form = ManualBookingForm(prefix="manual", edition=edition)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "capacity":
            capacity_form = CapacityForm(request.POST, prefix="capacity")
            if capacity_form.is_valid():
                promoted = change_capacity(
                    session, capacity_form.cleaned_data["capacity"], actor=request.user
                )
                messages.success(
                    request,
                    _("Jauge enregistrée. Personnes promues depuis la liste d'attente : %(n)s.")
                    % {"n": len(promoted)},
                )
                return redirect(request.path)
        elif action == "manual":
            manual_form = ManualBookingForm(request.POST, prefix="manual", edition=edition)
            if manual_form.is_valid():
                registration = manual_form.cleaned_data["person"]
                try:
                    result = book(
                        registration,
                        session,
                        actor=request.user,
                        manual=True,
                        waitlist=manual_form.cleaned_data["waitlist"],
                    )
                except BookingError as error:
                    manual_form.add_error("person", error.message)
                else:
                    _confirmation_message(request, result)
                    return redirect(request.path)
        elif action == "cancel":
            booking = Booking.objects.filter(
                session=session, pk=parse_id(request.POST.get("booking")) or 0
            ).first()
            if booking is None:
                messages.error(request, _("Réservation introuvable."))
            else:
                cancel(booking, actor=request.user)
                messages.success(
                    request, _("Réservation annulée : %(name)s.") % {"name": booking.registration}
                )
            return redirect(request.path)
        else:
            messages.error(request, _("Action inconnue."))
    bookings = (
        Booking.objects.filter(session=session, status__in=LIVE)
        .select_related("registration")
        .order_by("status", "created_at", "id")
    )
    row = stats.session_rows(edition, Session.objects.filter(pk=session.pk))
    return render(
        request,
        "registrations/booking/orga_session.html",
        {
            "edition": edition,
            "session": session,
            "figures": row[0] if row else None,
            "seats": [b for b in bookings if b.status != Booking.Status.WAITING],
            "waiting": [b for b in bookings if b.status == Booking.Status.WAITING],
            "capacity_form": capacity_form,
            "manual_form": manual_form,
        },
        status=400 if request.method == "POST" else 200,
    )
