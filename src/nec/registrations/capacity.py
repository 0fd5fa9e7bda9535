"""The team's changes to a session's capacity ("jauge"), which pass new seats on to the waiting
list. (Manual bookings by the team are `booking.book(..., manual=True)`.)"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.core import audit
from nec.programme.models import Session
from nec.registrations.booking_rules import BookingError, lock_session
from nec.registrations.models import Booking
from nec.registrations.waitlist import promote


def change_capacity(
    session: Session,
    capacity: int | None,
    *,
    actor: User | None = None,
    now: datetime | None = None,
) -> list[Booking]:
    """Set the session's own capacity (None: back to the room's). Raising it gives the new seats
    to the waiting list; lowering it below the seats taken keeps the people already booked.
    Returns the bookings promoted."""
    now = now or timezone.now()
    if capacity is not None and capacity < 0:
        raise BookingError(_("La jauge ne peut pas être négative."), code="invalid")
    with transaction.atomic():
        session = lock_session(session.pk)
        before = session.capacity
        session.capacity_override = capacity
        session.save(update_fields=["capacity_override", "updated_at"])
        audit.record(
            actor,
            "registrations.capacity_changed",
            session,
            edition=session.edition,
            before=before,
            after=session.capacity,
        )
        return promote(session, now, actor=actor)
