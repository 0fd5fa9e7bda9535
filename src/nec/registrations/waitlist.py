"""Passing seats on along a session's waiting list: offers with a deadline (or seats given at
once, in "direct" mode), the expiry of late offers, and the task that expires them on time.

Every function here runs with the session row already locked (see `booking_rules`), except
`expire_offers` which takes the locks itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from nec.accounts.models import User
from nec.core import audit
from nec.programme.models import Session
from nec.registrations.booking_mail import queue_booking_mail
from nec.registrations.booking_rules import lock_session
from nec.registrations.edition_settings import get_settings
from nec.registrations.models import Booking, RegistrationSettings
from nec.registrations.selectors import overlapping_booking, seats_held


def expire_stale_offers(session: Session, now: datetime) -> int:
    """Expire the session's offers whose deadline passed (session already locked)."""
    stale = list(
        Booking.objects.filter(
            session=session, status=Booking.Status.OFFERED, offered_until__lte=now
        )
    )
    for booking in stale:
        booking.status = Booking.Status.EXPIRED
        booking.save(update_fields=["status", "updated_at"])
        audit.record(None, "registrations.offer_expired", booking, edition=session.edition)
    return len(stale)


def promote(session: Session, now: datetime, *, actor: User | None = None) -> list[Booking]:
    """Give free seats to the first people in line (session already locked)."""
    capacity = session.capacity
    if capacity is None:
        return []
    free = capacity - seats_held(session)
    if free <= 0:
        return []
    conf = get_settings(session.edition)
    promoted = []
    queue = (
        Booking.objects.filter(session=session, status=Booking.Status.WAITING)
        .select_related("registration")
        .order_by("created_at", "id")[:free]
    )
    for booking in queue:
        direct = conf.waitlist_mode == RegistrationSettings.WaitlistMode.DIRECT
        if direct and overlapping_booking(booking.registration, session) is not None:
            # Never take a seat away silently: the person chooses by accepting the offer.
            direct = False
        if direct:
            booking.status = Booking.Status.CONFIRMED
            booking.offered_until = None
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            audit.record(actor, "registrations.waitlist_promoted", booking, mode="direct")
            queue_booking_mail("confirmed", booking.pk)
        else:
            booking.status = Booking.Status.OFFERED
            booking.offered_until = now + timedelta(hours=conf.offer_hours)
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            audit.record(actor, "registrations.waitlist_offered", booking, mode="offer")
            queue_booking_mail("offer", booking.pk)
            _schedule_expiry(booking)
        promoted.append(booking)
    return promoted


def refresh(session: Session, now: datetime, *, actor: User | None = None) -> None:
    """Expire stale offers and pass their seats on (session already locked)."""
    if expire_stale_offers(session, now):
        promote(session, now, actor=actor)


def expire_offers(*, now: datetime | None = None) -> int:
    """Expire every offer past its deadline and pass the seats on. Returns how many expired."""
    now = now or timezone.now()
    session_ids = set(
        Booking.objects.filter(status=Booking.Status.OFFERED, offered_until__lte=now).values_list(
            "session_id", flat=True
        )
    )
    expired = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = lock_session(session_id)
            count = expire_stale_offers(session, now)
            if count:
                promote(session, now)
            expired += count
    return expired


@task()
def expire_offer(booking_id: int) -> int:
    """Scheduled at an offer's deadline: expire it (if still pending) and pass the seat on."""
    return expire_offers()


def _schedule_expiry(booking: Booking) -> None:
    def enqueue():
        backend = expire_offer.get_backend()
        if getattr(backend, "supports_defer", False):
            expire_offer.using(run_after=booking.offered_until).enqueue(booking.pk)

    transaction.on_commit(enqueue)
