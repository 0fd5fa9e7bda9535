"""Read queries of session booking: bookable sessions, seats left, waiting lines, a person's
bookings, the booking window, and the annotations the booking buttons of a page need.

Bookings follow the PUBLISHED programme: the sessions, times (overlaps) and seats (the published
room's capacity, or the session's own) are those of the last publication
(`Session.published_slot`, `published_room`), never the grid's draft.

Nothing here changes data (except that reading an edition's settings creates them on first use,
see `edition_settings`); every change goes through the booking services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.editions.models import Edition
from nec.programme.models import Session, TimeSlot
from nec.programme.selectors import public_sessions
from nec.registrations.edition_settings import get_settings
from nec.registrations.models import Booking, Registration

#: Statuses that hold a seat: a confirmed booking, or a pending offer from the waiting list.
SEAT_HOLDING = (Booking.Status.CONFIRMED, Booking.Status.OFFERED)
#: Statuses of a live booking: a seat, an offer, or a waiting place.
LIVE = (Booking.Status.CONFIRMED, Booking.Status.WAITING, Booking.Status.OFFERED)


#: the order of booking lists: the published programme's
PROGRAMME_ORDER = ("published_slot__start", "published_room__position", "title")


def bookable_sessions(edition: Edition) -> QuerySet[Session]:
    """The publicly visible sessions of the edition (`nec.programme.selectors.public_sessions`:
    private times are never booked online) that have a capacity (their own, or their published
    room's), with their published slot and room."""
    return (
        public_sessions(edition)
        .filter(Q(capacity_override__isnull=False) | Q(published_room__isnull=False))
        .select_related("published_room", "published_slot", "format_type", "edition")
    )


def seats_left_many(sessions: Iterable[Session | int]) -> dict[int, int | None]:
    """{session pk: seats left (>= 0), or None when the session has no capacity}, in ONE query
    (seats of the published room)."""
    return {pk: left for pk, (_capacity, left) in seats_many(sessions).items()}


def seats_many(sessions: Iterable[Session | int]) -> dict[int, tuple[int | None, int | None]]:
    """{session pk: (capacity, seats left)}, both None when the session has no capacity, in ONE
    query: what "12 places restantes sur 80" needs, always fresh."""
    ids = [s if isinstance(s, int) else s.pk for s in sessions]
    if not ids:
        return {}
    rows = (
        Session.objects.filter(pk__in=ids)
        .annotate(
            held=Count("bookings", filter=Q(bookings__status__in=SEAT_HOLDING)),
        )
        .values_list("pk", "capacity_override", "published_room__capacity", "held")
    )
    result: dict[int, tuple[int | None, int | None]] = {}
    for pk, override, room_capacity, held in rows:
        capacity = override if override is not None else room_capacity
        result[pk] = (capacity, None if capacity is None else max(capacity - held, 0))
    return result


def seats_left(session: Session) -> int | None:
    """Seats still free in `session` (None when it has no capacity)."""
    return seats_left_many([session.pk]).get(session.pk)


def seats_held(session: Session) -> int:
    """Seats taken in `session`: confirmed bookings and pending offers."""
    return Booking.objects.filter(session=session, status__in=SEAT_HOLDING).count()


def seats_held_many(session_ids: Iterable[int]) -> dict[int, int]:
    """{session pk: seats taken} for the sessions that have some, in one query."""
    rows = (
        Booking.objects.filter(session_id__in=list(session_ids), status__in=SEAT_HOLDING)
        .order_by()
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    return dict(rows)


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


def registration_for(user: User | AnonymousUser | None, edition: Edition) -> Registration | None:
    """The signed-in person's registration to the edition (any status), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(edition=edition, user=user).first()


def registrations_of(user: User) -> QuerySet[Registration]:
    """The person's registrations, every edition and status: linked to the account or made with
    its e-mail address before the account existed."""
    return Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def live_bookings(registration: Registration) -> dict[int, Booking]:
    """{session pk: live booking} of a registration."""
    return {
        b.session_id: b
        for b in Booking.objects.filter(registration=registration, status__in=LIVE).select_related(
            "session", "session__published_slot"
        )
    }


def booking_window(edition: Edition, now: datetime | None = None) -> tuple[str, str]:
    """("open" | "not_yet" | "closed", French message) for the edition's booking dates."""
    now = now or timezone.now()
    conf = get_settings(edition)
    if conf.booking_opens_at and now < conf.booking_opens_at:
        when = date_format(timezone.localtime(conf.booking_opens_at), "DATETIME_FORMAT")
        return "not_yet", _("Les réservations ouvriront le %(date)s.") % {"date": when}
    if conf.booking_closes_at and now >= conf.booking_closes_at:
        when = date_format(timezone.localtime(conf.booking_closes_at), "DATETIME_FORMAT")
        return "closed", _("Les réservations sont closes depuis le %(date)s.") % {"date": when}
    return "open", ""


def overlapping_booking(registration: Registration, session: Session) -> Booking | None:
    """The person's seat (or pending offer) in another session at the same PUBLISHED time, in
    one query (the session's published slot is read by subqueries: `session` may be a bare
    Session(pk=...)). Waiting places do not count: one may wait for a full session and keep a
    seat elsewhere."""
    target_slot = TimeSlot.objects.filter(published_sessions__pk=session.pk).order_by()
    found = (
        Booking.objects.filter(
            registration=registration,
            status__in=SEAT_HOLDING,
            session__published_slot__start__lt=Subquery(target_slot.values("end")[:1]),
            session__published_slot__end__gt=Subquery(target_slot.values("start")[:1]),
        )
        .exclude(session_id=session.pk)
        .order_by()
        .values_list("pk", flat=True)[:1]
    )
    found = list(found)  # the common case (no overlap) stays a small query
    if not found:
        return None
    return Booking.objects.select_related("session", "session__published_slot").get(pk=found[0])


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


def prepare_sessions(
    sessions: Iterable[Session],
    user: User | AnonymousUser | None,
    edition: Edition | None = None,
) -> None:
    """Set `seats_left`, `seat_capacity`, `my_booking`, `waiting_rank`, `visitor_registration` and
    `seat_in_slot` (the visitor's seat in another session of the same published slot: a swap)
    on each session, for the booking boxes (a few queries for the whole list, whatever its
    length)."""
    sessions = list(sessions)
    if not sessions:
        return
    seats = seats_many(sessions)
    edition = edition or sessions[0].edition
    registration = registration_for(user, edition)
    mine = live_bookings(registration) if registration else {}
    ranks = waiting_ranks([b for b in mine.values() if b.status == Booking.Status.WAITING])
    seats_held_by_me = [
        b for b in mine.values() if b.status in SEAT_HOLDING and b.session.published_slot_id
    ]
    times = _slot_times(sessions) if seats_held_by_me else {}
    for session in sessions:
        session.seat_capacity, session.seats_left = seats.get(session.pk, (None, None))
        session.my_booking = mine.get(session.pk)
        session.visitor_registration = registration
        session.waiting_rank = ranks.get(session.my_booking.pk) if session.my_booking else None
        when = times.get(getattr(session, "published_slot_id", None))
        session.seat_in_slot = None
        if when is not None:  # a seat of mine at an overlapping time: offer a swap
            session.seat_in_slot = next(
                (
                    b
                    for b in seats_held_by_me
                    if b.session_id != session.pk
                    and b.session.published_slot.start < when[1]
                    and b.session.published_slot.end > when[0]
                ),
                None,
            )


def _slot_times(sessions: list[Session]) -> dict[int, tuple[datetime, datetime]]:
    """{published slot pk: (start, end)} of the sessions, in one query."""
    ids = {getattr(s, "published_slot_id", None) for s in sessions} - {None}
    return {
        pk: (start, end)
        for pk, start, end in TimeSlot.objects.filter(pk__in=ids).values_list("pk", "start", "end")
    }
