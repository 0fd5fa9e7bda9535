"""Demo session bookings on the national edition: an average fill rate near 80 %, about a dozen
full sessions with waiting lists, and no one in two places at once. Runs after the registrations
demo (which calls it); idempotent."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import PROGRAMME_ORDER, bookable_sessions

FULL_SESSIONS = 12
#: fill rate of the other sessions, drawn uniformly in this range (mean ~ 0.78)
FILL_RANGE = (0.6, 0.95)
WAITING_RANGE = (2, 15)


def load_demo(context) -> None:
    edition = context.national_edition()
    if edition is None:
        return
    sessions = [
        s
        for s in bookable_sessions(edition).order_by(*PROGRAMME_ORDER, "pk")
        if s.capacity and s.published_slot_id
    ]
    if not sessions:
        context.say("bookings: no bookable session, skipped")
        return
    if Booking.objects.filter(session__edition=edition).exists():
        context.say("bookings: demo bookings already there")
        return
    people = list(
        Registration.objects.filter(
            edition=edition, status=Registration.Status.CONFIRMED
        ).values_list("pk", flat=True)
    )
    if not people:
        return
    rng = context.rng
    ended = bool(edition.end_date and edition.end_date < timezone.localdate())
    now = timezone.now()

    # The most wanted sessions (smallest rooms are the likeliest to fill) end up full.
    by_demand = sorted(sessions, key=lambda s: (s.capacity, rng.random()))
    full = {s.pk for s in by_demand[: min(FULL_SESSIONS, len(sessions))]}
    #: person -> list of (start, end) of their seats
    busy: dict[int, list[tuple]] = {}
    seats: list[Booking] = []
    waiting: list[Booking] = []
    for session in sessions:
        start, end = session.published_slot.start, session.published_slot.end
        fill = 1.0 if session.pk in full else rng.uniform(*FILL_RANGE)
        wanted = min(session.capacity, round(session.capacity * fill))
        pool = people[:]
        rng.shuffle(pool)
        taken = []
        for person in pool:
            if len(taken) >= wanted:
                break
            if any(s < end and start < e for s, e in busy.get(person, ())):
                continue
            taken.append(person)
            busy.setdefault(person, []).append((start, end))
        for person in taken:
            attended = now if ended and rng.random() < 0.85 else None
            seats.append(
                Booking(
                    session=session,
                    registration_id=person,
                    status=Booking.Status.CONFIRMED,
                    attended_at=attended,
                )
            )
        if session.pk in full and len(taken) == session.capacity:
            chosen = set(taken)
            candidates = [p for p in pool if p not in chosen]
            for person in candidates[: rng.randint(*WAITING_RANGE)]:
                waiting.append(
                    Booking(session=session, registration_id=person, status=Booking.Status.WAITING)
                )
    with transaction.atomic():
        Booking.objects.bulk_create(seats, batch_size=2000)
        Booking.objects.bulk_create(waiting, batch_size=2000)
    context.say(
        f"bookings: {len(seats)} seats in {len(sessions)} sessions, "
        f"{len(waiting)} people on waiting lists"
    )
