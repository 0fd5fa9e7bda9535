"""Correct under load: many people booking the last seats of one session at the same moment.

Runs on PostgreSQL only (SQLite serialises every writer, so it cannot show the race). Each thread
has its own database connection, closed at the end of the thread."""

import threading

import pytest
from django.db import connection

from nec.registrations import booking
from nec.registrations.models import Booking

from .booking_helpers import make_edition, make_registration, make_session

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 20
SEATS_LEFT = 5
CAPACITY = 30


def _skip_unless_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks and real concurrent writers")


def _rush(session, people) -> dict:
    barrier = threading.Barrier(len(people))
    outcome = {"confirmed": 0, "full": 0, "errors": []}
    lock = threading.Lock()

    def worker(person):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            result = booking.book(person, session)
            with lock:
                if result.booking.status == Booking.Status.CONFIRMED:
                    outcome["confirmed"] += 1
        except booking.BookingError as error:
            with lock:
                if error.code == "full":
                    outcome["full"] += 1
                else:
                    outcome["errors"].append(error.code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                outcome["errors"].append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def _setup():
    edition = make_edition("nec-rush")
    session = make_session(edition, "Dernières places", capacity=CAPACITY)
    for _ in range(CAPACITY - SEATS_LEFT):
        booking.book(make_registration(edition), session)
    people = [make_registration(edition) for _ in range(THREADS)]
    return session, people


def test_row_lock_prevents_overbooking():
    _skip_unless_postgres()
    assert booking.USE_ROW_LOCK is True
    session, people = _setup()
    outcome = _rush(session, people)
    assert outcome["errors"] == []
    assert outcome["confirmed"] == SEATS_LEFT
    assert outcome["full"] == THREADS - SEATS_LEFT
    assert Booking.objects.filter(session=session, status="confirmed").count() == CAPACITY
    assert booking.seats_left(session) == 0


def test_without_the_lock_the_race_overbooks(monkeypatch):
    """The control experiment: the same rush without the row lock overbooks the session."""
    _skip_unless_postgres()
    monkeypatch.setattr(booking, "USE_ROW_LOCK", False)
    monkeypatch.setattr(booking, "_race_window_seconds", 0.3)
    session, people = _setup()
    outcome = _rush(session, people)
    assert outcome["errors"] == []
    confirmed = Booking.objects.filter(session=session, status="confirmed").count()
    overbooked = confirmed - CAPACITY
    assert overbooked > 0, "the race did not happen: the test would not detect a missing lock"


def test_double_submit_at_the_same_moment_gives_one_booking():
    """The same person posting the same form twice at once gets one seat, no error."""
    _skip_unless_postgres()
    edition = make_edition("nec-double")
    session = make_session(edition, capacity=10)
    person = make_registration(edition)
    outcome = _rush(session, [person] * 4)
    assert outcome["errors"] == []
    assert Booking.objects.filter(session=session, registration=person).count() == 1


def test_double_submit_without_lock_is_caught_by_the_constraint(monkeypatch):
    _skip_unless_postgres()
    monkeypatch.setattr(booking, "USE_ROW_LOCK", False)
    monkeypatch.setattr(booking, "_race_window_seconds", 0.2)
    edition = make_edition("nec-double-nolock")
    session = make_session(edition, capacity=10)
    person = make_registration(edition)
    outcome = _rush(session, [person] * 4)
    assert outcome["errors"] == []
    assert Booking.objects.filter(session=session, registration=person).count() == 1
