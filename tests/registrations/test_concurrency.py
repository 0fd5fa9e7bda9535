"""Correct under load: many people booking the last seats of one session at the same moment.

Runs on PostgreSQL only (SQLite serialises every writer, so it cannot show the race). Each thread
has its own database connection, closed at the end of the thread."""

import pytest

from nec.registrations import booking, booking_rules, selectors
from nec.registrations.models import Booking
from tests.concurrency import run_together, skip_unless_postgres
from tests.factories import make_bookable_session, make_edition, make_registration

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 20
SEATS_LEFT = 5
CAPACITY = 30


def _rush(session, people) -> dict:
    """Everyone in `people` books `session` at the same moment; how it went."""
    outcome = {"confirmed": 0, "full": 0, "errors": []}
    for result in run_together([lambda p=p: booking.book(p, session) for p in people]):
        if isinstance(result, booking.BookingError):
            if result.code == "full":
                outcome["full"] += 1
            else:
                outcome["errors"].append(result.code)
        elif isinstance(result, Exception):
            outcome["errors"].append(repr(result))
        elif result.booking.status == Booking.Status.CONFIRMED:
            outcome["confirmed"] += 1
    return outcome


def _setup():
    edition = make_edition("nec-rush")
    session = make_bookable_session(edition, "Dernières places", capacity=CAPACITY)
    for _ in range(CAPACITY - SEATS_LEFT):
        booking.book(make_registration(edition), session)
    people = [make_registration(edition) for _ in range(THREADS)]
    return session, people


def test_row_lock_prevents_overbooking():
    skip_unless_postgres()
    assert booking_rules.USE_ROW_LOCK is True
    session, people = _setup()
    outcome = _rush(session, people)
    assert outcome["errors"] == []
    assert outcome["confirmed"] == SEATS_LEFT
    assert outcome["full"] == THREADS - SEATS_LEFT
    assert Booking.objects.filter(session=session, status="confirmed").count() == CAPACITY
    assert selectors.seats_left(session) == 0


def test_without_the_lock_the_race_overbooks(monkeypatch):
    """The control experiment: the same rush without the row lock overbooks the session."""
    skip_unless_postgres()
    monkeypatch.setattr(booking_rules, "USE_ROW_LOCK", False)
    monkeypatch.setattr(booking, "_race_window_seconds", 0.3)
    session, people = _setup()
    outcome = _rush(session, people)
    assert outcome["errors"] == []
    confirmed = Booking.objects.filter(session=session, status="confirmed").count()
    overbooked = confirmed - CAPACITY
    assert overbooked > 0, "the race did not happen: the test would not detect a missing lock"


def test_double_submit_at_the_same_moment_gives_one_booking():
    """The same person posting the same form twice at once gets one seat, no error."""
    skip_unless_postgres()
    edition = make_edition("nec-double")
    session = make_bookable_session(edition, capacity=10)
    person = make_registration(edition)
    outcome = _rush(session, [person] * 4)
    assert outcome["errors"] == []
    assert Booking.objects.filter(session=session, registration=person).count() == 1


def test_double_submit_without_lock_is_caught_by_the_constraint(monkeypatch):
    skip_unless_postgres()
    monkeypatch.setattr(booking_rules, "USE_ROW_LOCK", False)
    monkeypatch.setattr(booking, "_race_window_seconds", 0.2)
    edition = make_edition("nec-double-nolock")
    session = make_bookable_session(edition, capacity=10)
    person = make_registration(edition)
    outcome = _rush(session, [person] * 4)
    assert outcome["errors"] == []
    assert Booking.objects.filter(session=session, registration=person).count() == 1
