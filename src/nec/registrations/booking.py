"""Session booking: seats, waiting lists, offers, swaps, manual bookings and capacity changes.

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

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.models import Session, TimeSlot
from nec.registrations.models import Booking, Registration, RegistrationSettings

#: Take the row locks. Only the concurrency test switches it off, to show the race.
USE_ROW_LOCK: bool = True
#: Seconds slept between counting the seats and inserting the booking. Only the concurrency test
#: sets it (to make the race without lock deterministic); 0 everywhere else.
_race_window_seconds: float = 0.0

SEAT_HOLDING = (Booking.Status.CONFIRMED, Booking.Status.OFFERED)
LIVE = (Booking.Status.CONFIRMED, Booking.Status.WAITING, Booking.Status.OFFERED)


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


@dataclass
class BookingResult:
    booking: Booking
    #: False when the person already had this booking (double submit): nothing changed.
    created: bool


# --------------------------------------------------------------------------- reading


def settings_for(edition: Edition) -> RegistrationSettings:
    """The edition's settings (created with defaults if missing); uses the row already loaded
    by `select_related("edition__registration_settings")` when there is one."""
    try:
        return edition.registration_settings
    except RegistrationSettings.DoesNotExist:
        pass
    found = RegistrationSettings.objects.filter(edition=edition).first()
    if found is None:
        found, _created = RegistrationSettings.objects.get_or_create(edition=edition)
    return found


def bookable_sessions(edition: Edition) -> QuerySet[Session]:
    """Published public sessions of the edition that have a capacity (their own, or their
    room's); private times (format type not public) are never booked online."""
    return (
        Session.objects.filter(edition=edition, status=Session.Status.PUBLISHED)
        .filter(Q(capacity_override__isnull=False) | Q(room__isnull=False))
        .exclude(format_type__public=False)
        .select_related("room", "slot", "format_type", "edition")
    )


def seats_left_many(sessions: Iterable[Session | int]) -> dict[int, int | None]:
    """{session pk: seats left (>= 0), or None when the session has no capacity}, in ONE query."""
    ids = [s if isinstance(s, int) else s.pk for s in sessions]
    if not ids:
        return {}
    rows = (
        Session.objects.filter(pk__in=ids)
        .annotate(
            held=Count("bookings", filter=Q(bookings__status__in=SEAT_HOLDING)),
        )
        .values_list("pk", "capacity_override", "room__capacity", "held")
    )
    result: dict[int, int | None] = {}
    for pk, override, room_capacity, held in rows:
        capacity = override if override is not None else room_capacity
        result[pk] = None if capacity is None else max(capacity - held, 0)
    return result


def seats_left(session: Session) -> int | None:
    """Seats still free in `session` (None when it has no capacity)."""
    return seats_left_many([session.pk]).get(session.pk)


def waiting_counts(sessions: Iterable[Session | int]) -> dict[int, int]:
    """{session pk: number of people waiting}, in one query."""
    ids = [s if isinstance(s, int) else s.pk for s in sessions]
    rows = (
        Booking.objects.filter(session_id__in=ids, status=Booking.Status.WAITING)
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    counts = dict.fromkeys(ids, 0)
    counts.update(dict(rows))
    return counts


def registration_for(user, edition: Edition) -> Registration | None:
    """The signed-in person's registration to the edition (any status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(edition=edition, user=user).first()


def live_bookings(registration: Registration) -> dict[int, Booking]:
    """{session pk: live booking} of a registration."""
    return {
        b.session_id: b
        for b in Booking.objects.filter(registration=registration, status__in=LIVE).select_related(
            "session", "session__slot"
        )
    }


def booking_window(edition: Edition, now: datetime | None = None) -> tuple[str, str]:
    """("open" | "not_yet" | "closed", French message) for the edition's booking dates."""
    now = now or timezone.now()
    conf = settings_for(edition)
    if conf.booking_opens_at and now < conf.booking_opens_at:
        when = date_format(timezone.localtime(conf.booking_opens_at), "DATETIME_FORMAT")
        return "not_yet", _("Les réservations ouvriront le %(date)s.") % {"date": when}
    if conf.booking_closes_at and now >= conf.booking_closes_at:
        when = date_format(timezone.localtime(conf.booking_closes_at), "DATETIME_FORMAT")
        return "closed", _("Les réservations sont closes depuis le %(date)s.") % {"date": when}
    return "open", ""


# --------------------------------------------------------------------------- helpers


def _lock_session(session_id: int) -> Session:
    qs = Session.objects.select_related("room", "slot", "edition__registration_settings")
    if USE_ROW_LOCK:
        # "of=('self',)" keeps the lock on the session row only (not its room, slot...).
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=session_id)


def _lock_registration(registration_id: int) -> Registration:
    qs = Registration.objects.all()
    if USE_ROW_LOCK:
        qs = qs.select_for_update()
    return qs.get(pk=registration_id)


def _held(session: Session) -> int:
    return Booking.objects.filter(session=session, status__in=SEAT_HOLDING).count()


def _counts(session: Session, registration: Registration, now: datetime) -> tuple[int, int, int]:
    """(seats held, offers past their deadline, the person's live bookings here), one query."""
    result = Booking.objects.filter(session=session).aggregate(
        held=Count("id", filter=Q(status__in=SEAT_HOLDING)),
        stale=Count("id", filter=Q(status=Booking.Status.OFFERED, offered_until__lte=now)),
        mine=Count("id", filter=Q(registration=registration, status__in=LIVE)),
    )
    return result["held"], result["stale"], result["mine"]


def _check_registration(registration: Registration, session: Session) -> None:
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


def _check_session(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise BookingError(_("Cette session a été annulée."), code="cancelled")
    if session.status != Session.Status.PUBLISHED:
        raise BookingError(
            _("Cette session n'est pas ouverte à la réservation."), code="not_bookable"
        )
    if session.format_type_id and not session.format_type.public:
        raise BookingError(_("Ce temps est privé : il ne se réserve pas en ligne."), code="private")
    if session.capacity is None:
        raise BookingError(
            _("Cette session est en accès libre : elle ne se réserve pas."), code="no_capacity"
        )


def _check_window(edition: Edition, now: datetime) -> None:
    state, message = booking_window(edition, now)
    if state != "open":
        raise BookingError(message, code=state)


def _overlapping_booking(registration: Registration, session: Session) -> Booking | None:
    """The person's seat (or pending offer) in another session at the same time, in one query
    (the session's slot is read by subqueries: `session` may be a bare Session(pk=...)).
    Waiting places do not count: one may wait for a full session and keep a seat elsewhere."""
    target_slot = TimeSlot.objects.filter(sessions__pk=session.pk).order_by()
    found = (
        Booking.objects.filter(
            registration=registration,
            status__in=SEAT_HOLDING,
            session__slot__start__lt=Subquery(target_slot.values("end")[:1]),
            session__slot__end__gt=Subquery(target_slot.values("start")[:1]),
        )
        .exclude(session_id=session.pk)
        .order_by()
        .values_list("pk", flat=True)[:1]
    )
    found = list(found)  # the common case (no overlap) stays a small query
    if not found:
        return None
    return Booking.objects.select_related("session", "session__slot").get(pk=found[0])


def _overlap_error(other: Booking) -> BookingError:
    text = _(
        "Vous avez déjà une place dans « %(title)s » sur le même créneau. "
        "Vous pouvez échanger : libérer cette place et réserver celle-ci."
    )
    return BookingError(text % {"title": other.session.title}, code="overlap", other=other)


def _existing_live(registration: Registration, session: Session) -> Booking | None:
    return Booking.objects.filter(
        registration=registration, session=session, status__in=LIVE
    ).first()


def _insert(registration: Registration, session: Session, status: str, **fields) -> BookingResult:
    """Insert a live booking; a concurrent duplicate (double submit) returns the existing one.

    Under the registration's row lock (and after book() found no live booking) a duplicate
    cannot happen, so the savepoint is only paid for when the locks are off."""
    if USE_ROW_LOCK:
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


def _after_commit(kind: str, booking_id: int) -> None:
    """Queue the e-mail. With the database queue, the task row is written in the booking's own
    transaction (one commit, and no mail for a rolled-back booking); a queue that runs tasks at
    once (tests) or elsewhere gets it only after the commit."""
    from django_tasks_db import DatabaseBackend

    from nec.registrations import tasks

    if isinstance(tasks.send_booking_mail.get_backend(), DatabaseBackend):
        tasks.send_booking_mail.enqueue(booking_id, kind)
    else:
        transaction.on_commit(lambda: tasks.send_booking_mail.enqueue(booking_id, kind))


def _schedule_expiry(booking: Booking) -> None:
    from nec.registrations import tasks

    def enqueue():
        backend = tasks.expire_offer.get_backend()
        if getattr(backend, "supports_defer", False):
            tasks.expire_offer.using(run_after=booking.offered_until).enqueue(booking.pk)

    transaction.on_commit(enqueue)


def _expire_stale_offers(session: Session, now: datetime) -> int:
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


def _promote(session: Session, now: datetime, actor=None) -> list[Booking]:
    """Give free seats to the first people in line (session already locked)."""
    capacity = session.capacity
    if capacity is None:
        return []
    free = capacity - _held(session)
    if free <= 0:
        return []
    conf = settings_for(session.edition)
    promoted = []
    queue = (
        Booking.objects.filter(session=session, status=Booking.Status.WAITING)
        .select_related("registration")
        .order_by("created_at", "id")[:free]
    )
    for booking in queue:
        direct = conf.waitlist_mode == RegistrationSettings.WaitlistMode.DIRECT
        if direct and _overlapping_booking(booking.registration, session) is not None:
            # Never take a seat away silently: the person chooses by accepting the offer.
            direct = False
        if direct:
            booking.status = Booking.Status.CONFIRMED
            booking.offered_until = None
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            audit.record(actor, "registrations.waitlist_promoted", booking, mode="direct")
            _after_commit("confirmed", booking.pk)
        else:
            booking.status = Booking.Status.OFFERED
            booking.offered_until = now + timedelta(hours=conf.offer_hours)
            booking.save(update_fields=["status", "offered_until", "updated_at"])
            audit.record(actor, "registrations.waitlist_offered", booking, mode="offer")
            _after_commit("offer", booking.pk)
            _schedule_expiry(booking)
        promoted.append(booking)
    return promoted


def _refresh(session: Session, now: datetime, actor=None) -> None:
    """Expire stale offers and pass their seats on (session already locked)."""
    if _expire_stale_offers(session, now):
        _promote(session, now, actor)


# --------------------------------------------------------------------------- changing


def book(
    registration: Registration,
    session: Session,
    *,
    actor=None,
    waitlist: bool = False,
    manual: bool = False,
    now: datetime | None = None,
) -> BookingResult:
    """Book a seat in `session` for `registration`.

    When the session is full: join its waiting list if `waitlist`, else raise BookingError
    ("full"). `manual` is a booking by the team: it ignores the booking dates (not the capacity).
    Submitting twice gives the same booking back (created=False)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        # Read before taking the session lock (held as briefly as possible): the person's own
        # bookings cannot change meanwhile, their registration row is locked.
        other = _overlapping_booking(registration, session)
        session = _lock_session(session.pk)
        _check_registration(registration, session)
        _check_session(session)
        if not manual:
            _check_window(session.edition, now)
        held, stale, mine = _counts(session, registration, now)
        if mine:
            existing = _existing_live(registration, session)
            if existing is not None:
                return BookingResult(existing, created=False)
        if stale:
            _refresh(session, now, actor)
            held = _held(session)
        if _race_window_seconds:
            time.sleep(_race_window_seconds)
        if held < session.capacity:
            if other is not None:
                raise _overlap_error(other)
            result = _insert(registration, session, Booking.Status.CONFIRMED)
            if result.created:
                audit.record(
                    actor,
                    "registrations.booking_manual" if manual else "registrations.booked",
                    result.booking,
                    edition=session.edition,
                )
                _after_commit("confirmed", result.booking.pk)
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
    registration: Registration, session: Session, *, actor=None, now: datetime | None = None
) -> BookingResult:
    """Join the waiting list of a full session (or simply book when a seat is free)."""
    return book(registration, session, actor=actor, waitlist=True, now=now)


def cancel(booking: Booking, *, actor=None, now: datetime | None = None) -> Booking:
    """Cancel a seat, an offer or a waiting place; a freed seat goes to the first in line."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _lock_session(booking.session_id)
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
            _after_commit("cancelled", booking.pk)
        if freed:
            _promote(session, now, actor)
    return booking


def leave_waitlist(booking: Booking, *, actor=None) -> Booking:
    if booking.status != Booking.Status.WAITING:
        raise BookingError(
            _("Vous n'êtes pas en liste d'attente de cette session."), code="not_waiting"
        )
    return cancel(booking, actor=actor)


def swap(
    registration: Registration,
    session: Session,
    *,
    actor=None,
    waitlist: bool = False,
    now: datetime | None = None,
) -> BookingResult:
    """Give up the overlapping booking and book `session`, atomically: if `session` cannot be
    booked (full without `waitlist`, closed...), nothing changes."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        target = Session.objects.select_related("slot").get(pk=session.pk)
        other = _overlapping_booking(registration, target)
        if other is None:
            return book(registration, target, actor=actor, waitlist=waitlist, now=now)
        for pk in sorted({other.session_id, target.pk}):  # lock order: by primary key
            _lock_session(pk)
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


def accept_offer(booking: Booking, *, actor=None, now: datetime | None = None) -> Booking:
    """Accept a seat offered from the waiting list, before its deadline. A seat the person holds
    in an overlapping session is given up in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():  # 1. a late answer: expire the offer, pass the seat on, commit
        session = _lock_session(booking.session_id)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status == Booking.Status.CONFIRMED:
            return booking  # accepted twice
        if booking.status == Booking.Status.OFFERED and booking.offered_until <= now:
            # The expiry must be kept (and the seat passed on) although we refuse: commit it.
            _refresh(session, now, actor)
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
        booking = Booking.objects.select_related("session__slot", "registration").get(pk=booking.pk)
        _lock_registration(booking.registration_id)
        other = _overlapping_booking(booking.registration, booking.session)
        session_ids = {booking.session_id} | ({other.session_id} if other else set())
        locked = {pk: _lock_session(pk) for pk in sorted(session_ids)}
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
        _after_commit("confirmed", booking.pk)
    return booking


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
            session = _lock_session(session_id)
            count = _expire_stale_offers(session, now)
            if count:
                _promote(session, now)
            expired += count
    return expired


def change_capacity(
    session: Session, capacity: int | None, *, actor=None, now: datetime | None = None
) -> list[Booking]:
    """Set the session's own capacity (None: back to the room's). Raising it gives the new seats
    to the waiting list; lowering it below the seats taken keeps the people already booked.
    Returns the bookings promoted."""
    now = now or timezone.now()
    if capacity is not None and capacity < 0:
        raise BookingError(_("La jauge ne peut pas être négative."), code="invalid")
    with transaction.atomic():
        session = _lock_session(session.pk)
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
        return _promote(session, now, actor)


#: Name the registration services look for when a registration is cancelled.
cancel_booking = cancel
