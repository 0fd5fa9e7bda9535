"""Waiting lists: order, offers with a deadline, direct mode, expiry, capacity raise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nec.accounts.models import LoginToken
from nec.registrations import booking, capacity, selectors, tasks, waitlist
from nec.registrations.models import Booking
from tests.factories import make_bookable_session, make_registration, make_slot, set_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(edition):
    session = make_bookable_session(edition, "Atelier complet", capacity=1)
    holder = make_registration(edition, "Alice")
    session.holder = booking.book(holder, session).booking
    return session


def test_freed_seat_is_offered_to_the_first_in_line_with_a_deadline(
    edition, full_session, mailoutbox, django_capture_on_commit_callbacks
):
    set_settings(edition, waitlist_mode="offer", offer_hours=24)
    first = booking.join_waitlist(make_registration(edition, "Bruno"), full_session).booking
    second = booking.join_waitlist(make_registration(edition, "Chloé"), full_session).booking
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(full_session.holder)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.OFFERED
    assert second.status == Booking.Status.WAITING
    assert before + timedelta(hours=23, minutes=59) < first.offered_until
    assert first.offered_until <= timezone.now() + timedelta(hours=24)
    # the offer holds the seat: nobody else can book it meanwhile
    assert selectors.seats_left(full_session) == 0
    offer_mail = [m for m in mailoutbox if "Une place se libère" in m.subject]
    assert len(offer_mail) == 1 and offer_mail[0].to == [first.registration.email]
    # a one-click sign-in link leading to the offer page
    assert "/compte/lien/" in offer_mail[0].body
    token = LoginToken.objects.get(user=first.registration.user)
    assert token.next_url == f"/editions/{edition.slug}/reservations/proposition/{first.pk}/"
    assert "jusqu'au" in offer_mail[0].body
    booking.accept_offer(first)
    first.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED and first.offered_until is None


def test_expired_offer_passes_to_the_next_person(edition, full_session):
    set_settings(edition, waitlist_mode="offer", offer_hours=2)
    first = booking.join_waitlist(make_registration(edition), full_session).booking
    second = booking.join_waitlist(make_registration(edition), full_session).booking
    booking.cancel(full_session.holder)
    later = timezone.now() + timedelta(hours=3)
    assert waitlist.expire_offers(now=later) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.EXPIRED
    assert second.status == Booking.Status.OFFERED
    with pytest.raises(booking.BookingError) as error:
        booking.accept_offer(first, now=later)
    assert error.value.code == "expired"
    assert "expiré" in error.value.message


def test_accepting_after_the_deadline_expires_it_even_without_the_worker(edition, full_session):
    set_settings(edition, waitlist_mode="offer", offer_hours=1)
    first = booking.join_waitlist(make_registration(edition), full_session).booking
    second = booking.join_waitlist(make_registration(edition), full_session).booking
    booking.cancel(full_session.holder)
    with pytest.raises(booking.BookingError):
        booking.accept_offer(first, now=timezone.now() + timedelta(hours=2))
    second.refresh_from_db()
    assert second.status == Booking.Status.OFFERED


def test_expiry_task_is_idempotent(edition, full_session):
    set_settings(edition, waitlist_mode="offer", offer_hours=1)
    booking.join_waitlist(make_registration(edition), full_session)
    booking.cancel(full_session.holder)
    Booking.objects.filter(status="offered").update(
        offered_until=timezone.now() - timedelta(minutes=1)
    )
    assert tasks.expire_offers_task.call() == 1
    assert tasks.expire_offers_task.call() == 0


def test_direct_mode_gives_the_seat_in_order(
    edition, full_session, mailoutbox, django_capture_on_commit_callbacks
):
    set_settings(edition, waitlist_mode="direct")
    first = booking.join_waitlist(make_registration(edition), full_session).booking
    second = booking.join_waitlist(make_registration(edition), full_session).booking
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(full_session.holder)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    assert second.status == Booking.Status.WAITING
    assert any(
        "Place réservée" in m.subject and m.to == [first.registration.email] for m in mailoutbox
    )


def test_direct_mode_offers_instead_when_the_person_holds_an_overlapping_seat(
    edition, full_session
):
    set_settings(edition, waitlist_mode="direct")
    person = make_registration(edition)
    elsewhere = make_bookable_session(edition, "Ailleurs", slot=make_slot(edition, hour=10))
    mine = booking.book(person, elsewhere).booking
    waiting = booking.join_waitlist(person, full_session).booking
    booking.cancel(full_session.holder)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED  # never take a seat away silently
    booking.accept_offer(waiting)
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and mine.status == "cancelled"


def test_leaving_the_waiting_list_keeps_the_order(edition, full_session):
    set_settings(edition, waitlist_mode="direct")
    first = booking.join_waitlist(make_registration(edition), full_session).booking
    second = booking.join_waitlist(make_registration(edition), full_session).booking
    booking.leave_waitlist(first)
    booking.cancel(full_session.holder)
    second.refresh_from_db()
    assert second.status == Booking.Status.CONFIRMED
    with pytest.raises(booking.BookingError):
        booking.leave_waitlist(second)


def test_declining_an_offer_passes_it_on(edition, full_session):
    first = booking.join_waitlist(make_registration(edition), full_session).booking
    second = booking.join_waitlist(make_registration(edition), full_session).booking
    booking.cancel(full_session.holder)
    first.refresh_from_db()
    booking.cancel(first)  # decline
    second.refresh_from_db()
    assert second.status == Booking.Status.OFFERED


def test_raising_capacity_promotes_waiting_people(edition, full_session):
    set_settings(edition, waitlist_mode="direct")
    people = [
        booking.join_waitlist(make_registration(edition), full_session).booking for _ in range(3)
    ]
    promoted = capacity.change_capacity(full_session, 3)
    assert [b.pk for b in promoted] == [people[0].pk, people[1].pk]
    for b in people:
        b.refresh_from_db()
    assert [b.status for b in people] == ["confirmed", "confirmed", "waiting"]
    # lowering keeps people already booked, and promotes nobody
    assert capacity.change_capacity(full_session, 1) == []
    assert Booking.objects.filter(session=full_session, status="confirmed").count() == 3
    assert selectors.seats_left(full_session) == 0


def test_negative_capacity_is_refused(edition, full_session):
    with pytest.raises(booking.BookingError):
        capacity.change_capacity(full_session, -1)


def test_accepting_twice_or_without_offer(edition, full_session):
    waiting = booking.join_waitlist(make_registration(edition), full_session).booking
    with pytest.raises(booking.BookingError) as error:
        booking.accept_offer(waiting)
    assert error.value.code == "not_offered"
    booking.cancel(full_session.holder)
    booking.accept_offer(waiting)
    assert booking.accept_offer(waiting).status == "confirmed"


def test_periodic_command_expires_offers_and_reminds(edition, full_session, mailoutbox):
    from django.core.management import call_command

    booking.join_waitlist(make_registration(edition), full_session)
    booking.cancel(full_session.holder)
    Booking.objects.filter(status="offered").update(
        offered_until=timezone.now() - timedelta(minutes=1)
    )
    call_command("booking_tasks", day=edition.start_date.isoformat())
    assert (
        not Booking.objects.filter(status="offered", session=full_session)
        .exclude(offered_until__gt=timezone.now())
        .exists()
    )
    assert Booking.objects.filter(status="expired").count() == 1


def test_waiting_ranks_of_a_visitor_in_one_query(edition, django_assert_num_queries):
    from nec.registrations.selectors import prepare_sessions

    sessions = [
        make_bookable_session(edition, f"Atelier {n}", capacity=1, slot=make_slot(edition, 9 + n))
        for n in range(3)
    ]
    for session in sessions:
        booking.book(make_registration(edition), session)
    first_waiting = make_registration(edition)
    booking.join_waitlist(first_waiting, sessions[0])
    me = make_registration(edition)
    for session in sessions:
        booking.join_waitlist(me, session)

    # seats left, my registration, my bookings, my ranks: the same count for 1 or 3 waits
    with django_assert_num_queries(4):
        prepare_sessions(sessions, me.user, edition)
    assert [s.waiting_rank for s in sessions] == [2, 1, 1]
    assert all(s.my_booking.status == Booking.Status.WAITING for s in sessions)
