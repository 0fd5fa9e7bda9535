"""Builders of the timetabling tests: a small edition with wishes that make a bad grid costly."""

from nec.programme.services.schedule import place_session
from nec.timetabling.models import Wish
from tests.factories import make_grid, make_registration, make_session, make_speaker


def small_programme(edition, *, people: int = 6):
    """2 rooms (one of 10 seats, one of 2) × 3 slots, 4 sessions: "A" and "B" wanted by everyone
    and both placed in slot 1 by hand (every person misses one wish); "C" shares its speaker
    with "A"; "D" is not placed."""
    (big, small), slots = make_grid(edition, rooms=2, slots=3, capacity=10)
    small.capacity = 2
    small.save()
    speaker = make_speaker(edition, "Alex Martin")
    a = make_session(edition, "A — les communs", speakers=[speaker])
    b = make_session(edition, "B — l'inclusion")
    c = make_session(edition, "C — la médiation", speakers=[speaker])
    d = make_session(edition, "D — les territoires")
    place_session(a, slots[0], big, actor=None)
    place_session(b, slots[0], small, actor=None)
    registrations = [make_registration(edition) for _ in range(people)]
    Wish.objects.bulk_create(
        [Wish(registration=r, session=s) for r in registrations for s in (a, b)]
        + [Wish(registration=registrations[0], session=c)]
    )
    return {
        "rooms": (big, small),
        "slots": slots,
        "sessions": (a, b, c, d),
        "registrations": registrations,
    }
