"""Views of session booking: the participant's booking page and actions, waiting-list offers,
and the team's per-session booking pages. Every change goes through `nec.registrations.booking`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nec.editions.models import Edition
from nec.editions.scoping import edition_view, scoped
from nec.programme.models import Session
from nec.registrations import booking as services
from nec.registrations import stats
from nec.registrations.models import Booking, Registration


def _edition(slug: str) -> Edition:
    return get_object_or_404(Edition, slug=slug)


def _next_url(request, edition: Edition) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("registrations:booking_list", kwargs={"edition": edition.slug})


def prepare_sessions(sessions, user, edition: Edition | None = None) -> None:
    """Set `seats_left`, `my_booking` and `waiting_rank` on each session, for the `_seats.html`
    include (two queries for the whole list)."""
    sessions = list(sessions)
    if not sessions:
        return
    left = services.seats_left_many(sessions)
    edition = edition or sessions[0].edition
    registration = services.registration_for(user, edition)
    mine = services.live_bookings(registration) if registration else {}
    ranks = waiting_ranks([b for b in mine.values() if b.status == Booking.Status.WAITING])
    for session in sessions:
        session.seats_left = left.get(session.pk)
        session.my_booking = mine.get(session.pk)
        session.waiting_rank = ranks.get(session.my_booking.pk) if session.my_booking else None


def waiting_ranks(bookings: list[Booking]) -> dict[int, int]:
    """{booking pk: place in its session's waiting line (1 = first)}, in ONE query, so a
    programme page with several waiting places of the visitor costs no extra query each."""
    if not bookings:
        return {}
    ahead = (
        Booking.objects.filter(session_id=OuterRef("session_id"), status=Booking.Status.WAITING)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id"))
        )
        .order_by()
        .values("session_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = Booking.objects.filter(pk__in=[b.pk for b in bookings]).annotate(
        ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0)
    )
    return {pk: n + 1 for pk, n in rows.values_list("pk", "ahead")}


# --------------------------------------------------------------------------- participant


def booking_list(request, edition: str):
    """The participant's booking page: every bookable session, by slot, with seats left."""
    edition = _edition(edition)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = services.registration_for(request.user, edition)
    sessions = list(services.bookable_sessions(edition).order_by("slot__start", "room__position"))
    prepare_sessions(sessions, request.user, edition)
    slots: list[tuple] = []
    for session in sessions:
        if slots and slots[-1][0] == session.slot:
            slots[-1][1].append(session)
        else:
            slots.append((session.slot, [session]))
    window, window_message = services.booking_window(edition)
    return render(
        request,
        "registrations/booking/list.html",
        {
            "edition": edition,
            "registration": registration,
            "confirmed": registration is not None
            and registration.status == Registration.Status.CONFIRMED,
            "slots": slots,
            "mine": [s for s in sessions if s.my_booking],
            "window": window,
            "window_message": window_message,
            "next": request.get_full_path(),
        },
    )


def _sign_in_first(request, edition_slug: str):
    """Anonymous visitors pressing a booking button sign in, then come back to the page."""
    return redirect_to_login(_next_url(request, _edition(edition_slug)))


def _participant_action(request, edition_slug: str, pk: int):
    """(edition, session, registration or None), in as few queries as a rush needs: the
    registration brings its edition; the session is not fetched here when the person is
    registered: the service loads and locks it (a session of another edition, or none, ends in
    a 404 through `_run`)."""
    registration = (
        Registration.objects.select_related("edition")
        .filter(edition__slug=edition_slug, user=request.user)
        .first()
    )
    edition = registration.edition if registration else _edition(edition_slug)
    if registration is None:
        session = get_object_or_404(Session, edition=edition, pk=pk)
    else:
        session = Session(pk=pk, edition_id=edition.pk)
    return edition, session, registration


def _run(request, edition_slug: str, pk: int, action):
    """Run a participant's booking action and answer: redirect with a message, the swap
    page for an overlap, 404 for a session that is not of this edition."""
    if not request.user.is_authenticated:
        return _sign_in_first(request, edition_slug)
    edition, session, registration = _participant_action(request, edition_slug, pk)
    if registration is None:
        return _not_registered(request, edition)
    try:
        result = action(registration, session, actor=request.user)
    except Session.DoesNotExist:
        raise Http404 from None
    except services.BookingError as error:
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
        _("Inscrivez-vous à l'édition (et confirmez votre inscription) pour réserver une session."),
    )
    return redirect(_next_url(request, edition))


