"""What a published room change does to bookings: when a publication of the schedule moves a
session to a room with fewer seats than it holds, the extra bookings go back to the waiting list.

Called by the programme through `nec.programme.capacity_hooks` (registered in `programme_hooks`)
inside the publication's transaction, so a refused publication changes no booking. Each session
row is locked (`booking_rules.lock_session`) before its seats are counted, as every booking
service does.

Which bookings go back: first the pending offers (nobody has taken those seats yet), then the
confirmed bookings, the LAST booked first. It is the waiting list's own rule (first come, first
served) applied backwards: the people who booked earliest keep their seats, and nobody can
reach a seat by booking late. The bookings keep their booking date, so they come back at the
head of the waiting line, before the people who joined it after they booked. Each person gets an
e-mail (`booking_mail`, kind "sent_back") and each change an audit entry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, IntegerField, Value, When

from nec.accounts.models import User
from nec.core import audit
from nec.editions.models import Edition
from nec.registrations.booking_mail import queue_booking_mail
from nec.registrations.booking_rules import lock_session
from nec.registrations.models import Booking
from nec.registrations.selectors import SEAT_HOLDING, seats_held_many


def send_back_extra_bookings(
    edition: Edition, session_ids: Iterable[int], *, actor: User | None
) -> int:
    """Put the bookings over the seats of each session's published room back on its waiting
    list (see the module's docstring for the order). Returns how many went back."""
    ids = sorted(session_ids)
    held = seats_held_many(ids)
    sent_back = 0
    for session_id in ids:  # lock order: by primary key
        if not held.get(session_id):
            continue
        session = lock_session(session_id)
        capacity = session.capacity
        if capacity is None:
            continue
        seats = Booking.objects.filter(session=session, status__in=SEAT_HOLDING)
        extra = seats.count() - capacity
        if extra <= 0:
            continue
        offers_first = Case(
            When(status=Booking.Status.OFFERED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        for booking in seats.order_by(offers_first, "-created_at", "-id")[:extra]:
            previous = booking.status
            booking.status = Booking.Status.WAITING
            booking.offered_until = None
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            audit.record(
                actor,
                "registrations.booking_sent_back",
                booking,
                edition=session.edition,
                previous=previous,
                room=session.published_room.name if session.published_room_id else "",
                capacity=capacity,
            )
            queue_booking_mail("sent_back", booking.pk)
            sent_back += 1
    return sent_back
