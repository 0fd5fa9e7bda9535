"""Hardening review, finding 14: moving a session in the grid to a room with fewer seats than
its bookings shows the conflict « Plus de réservations que de places » and saves nothing until
confirmed; once confirmed and published, the extra bookings (pending offers first, then the last
booked) go back to the waiting list, each person e-mailed, each change audited, never leaving
more seats taken than the new room has."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.programme import timetable
from nec.programme.models import Session
from nec.programme.services.schedule import (
    MoveNeedsConfirmation,
    place_session,
    publish_schedule,
)
from nec.programme.services.sessions import add_session_speaker
from nec.programme.services.setup import update_room
from nec.registrations import booking
from nec.registrations.models import Booking
from nec.registrations.selectors import SEAT_HOLDING, waiting_ranks
from tests.factories import make_grid, make_registration, make_session, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def rooms(edition):
    (big, small, other), (slot, later) = make_grid(edition, rooms=3, slots=2)
    update_room(big, actor=None, name="Grand amphi", capacity=5)
    update_room(small, actor=None, name="Petite salle", capacity=3)
    return {"big": big, "small": small, "other": other, "slot": slot, "later": later}


@pytest.fixture
def full(edition, rooms):
    """« Masterclass données » published in the 5-seat room, booked by five people in turn,
    a sixth waiting."""
    session = make_session(edition, "Masterclass données")
    place_session(session, rooms["slot"], rooms["big"], actor=None)
    publish_schedule(edition, actor=None)
    people = [make_registration(edition, f"Personne{n}") for n in range(1, 7)]
    for person in people[:5]:
        assert booking.book(person, session).booking.status == "confirmed"
    assert booking.join_waitlist(people[5], session).booking.status == "waiting"
    return session, people


def place_url(edition):
    return reverse("programme:orga_place", args=[edition.slug])


def move_data(session, rooms, **extra):
    return {"session": session.pk, "slot": rooms["slot"].pk, "room": rooms["small"].pk, **extra}


def status_of(session, people) -> list[str]:
    by_person = {
        b.registration_id: b.status
        for b in Booking.objects.filter(session=session).exclude(status="cancelled")
    }
    return [by_person.get(p.pk) for p in people]


def test_a_move_to_a_smaller_room_asks_for_confirmation_and_saves_nothing(
    client, edition, rooms, full, organiser
):
    session, _people = full
    client.force_login(organiser)
    response = client.post(place_url(edition), move_data(session, rooms))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Plus de réservations que de places" in html
    assert "a 5 places réservées mais n&#x27;en aurait que 3 dans la nouvelle salle" in html
    assert "les 2 dernières réservations repasseront en liste d&#x27;attente" in html
    assert 'name="confirm" value="1"' in html and "Confirmer le déplacement" in html
    assert reverse("programme:orga_grid", args=[edition.slug]) in html  # "ne pas déplacer"
    session.refresh_from_db()
    assert session.room == rooms["big"]
    assert not AuditEntry.objects.filter(action="programme.session_moved").exists()
    # a move the service is asked for directly is refused the same way
    with pytest.raises(MoveNeedsConfirmation) as refused:
        place_session(session, rooms["slot"], rooms["small"], actor=organiser)
    assert refused.value.conflict.code == timetable.MORE_BOOKINGS_THAN_SEATS
    # a room big enough needs no confirmation
    response = client.post(place_url(edition), move_data(session, rooms, room=rooms["other"].pk))
    assert response.status_code == 302


def test_confirmed_and_published_the_last_booked_go_back_to_the_waiting_list(
    client, edition, rooms, full, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    session, people = full
    client.force_login(organiser)
    response = client.post(place_url(edition), move_data(session, rooms, confirm="1"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.room, session.published_room) == (rooms["small"], rooms["big"])
    assert AuditEntry.objects.filter(action="programme.session_moved").count() == 1
    # until it is published nobody loses a seat; the grid shows the conflict
    assert status_of(session, people) == ["confirmed"] * 5 + ["waiting"]
    grid = client.get(reverse("programme:orga_grid", args=[edition.slug])).content.decode()
    assert "Plus de réservations que de places" in grid
    publish_page = client.get(reverse("programme:orga_publish", args=[edition.slug]))
    assert "2 dernières réservations" in publish_page.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programme:orga_publish", args=[edition.slug]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.published_room == rooms["small"]
    # the two last booked (Personne5, then Personne4) are back in line, ahead of Personne6
    assert status_of(session, people) == ["confirmed"] * 3 + ["waiting"] * 3
    seats = Booking.objects.filter(session=session, status__in=SEAT_HOLDING).count()
    assert seats == 3 == session.capacity
    waiting = list(Booking.objects.filter(session=session, status="waiting"))
    ranks = {b.registration.first_name: rank for b, rank in _ranks(waiting)}
    assert ranks == {"Personne4": 1, "Personne5": 2, "Personne6": 3}
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {people[3].email, people[4].email}
    mail = mails[people[3].email]
    assert "repasse en liste d'attente" in mail.subject and "Masterclass données" in mail.subject
    assert "(Petite salle, 3 places)" in mail.body
    assert "position 1" in mail.body and "Bonjour Personne4" in mail.body
    audit = AuditEntry.objects.filter(action="registrations.booking_sent_back")
    assert audit.count() == 2
    assert AuditEntry.objects.filter(
        action="programme.schedule_published", details__bookings_sent_back=2
    ).exists()
    follow = client.get(reverse("programme:orga_publish", args=[edition.slug]))
    assert follow.status_code == 200


def _ranks(bookings):
    ranks = waiting_ranks(bookings)
    return [(b, ranks[b.pk]) for b in bookings]


def test_pending_offers_go_back_before_confirmed_seats(
    edition, rooms, full, django_capture_on_commit_callbacks
):
    session, people = full
    booking.cancel(Booking.objects.get(session=session, registration=people[0]))
    offered = Booking.objects.get(session=session, registration=people[5])
    assert offered.status == "offered"  # the freed seat is offered to the sixth person
    place_session(session, rooms["slot"], rooms["small"], actor=None, confirm_overflow=True)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish_schedule(edition, actor=None)
    assert version.bookings_sent_back == 2
    # the offer, then the last confirmed booking (Personne5)
    assert status_of(session, people) == [None, "confirmed", "confirmed", "confirmed"] + [
        "waiting",
        "waiting",
    ]
    offered.refresh_from_db()
    assert offered.offered_until is None


def test_a_refused_publication_sends_nobody_back(
    edition, rooms, full, mailoutbox, django_capture_on_commit_callbacks
):
    session, people = full
    place_session(session, rooms["slot"], rooms["small"], actor=None, confirm_overflow=True)
    panel = make_session(edition, "Panel", [make_speaker(edition, "Paul", "homme")])
    add_session_speaker(panel, make_speaker(edition, "Pierre", "homme"), actor=None)
    place_session(panel, rooms["later"], rooms["other"], actor=None)
    mailoutbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="charte"),
    ):
        publish_schedule(edition, actor=None)
    assert status_of(session, people) == ["confirmed"] * 5 + ["waiting"]
    assert Session.objects.get(pk=session.pk).published_room == rooms["big"]
    assert not mailoutbox
    assert not AuditEntry.objects.filter(action="registrations.booking_sent_back").exists()


def test_moving_back_before_publication_or_to_the_same_room_sends_nobody_back(edition, rooms, full):
    session, people = full
    place_session(session, rooms["slot"], rooms["small"], actor=None, confirm_overflow=True)
    place_session(session, rooms["later"], rooms["big"], actor=None)  # no confirmation needed
    assert not timetable.edition_conflicts(edition)
    version = publish_schedule(edition, actor=None)
    assert version.bookings_sent_back == 0
    assert status_of(session, people) == ["confirmed"] * 5 + ["waiting"]


@pytest.mark.parametrize(
    "data",
    [
        {"session": "abc", "slot": "1", "room": "1", "confirm": "1"},
        {"session": "999999", "slot": "", "room": "", "confirm": "1"},
        {"confirm": "oui"},
    ],
)
def test_bad_input_to_the_move_form_is_a_form_error(client, edition, organiser, data):
    client.force_login(organiser)
    response = client.post(place_url(edition), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_a_session_of_another_edition_cannot_be_moved_here(
    client, edition, other_edition, rooms, organiser
):
    foreign = make_session(other_edition, "Ailleurs")
    client.force_login(organiser)
    response = client.post(
        place_url(edition),
        {
            "session": foreign.pk,
            "slot": rooms["slot"].pk,
            "room": rooms["small"].pk,
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    assert Session.objects.get(pk=foreign.pk).room is None