def _conflict(request, edition: Edition, session: Session, error: services.BookingError):
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


def _confirmation_message(request, result: services.BookingResult) -> None:
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
def book_view(request, edition: str, pk: int):
    return _run(request, edition, pk, services.book)


@require_POST
def waitlist_join_view(request, edition: str, pk: int):
    return _run(request, edition, pk, services.join_waitlist)


@require_POST
def swap_view(request, edition: str, pk: int):
    return _run(request, edition, pk, services.swap)


@require_POST
def cancel_view(request, edition: str, pk: int):
    if not request.user.is_authenticated:
        return _sign_in_first(request, edition)
    edition, session, registration = _participant_action(request, edition, pk)
    if registration is None:
        return _not_registered(request, edition)
    booking = (
        Booking.objects.filter(registration=registration, session=session, status__in=services.LIVE)
        .select_related("session")
        .first()
    )
    if booking is None:
        messages.info(request, _("Vous n'avez pas de réservation pour cette session."))
        return redirect(_next_url(request, edition))
    was_waiting = booking.status == Booking.Status.WAITING
    services.cancel(booking, actor=request.user)
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


def offer_view(request, edition: str, booking: int):
    """A seat offered from the waiting list: accept or decline it before the deadline."""
    edition = _edition(edition)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    offer = get_object_or_404(
        Booking.objects.select_related("session__slot", "session__room", "registration"),
        pk=booking,
        session__edition=edition,
        registration__user=request.user,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            try:
                services.accept_offer(offer, actor=request.user)
            except services.BookingError as error:
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
                services.cancel(offer, actor=request.user)
                messages.success(request, _("Vous avez refusé la place : merci !"))
            return redirect("registrations:booking_list", edition=edition.slug)
        else:
            messages.error(request, _("Action inconnue."))
        return redirect(request.path)
    other = None
    if offer.status == Booking.Status.OFFERED:
        other = services._overlapping_booking(offer.registration, offer.session)
    return render(
        request,
        "registrations/booking/offer.html",
        {"edition": edition, "offer": offer, "session": offer.session, "other": other},
    )


# --------------------------------------------------------------------------- team


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=gettext_lazy("Jauge de la session"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=gettext_lazy("Laisser vide pour reprendre la jauge de la salle."),
    )


class ManualBookingForm(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Personne inscrite"),
        max_length=254,
        help_text=gettext_lazy("Adresse e-mail ou code du billet de la personne."),
    )
    waitlist = forms.BooleanField(
        label=gettext_lazy("Si la session est complète, l'inscrire en liste d'attente"),
        required=False,
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_person(self) -> Registration:
        value = self.cleaned_data["person"].strip()
        found = (
            Registration.objects.filter(edition=self.edition)
            .filter(Q(email__iexact=value) | Q(code__iexact=value))
            .first()
        )
        if found is None:
            raise forms.ValidationError(
                _("Aucune inscription à cette édition ne correspond à « %(value)s ».")
                % {"value": value}
            )
        return found


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
    session = get_object_or_404(scoped(Session, edition).select_related("room", "slot"), pk=pk)
    capacity_form = CapacityForm(prefix="capacity", initial={"capacity": session.capacity_override})
    manual_form = ManualBookingForm(prefix="manual", edition=edition)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "capacity":
            capacity_form = CapacityForm(request.POST, prefix="capacity")
            if capacity_form.is_valid():
                promoted = services.change_capacity(
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
                    result = services.book(
                        registration,
                        session,
                        actor=request.user,
                        manual=True,
                        waitlist=manual_form.cleaned_data["waitlist"],
                    )
                except services.BookingError as error:
                    manual_form.add_error("person", error.message)
                else:
                    _confirmation_message(request, result)
                    return redirect(request.path)
        elif action == "cancel":
            booking = Booking.objects.filter(
                session=session, pk=request.POST.get("booking") or 0
            ).first()
            if booking is None:
                messages.error(request, _("Réservation introuvable."))
            else:
                services.cancel(booking, actor=request.user)
                messages.success(
                    request, _("Réservation annulée : %(name)s.") % {"name": booking.registration}
                )
            return redirect(request.path)
        else:
            messages.error(request, _("Action inconnue."))
    bookings = (
        Booking.objects.filter(session=session, status__in=services.LIVE)
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
