"""A person's seats in sessions: book, join or leave a waiting list, cancel, swap for an
overlapping session, accept a seat offered from the waiting list.

Each change runs in one transaction under the row locks of `booking_rules` (registration first,
then sessions by primary key); a freed seat is passed on by `waitlist`; e-mails are queued by
`booking_mail` with the transaction."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.core import audit
from nec.programme.models import Session
from nec.registrations import booking_rules
from nec.registrations.booking_mail import queue_booking_mail
from nec.registrations.booking_rules import (
    BookingError,
    check_registration,
    check_session,
    check_window,
    lock_registration,
    lock_session,
    overlap_error,
)
from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import LIVE, SEAT_HOLDING, overlapping_booking, seats_held
from nec.registrations.waitlist import promote, refresh

#: Seconds slept between counting the seats and inserting the booking. Only the concurrency test
#: sets it (to make the race without lock deterministic); 0 everywhere else.
_race_window_seconds: float = 0.0


@dataclass
class BookingResult:
    booking: Booking
    #: False when the person already had this booking (double submit): nothing changed.
    created: bool


def _counts(session: Session, registration: Registration, now: datetime) -> tuple[int, int, int]:
    """(seats held, offers past their deadline, the person's live bookings here), one query."""
    result = Booking.objects.filter(session=session).aggregate(
        held=Count("id", filter=Q(status__in=SEAT_HOLDING)),
        stale=Count("id", filter=Q(status=Booking.Status.OFFERED, offered_until__lte=now)),
        mine=Count("id", filter=Q(registration=registration, status__in=LIVE)),
    )
    return result["held"], result["stale"], result["mine"]


def _existing_live(registration: Registration, session: Session) -> Booking | None:
    return Booking.objects.filter(
        registration=registration, session=session, status__in=LIVE
    ).first()


def _insert(registration: Registration, session: Session, status: str, **fields) -> BookingResult:
    """Insert a live booking; a concurrent duplicate (double submit) returns the existing one.

    Under the registration's row lock (and after book() found no live booking) a duplicate
    cannot happen, so the savepoint is only paid for when the locks are off."""
    if booking_rules.USE_ROW_LOCK:
        booking = Booking.objects.create(
            registration=registration, session=session, status=status, **fields
        )
        return BookingResult(booking, created=True)
    try:
        with transaction.atomic():  # savepoint: an IntegrityError leaves the outer one usable
            booking = Booking.objects.create(
                registration=registration, session=session, status=status, **fields
            )
    except IntegrityError:
        existing = _existing_live(registration, session)
        if existing is None:
            raise
        return BookingResult(existing, created=False)
    return BookingResult(booking, created=True)


def book(
    registration: Registration,
    session: Session,
    *,
    actor: User | None = None,
    waitlist: bool = False,
    manual: bool = False,
    notify: bool = True,
    now: datetime | None = None,
) -> BookingResult:
    """Book a seat in `session` for `registration`.

    When the session is full: join its waiting list if `waitlist`, else raise BookingError
    ("full"). `manual` is a booking by the team: it ignores the booking dates (not the capacity).
    Submitting twice gives the same booking back (created=False). `notify=False` leaves the
    confirmation e-mail to the caller (an allocation sends one e-mail with every seat)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = lock_registration(registration.pk)
        # Read before taking the session lock (held as briefly as possible): the person's own
        # bookings cannot change meanwhile, their registration row is locked.
        other = overlapping_booking(registration, session)
        session = lock_session(session.pk)
        check_registration(registration, session)
        check_session(session)
        if not manual:
            check_window(session.edition, now)
        held, stale, mine = _counts(session, registration, now)
        if mine:
            existing = _existing_live(registration, session)
            if existing is not None:
                return BookingResult(existing, created=False)
        if stale:
            refresh(session, now, actor=actor)
            held = seats_held(session)
        if _race_window_seconds:
            time.sleep(_race_window_seconds)
        if held < session.capacity:
            if other is not None:
                raise overlap_error(other)
            result = _insert(registration, session, Booking.Status.CONFIRMED)
            if result.created:
                audit.record(
                    actor,
                    "registrations.booking_manual" if manual else "registrations.booked",
                    result.booking,
                    edition=session.edition,
                )
                if notify:
                    queue_booking_mail("confirmed", result.booking.pk)
            return result
        if not waitlist:
            raise BookingError(
                _("La session « %(title)s » est complète.") % {"title": session.title},
                code="full",
            )
        result = _insert(registration, session, Booking.Status.WAITING)
        if result.created:
            audit.record(
                actor, "registrations.waitlist_joined", result.booking, edition=session.edition
            )
        return result


def join_waitlist(
    registration: Registration,
    session: Session,
    *,
    actor: User | None = None,
    now: datetime | None = None,
) -> BookingResult:
    """Join the waiting list of a full session (or simply book when a seat is free)."""
    return book(registration, session, actor=actor, waitlist=True, now=now)


def cancel(booking: Booking, *, actor: User | None = None, now: datetime | None = None) -> Booking:
    """Cancel a seat, an offer or a waiting place; a freed seat goes to the first in line."""
    now = now or timezone.now()
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status not in LIVE:
            return booking  # already cancelled or expired: nothing to do (double submit)
        freed = booking.status in SEAT_HOLDING
        was_waiting = booking.status == Booking.Status.WAITING
        booking.status = Booking.Status.CANCELLED
        booking.offered_until = None
        booking.save(update_fields=["status", "offered_until", "updated_at"])
        audit.record(
            actor,
            "registrations.waitlist_left" if was_waiting else "registrations.booking_cancelled",
            booking,
            edition=session.edition,
        )
        if not was_waiting:
            queue_booking_mail("cancelled", booking.pk)
        if freed:
            promote(session, now, actor=actor)
    return booking


def leave_waitlist(booking: Booking, *, actor: User | None = None) -> Booking:
    """Leave a session's waiting list (BookingError when the booking is not a waiting place)."""
    if booking.status != Booking.Status.WAITING:
        raise BookingError(
            _("Vous n'êtes pas en liste d'attente de cette session."), code="not_waiting"
        )
    return cancel(booking, actor=actor)


def swap(
    registration: Registration,
    session: Session,
    *,
    actor: User | None = None,
    waitlist: bool = False,
    now: datetime | None = None,
) -> BookingResult:
    """Give up the overlapping booking and book `session`, atomically: if `session` cannot be
    booked (full without `waitlist`, closed...), nothing changes."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = lock_registration(registration.pk)
        target = Session.objects.select_related("published_slot").get(pk=session.pk)
        other = overlapping_booking(registration, target)
        if other is None:
            return book(registration, target, actor=actor, waitlist=waitlist, now=now)
        for pk in sorted({other.session_id, target.pk}):  # lock order: by primary key
            lock_session(pk)
        cancel(other, actor=actor, now=now)
        result = book(registration, target, actor=actor, waitlist=waitlist, now=now)
        audit.record(
            actor,
            "registrations.booking_swapped",
            result.booking,
            edition=target.edition,
            replaced=other.session.title,
        )
        return result


def accept_offer(
    booking: Booking, *, actor: User | None = None, now: datetime | None = None
) -> Booking:
    """Accept a seat offered from the waiting list, before its deadline. A seat the person holds
    in an overlapping session is given up in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():  # 1. a late answer: expire the offer, pass the seat on, commit
        session = lock_session(booking.session_id)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status == Booking.Status.CONFIRMED:
            return booking  # accepted twice
        if booking.status == Booking.Status.OFFERED and booking.offered_until <= now:
            # The expiry must be kept (and the seat passed on) although we refuse: commit it.
            refresh(session, now, actor=actor)
            booking.refresh_from_db()
        if booking.status not in (Booking.Status.OFFERED, Booking.Status.CONFIRMED):
            refused = booking.status
        else:
            refused = None
    if refused == Booking.Status.EXPIRED:
        raise BookingError(
            _("Cette proposition a expiré : la place a été proposée à la personne suivante."),
            code="expired",
        )
    if refused is not None:
        raise BookingError(_("Aucune place ne vous est proposée ici."), code="not_offered")
    with transaction.atomic():  # 2. accept, giving up an overlapping seat (locks by pk order)
        booking = Booking.objects.select_related("session__published_slot", "registration").get(
            pk=booking.pk
        )
        lock_registration(booking.registration_id)
        other = overlapping_booking(booking.registration, booking.session)
        session_ids = {booking.session_id} | ({other.session_id} if other else set())
        locked = {pk: lock_session(pk) for pk in sorted(session_ids)}
        session = locked[booking.session_id]
        booking.refresh_from_db()
        if booking.status == Booking.Status.CONFIRMED:
            return booking
        if booking.status != Booking.Status.OFFERED or booking.offered_until <= now:
            raise BookingError(_("Cette proposition n'est plus valable."), code="not_offered")
        if other is not None:
            cancel(other, actor=actor, now=now)
        booking.status = Booking.Status.CONFIRMED
        booking.offered_until = None
        booking.save(update_fields=["status", "offered_until", "updated_at"])
        audit.record(
            actor,
            "registrations.offer_accepted",
            booking,
            edition=session.edition,
            replaced=other.session.title if other else "",
        )
        queue_booking_mail("confirmed", booking.pk)
    return booking
