"""The rules every change of a seat follows: the row locks (and their order), and the checks that
refuse a booking with a `BookingError`.

Every function that changes a seat runs in ONE transaction that first takes a row lock on the
session (`SELECT ... FOR UPDATE`), then counts the seats held (confirmed bookings and pending
offers) and compares them with the capacity. Two people can therefore never take the last seat
together. The person's registration row is locked too, so that a double-submitted form or two
tabs cannot give them two seats in the same time slot.

Lock order, to avoid deadlocks: the registration first, then sessions by increasing primary key.

`USE_ROW_LOCK` exists only so that the concurrency test can show the race without the lock; it is
never read from settings and must stay True.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from nec.editions.models import Edition
from nec.programme.models import Session
from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import booking_window

#: Take the row locks. Only the concurrency test switches it off, to show the race.
USE_ROW_LOCK: bool = True


class BookingError(Exception):
    """A booking that cannot be done, with a French message for the person.

    `code` is one of: not_registered, not_bookable, cancelled, no_capacity, not_open, closed,
    full, overlap, not_waiting, not_offered, expired, wrong_edition, invalid.
    `other` is the booking that overlaps (for the swap offer), when code == "overlap"."""

    def __init__(self, message: str, *, code: str, other: Booking | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.other = other


# --------------------------------------------------------------------------- locks


def lock_session(session_id: int) -> Session:
    """The session, its row locked (with its published room and slot, edition and settings
    loaded: seats follow the published room)."""
    qs = Session.objects.select_related(
        "published_room", "published_slot", "edition__registration_settings"
    )
    if USE_ROW_LOCK:
        # "of=('self',)" keeps the lock on the session row only (not its room, slot...).
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=session_id)


def lock_registration(registration_id: int) -> Registration:
    """The registration, its row locked: the person's seat changes queue one after the other."""
    qs = Registration.objects.all()
    if USE_ROW_LOCK:
        qs = qs.select_for_update()
    return qs.get(pk=registration_id)


# --------------------------------------------------------------------------- checks


def check_registration(registration: Registration, session: Session) -> None:
    if registration.edition_id != session.edition_id:
        raise BookingError(
            _("Cette session n'appartient pas à l'édition de votre inscription."),
            code="wrong_edition",
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise BookingError(
            _("Votre inscription doit être confirmée pour réserver une session."),
            code="not_registered",
        )


def check_session(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise BookingError(_("Cette session a été annulée."), code="cancelled")
    # a published time is needed (the overlap checks read it); the seats need a published room
    # or the session's own capacity (below)
    if session.status != Session.Status.PUBLISHED or session.published_slot_id is None:
        raise BookingError(
            _("Cette session n'est pas ouverte à la réservation."), code="not_bookable"
        )
    if session.format_type_id and not session.format_type.public:
        raise BookingError(_("Ce temps est privé : il ne se réserve pas en ligne."), code="private")
    if session.capacity is None:
        raise BookingError(
            _("Cette session est en accès libre : elle ne se réserve pas."), code="no_capacity"
        )


def check_window(edition: Edition, now: datetime) -> None:
    state, message = booking_window(edition, now)
    if state != "open":
        raise BookingError(message, code=state)


def overlap_error(other: Booking) -> BookingError:
    text = _(
        "Vous avez déjà une place dans « %(title)s » sur le même créneau. "
        "Vous pouvez échanger : libérer cette place et réserver celle-ci."
    )
    return BookingError(text % {"title": other.session.title}, code="overlap", other=other)
