"""Booking rules: who may book what, overlaps, swaps, dates, capacity, double submits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.programme.models import FormatType, Session
from nec.registrations import booking, booking_rules, selectors
from nec.registrations.models import Booking, Registration
from tests.factories import (
    make_bookable_session,
    make_edition,
    make_registration,
    make_slot,
    set_settings,
)

pytestmark = pytest.mark.django_db


def test_book_a_seat_and_cancel_it(edition):
    session = make_bookable_session(edition, capacity=2)
    person = make_registration(edition)
    result = booking.book(person, session, actor=person.user)
    assert result.created and result.booking.status == Booking.Status.CONFIRMED
    assert selectors.seats_left(session) == 1
    assert AuditEntry.objects.filter(action="registrations.booked").count() == 1
    booking.cancel(result.booking, actor=person.user)
    result.booking.refresh_from_db()
    assert result.booking.status == Booking.Status.CANCELLED
    assert selectors.seats_left(session) == 2
    # booking again after a cancellation works (the cancelled row stays for history)
    again = booking.book(person, session)
    assert again.created and again.booking.pk != result.booking.pk


def test_capacity_comes_from_the_room_when_no_override(edition):
    session = make_bookable_session(edition, capacity=None, room_capacity=1)
    booking.book(make_registration(edition), session)
    with pytest.raises(booking.BookingError) as error:
        booking.book(make_registration(edition), session)
    assert error.value.code == "full"
    assert "complète" in error.value.message


def test_full_session_refuses_a_seat_but_offers_its_waiting_list(edition):
    session = make_bookable_session(edition, "Fresque du numérique", capacity=1)
    booking.book(make_registration(edition), session)
    late = make_registration(edition)
    with pytest.raises(booking.BookingError) as error:
        booking.book(late, session)
    assert error.value.code == "full"
    assert "Fresque du numérique" in error.value.message
    waiting = booking.join_waitlist(late, session).booking
    assert waiting.status == Booking.Status.WAITING
    assert Booking.objects.filter(session=session, status="confirmed").count() == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Session.Status.CANCELLED, "cancelled"),
        (Session.Status.SCHEDULED, "not_bookable"),
        (Session.Status.PROPOSED, "not_bookable"),
    ],
)
def test_only_published_sessions_can_be_booked(edition, status, code):
    session = make_bookable_session(edition, status=status)
    with pytest.raises(booking.BookingError) as error:
        booking.book(make_registration(edition), session)
    assert error.value.code == code
    assert not Booking.objects.exists()


def test_private_institutional_time_is_never_booked_online(edition):
    private = FormatType.objects.create(
        edition=edition, name="Temps privé institutionnel", slug="temps-prive", public=False
    )
    session = make_bookable_session(edition, "Comité des partenaires", capacity=30)
    session.format_type = private
    session.save()
    person = make_registration(edition)
    with pytest.raises(booking.BookingError) as error:
        booking.book(person, session, actor=person.user)
    assert error.value.code == "private"
    assert not Booking.objects.filter(session=session).exists()
    assert session not in selectors.bookable_sessions(edition)


def test_session_without_capacity_is_not_bookable(edition):
    session = make_bookable_session(edition, capacity=None)
    with pytest.raises(booking.BookingError) as error:
        booking.book(make_registration(edition), session)
    assert error.value.code == "no_capacity"


@pytest.mark.parametrize(
    "status",
    [Registration.Status.PENDING, Registration.Status.WAITING, Registration.Status.CANCELLED],
)
def test_registration_must_be_confirmed(edition, status):
    session = make_bookable_session(edition)
    with pytest.raises(booking.BookingError) as error:
        booking.book(make_registration(edition, status=status), session)
    assert error.value.code == "not_registered"
    assert not Booking.objects.exists()


def test_session_of_another_edition_is_refused(edition):
    other = make_edition("nec-autre")
    session = make_bookable_session(other)
    with pytest.raises(booking.BookingError) as error:
        booking.book(make_registration(edition), session)
    assert error.value.code == "wrong_edition"


def test_booking_window(edition):
    session = make_bookable_session(edition)
    person = make_registration(edition)
    now = timezone.now()
    set_settings(edition, booking_opens_at=now + timedelta(days=1))
    with pytest.raises(booking.BookingError) as error:
        booking.book(person, session)
    assert error.value.code == "not_yet"
    assert "ouvriront le" in error.value.message
    set_settings(edition, booking_opens_at=now - timedelta(days=2), booking_closes_at=now)
    with pytest.raises(booking.BookingError) as error:
        booking.book(person, session)
    assert error.value.code == "closed"
    assert "closes depuis" in error.value.message
    # the team may still book someone by hand once bookings are closed
    assert booking.book(person, session, manual=True).booking.status == "confirmed"
    set_settings(edition, booking_closes_at=now + timedelta(hours=1))
    other = make_bookable_session(edition, "Autre", slot=make_slot(edition, hour=14))
    assert booking.book(person, other).created


def test_overlapping_booking_names_the_other_session_and_swap_moves_the_seat(edition):
    morning = make_slot(edition, hour=10, minutes=90)
    overlapping = make_slot(edition, hour=11, minutes=60)  # 11:00 starts before 11:30
    first = make_bookable_session(edition, "Inclusion numérique et territoires", slot=morning)
    second = make_bookable_session(edition, "Communs numériques", slot=overlapping, capacity=1)
    person = make_registration(edition)
    kept = booking.book(person, first).booking
    with pytest.raises(booking.BookingError) as error:
        booking.book(person, second)
    assert error.value.code == "overlap"
    assert "Inclusion numérique et territoires" in error.value.message
    assert error.value.other == kept
    result = booking.swap(person, second, actor=person.user)
    kept.refresh_from_db()
    assert kept.status == Booking.Status.CANCELLED
    assert result.booking.session == second and result.booking.status == "confirmed"


def test_adjacent_slots_do_not_overlap(edition):
    first = make_bookable_session(edition, "A", slot=make_slot(edition, hour=10, minutes=60))
    second = make_bookable_session(edition, "B", slot=make_slot(edition, hour=11, minutes=60))
    person = make_registration(edition)
    booking.book(person, first)
    assert booking.book(person, second).created


def test_swap_into_a_full_session_changes_nothing(edition):
    slot = make_slot(edition)
    mine = make_bookable_session(edition, "Mine", slot=slot)
    full = make_bookable_session(edition, "Full", slot=make_slot(edition, hour=10), capacity=1)
    booking.book(make_registration(edition), full)
    person = make_registration(edition)
    kept = booking.book(person, mine).booking
    with pytest.raises(booking.BookingError) as error:
        booking.swap(person, full)
    assert error.value.code == "full"
    kept.refresh_from_db()
    assert kept.status == Booking.Status.CONFIRMED  # rolled back: the seat is still mine


def test_waiting_elsewhere_does_not_block_a_seat_in_the_same_slot(edition):
    full = make_bookable_session(edition, "Full", capacity=1)
    other = make_bookable_session(edition, "Other", slot=make_slot(edition, hour=10))
    booking.book(make_registration(edition), full)
    person = make_registration(edition)
    booking.join_waitlist(person, full)
    assert booking.book(person, other).booking.status == "confirmed"


def test_double_submit_returns_the_same_booking(edition):
    session = make_bookable_session(edition, capacity=5)
    person = make_registration(edition)
    first = booking.book(person, session)
    second = booking.book(person, session)
    assert first.created and not second.created
    assert second.booking.pk == first.booking.pk
    assert Booking.objects.filter(session=session).count() == 1


def test_double_submit_without_lock_hits_the_constraint_and_returns_the_booking(
    edition, monkeypatch
):
    """Without the row locks, two requests may both see no booking yet: the partial unique
    constraint catches the second insert, which returns the first booking (no error)."""
    session = make_bookable_session(edition, capacity=5)
    person = make_registration(edition)
    first = booking.book(person, session).booking
    monkeypatch.setattr(booking_rules, "USE_ROW_LOCK", False)
    real_counts = booking._counts

    def counts_as_a_concurrent_request_saw_them(*args):
        held, stale, _mine = real_counts(*args)
        return held - 1, stale, 0

    monkeypatch.setattr(booking, "_counts", counts_as_a_concurrent_request_saw_them)
    result = booking.book(person, session)
    assert not result.created and result.booking.pk == first.pk
    assert Booking.objects.filter(session=session).count() == 1


def test_seats_left_many_is_one_query(edition, django_assert_num_queries):
    sessions = [make_bookable_session(edition, f"S{i}", capacity=3) for i in range(5)]
    booking.book(make_registration(edition), sessions[0])
    no_capacity = make_bookable_session(edition, "Libre", capacity=None)
    with django_assert_num_queries(1):
        left = selectors.seats_left_many(sessions + [no_capacity])
    assert left[sessions[0].pk] == 2
    assert left[sessions[1].pk] == 3
    assert left[no_capacity.pk] is None


def test_manual_booking_respects_capacity_unless_waitlist(edition):
    session = make_bookable_session(edition, capacity=1)
    booking.book(make_registration(edition), session, manual=True)
    person = make_registration(edition)
    with pytest.raises(booking.BookingError):
        booking.book(person, session, manual=True)
    assert booking.book(person, session, manual=True, waitlist=True).booking.status == "waiting"


def test_confirmation_mail_has_an_ics_attachment(
    edition, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_bookable_session(edition, "Data et territoires")
    person = make_registration(edition)
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(person, session)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert "Data et territoires" in mail.subject
    assert mail.to == [person.email]
    name, content, mimetype = mail.attachments[0]
    assert name == "session.ics" and mimetype == "text/calendar"
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text and "Data et territoires" in text
    assert mail.alternatives and "text/html" in mail.alternatives[0][1]


def test_cancellation_mail(edition, mailoutbox, django_capture_on_commit_callbacks):
    session = make_bookable_session(edition, "Sobriété")
    person = make_registration(edition)
    seat = booking.book(person, session).booking
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(seat)
    assert [m.subject for m in mailoutbox] == ["Réservation annulée : Sobriété"]


def test_reminder_the_day_before_is_sent_once(edition, mailoutbox):
    from nec.registrations import tasks

    tomorrow = edition.start_date
    session = make_bookable_session(
        edition, "Plénière d'ouverture", slot=make_slot(edition, hour=9)
    )
    later = make_bookable_session(edition, "Hors créneau", slot=make_slot(edition, hour=9, day=1))
    person = make_registration(edition)
    booking.book(person, session)
    booking.book(person, later)
    assert tasks.send_reminders.call(tomorrow.isoformat()) == 1
    assert tasks.send_reminders.call(tomorrow.isoformat()) == 0
    assert len(mailoutbox) == 1
    assert "Plénière d'ouverture" in mailoutbox[0].body
    assert "Hors créneau" not in mailoutbox[0].body


def test_registration_cancellation_frees_seats(edition):
    """The registration services free seats through booking.cancel."""
    from nec.registrations import services

    session = make_bookable_session(edition, capacity=1)
    person = make_registration(edition)
    booking.book(person, session)
    waiting = booking.join_waitlist(make_registration(edition), session).booking
    set_settings(edition, waitlist_mode="direct")
    services.cancel_registration(person, actor=person.user)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_mail_task_is_queued_in_the_booking_transaction(edition, settings):
    """With the database queue, the e-mail task row commits (or rolls back) with the booking."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    slot = make_slot(edition)
    mine = make_bookable_session(edition, "Mine", slot=slot)
    full = make_bookable_session(edition, "Full", slot=make_slot(edition, hour=10), capacity=1)
    booking.book(make_registration(edition), full)
    assert DBTaskResult.objects.count() == 1
    person = make_registration(edition)
    booking.book(person, mine)
    assert DBTaskResult.objects.count() == 2
    with pytest.raises(booking.BookingError):
        booking.swap(person, full)  # cancels then fails: everything rolled back
    assert DBTaskResult.objects.count() == 2
