"""Booking pages: the participant's page and actions, the offer page, the team's pages."""

from html import unescape

import pytest
from django.urls import reverse

from nec.editions.models import Edition, Membership
from nec.registrations import booking, selectors
from nec.registrations.models import Booking
from tests.factories import (
    make_bookable_session,
    make_edition,
    make_member,
    make_registration,
    make_slot,
    set_settings,
)

pytestmark = pytest.mark.django_db


def url(name, edition, *args):
    return reverse(f"registrations:{name}", args=[edition.slug, *args])


def test_booking_page_requires_sign_in(client, edition):
    response = client.get(url("booking_list", edition))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def programme_url(edition):
    return reverse("programme:programme", args=[edition.slug])


def test_book_from_the_programme_then_cancel(client, edition):
    """The programme is the one place to choose: seats in words, a button that comes back to
    the same session (#anchor); "Mes réservations" lists what was chosen."""
    session = make_bookable_session(edition, "Atelier médiation", capacity=3)
    person = make_registration(edition)
    client.force_login(person.user)
    page = client.get(programme_url(edition))
    assert page.status_code == 200
    assert "Atelier médiation" in page.text and "3 places restantes sur 3" in page.text
    assert f'id="session-{session.pk}"' in page.text
    next_url = f"{programme_url(edition)}#session-{session.pk}"
    response = client.post(url("book", edition, session.pk), {"next": next_url})
    assert response["Location"] == next_url
    after = client.get(programme_url(edition))
    assert "Votre place est réservée" in after.text
    assert "2 places restantes sur 3" in after.text and "Libérer ma place" in after.text
    mine = client.get(url("booking_list", edition))
    assert "Mes réservations" in mine.text and "Atelier médiation" in mine.text
    again = client.post(url("book", edition, session.pk), follow=True)  # double submit
    assert "déjà fait" in again.text
    assert Booking.objects.filter(session=session).count() == 1
    client.post(url("booking_cancel", edition, session.pk))
    assert not Booking.objects.filter(session=session, status__in=selectors.LIVE).exists()


def test_full_session_shows_complet_and_the_waitlist_button(client, edition):
    session = make_bookable_session(edition, capacity=1)
    booking.book(make_registration(edition), session)
    person = make_registration(edition)
    client.force_login(person.user)
    page = unescape(client.get(programme_url(edition)).text)
    assert "Complet — liste d'attente" in page and "Rejoindre la liste d'attente" in page
    refused = client.post(url("book", edition, session.pk), follow=True)
    assert "est complète" in refused.text
    joined = client.post(url("waitlist_join", edition, session.pk), follow=True)
    assert "Complet — liste d'attente (rang 1)" in unescape(joined.text)  # Mes réservations
    assert "Complet — liste d'attente (rang 1)" in unescape(client.get(programme_url(edition)).text)


def test_swap_offered_on_the_programme_when_the_slot_is_taken(client, edition):
    slot = make_slot(edition, hour=10)
    kept = make_bookable_session(edition, "Sobriété numérique", slot=slot)
    wanted = make_bookable_session(edition, "IA et services publics", slot=slot)
    person = make_registration(edition)
    booking.book(person, kept)
    client.force_login(person.user)
    page = client.get(programme_url(edition))
    assert url("booking_swap", edition, wanted.pk) in page.text
    assert "libère votre place dans « Sobriété numérique »" in unescape(page.text)


def test_anonymous_booking_is_told_to_register_with_the_link(client, edition):
    session = make_bookable_session(edition)
    next_url = f"{programme_url(edition)}#session-{session.pk}"
    response = client.post(url("book", edition, session.pk), {"next": next_url}, follow=True)
    assert "/compte/connexion/" in response.redirect_chain[-1][0]
    assert url("register", edition) in response.text and "inscrit·e" in response.text


def test_overlap_page_names_the_other_session_and_swaps_in_one_click(client, edition):
    first = make_bookable_session(edition, "Sobriété numérique", slot=make_slot(edition, hour=10))
    second = make_bookable_session(
        edition, "IA et services publics", slot=make_slot(edition, hour=10)
    )
    person = make_registration(edition)
    client.force_login(person.user)
    client.post(url("book", edition, first.pk))
    conflict = client.post(url("book", edition, second.pk))
    assert conflict.status_code == 409
    assert "Sobriété numérique" in conflict.text
    assert url("booking_swap", edition, second.pk) in conflict.text
    swapped = client.post(url("booking_swap", edition, second.pk), follow=True)
    assert "IA et services publics" in swapped.text
    statuses = dict(
        Booking.objects.filter(registration=person).values_list("session__title", "status")
    )
    assert statuses == {"Sobriété numérique": "cancelled", "IA et services publics": "confirmed"}


def test_unregistered_or_unconfirmed_person_gets_a_message(client, edition):
    from nec.accounts.models import User

    session = make_bookable_session(edition)
    stranger = User.objects.create_user("inconnu@example.fr")
    client.force_login(stranger)
    response = client.post(url("book", edition, session.pk), follow=True)
    assert "Inscrivez-vous" in response.text
    pending = make_registration(edition, status="pending")
    client.force_login(pending.user)
    response = client.post(url("book", edition, session.pk), follow=True)
    assert "doit être confirmée" in response.text
    assert not Booking.objects.exists()


def test_closed_bookings_say_so(client, edition):
    from datetime import timedelta

    from django.utils import timezone

    session = make_bookable_session(edition)
    set_settings(edition, booking_closes_at=timezone.now() - timedelta(hours=1))
    person = make_registration(edition)
    client.force_login(person.user)
    response = client.post(url("book", edition, session.pk), follow=True)
    assert "closes depuis" in response.text
    assert not Booking.objects.exists()


def test_session_of_another_edition_is_404(client, edition):
    other = make_edition("nec-autre")
    session = make_bookable_session(other)
    person = make_registration(edition)
    client.force_login(person.user)
    assert client.post(url("book", edition, session.pk)).status_code == 404


def test_get_on_an_action_is_refused(client, edition):
    session = make_bookable_session(edition)
    client.force_login(make_registration(edition).user)
    assert client.get(url("book", edition, session.pk)).status_code == 405


def test_next_url_must_be_local(client, edition):
    session = make_bookable_session(edition)
    client.force_login(make_registration(edition).user)
    response = client.post(url("book", edition, session.pk), {"next": "https://evil.example/"})
    assert response["Location"] == url("booking_list", edition)


def test_offer_page_accept_and_other_people_cannot_see_it(client, edition):
    session = make_bookable_session(edition, capacity=1)
    holder = make_registration(edition)
    seat = booking.book(holder, session).booking
    person = make_registration(edition)
    waiting = booking.join_waitlist(person, session).booking
    booking.cancel(seat)
    client.force_login(holder.user)
    assert client.get(url("offer", edition, waiting.pk)).status_code == 404
    client.force_login(person.user)
    page = client.get(url("offer", edition, waiting.pk))
    assert page.status_code == 200 and "Accepter la place" in page.text
    client.post(url("offer", edition, waiting.pk), {"action": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_team_pages_need_the_manage_permission(client, edition):
    session = make_bookable_session(edition)
    staff = make_member("staff@example.fr", edition, Membership.Role.STAFF)
    client.force_login(staff)
    assert client.get(url("orga_bookings", edition)).status_code == 403
    assert client.get(url("orga_booking_session", edition, session.pk)).status_code == 403
    client.logout()
    assert client.get(url("orga_bookings", edition)).status_code == 302


def test_team_changes_capacity_and_books_by_hand(client, edition):
    set_settings(edition, waitlist_mode="direct")
    session = make_bookable_session(edition, "Table ronde", capacity=1)
    booking.book(make_registration(edition), session)
    waiting = booking.join_waitlist(make_registration(edition), session).booking
    organiser = make_member("orga@example.fr", edition, Membership.Role.ORGANISER)
    client.force_login(organiser)
    listing = client.get(url("orga_bookings", edition))
    assert listing.status_code == 200 and "Table ronde" in listing.text
    page_url = url("orga_booking_session", edition, session.pk)
    bad = client.post(page_url, {"action": "capacity", "capacity-capacity": "-3"})
    assert bad.status_code == 400
    client.post(page_url, {"action": "capacity", "capacity-capacity": "2"})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    # manual booking of an unknown person: a message, nothing created
    unknown = client.post(page_url, {"action": "manual", "manual-person": "nobody@example.fr"})
    assert unknown.status_code == 400 and "Aucune inscription" in unknown.text
    person = make_registration(edition)
    full = client.post(page_url, {"action": "manual", "manual-person": person.email})
    assert "complète" in full.text
    client.post(
        page_url, {"action": "manual", "manual-person": person.code, "manual-waitlist": "on"}
    )
    assert Booking.objects.get(registration=person).status == "waiting"


def test_team_page_of_another_edition_session_is_404(client, edition):
    other = make_edition("nec-autre")
    session = make_bookable_session(other)
    organiser = make_member("orga@example.fr", edition, Membership.Role.ORGANISER)
    client.force_login(organiser)
    assert client.get(url("orga_booking_session", edition, session.pk)).status_code == 404


def test_the_booking_box_plugs_into_the_programme_hooks(rf, edition):
    """Registrations register their seats and buttons in nec.programme.session_extras; the
    programme's own tags render them without knowing the registrations app."""
    from django.template import Context, Template

    session = make_bookable_session(edition, capacity=3)
    person = make_registration(edition)
    booking.book(person, session)
    request = rf.get("/")
    request.user = person.user
    html = Template(
        "{% load programme_tags %}{% session_extras_prepare sessions edition %}"
        "{% for s in sessions %}{% session_extras_list s %}{% session_extras_page s %}{% endfor %}"
    ).render(Context({"sessions": [session], "request": request, "edition": edition}))
    assert "2 places" in html and "Libérer ma place" in html
    assert 'class="booking-box"' in html  # the box of the programme list


def test_programme_session_page_shows_seats_and_the_button(client, edition):
    session = make_bookable_session(edition, "Atelier sobriété", capacity=3, room_capacity=50)
    person = make_registration(edition)
    client.force_login(person.user)
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    assert "3 places" in response.text
    assert url("book", edition, session.pk) in response.text


def test_draft_edition_has_no_booking_pages(client, edition):
    """A draft edition is a 404 on the public side, even for a person registered to it."""
    session = make_bookable_session(edition)
    person = make_registration(edition)
    seat = booking.book(person, session).booking
    edition.status = Edition.Status.DRAFT
    edition.save()
    client.force_login(person.user)
    assert client.get(url("booking_list", edition)).status_code == 404
    for name in ("book", "waitlist_join", "booking_swap", "booking_cancel"):
        assert client.post(url(name, edition, session.pk)).status_code == 404
    assert client.get(url("offer", edition, seat.pk)).status_code == 404
    seat.refresh_from_db()
    assert seat.status == Booking.Status.CONFIRMED
    assert Booking.objects.count() == 1


def test_draft_edition_booking_post_is_404_for_strangers_and_anonymous_visitors(client, edition):
    from nec.accounts.models import User

    session = make_bookable_session(edition)
    edition.status = Edition.Status.DRAFT
    edition.save()
    assert client.post(url("book", edition, session.pk)).status_code == 404
    client.force_login(User.objects.create_user("inconnu@example.fr"))
    assert client.post(url("book", edition, session.pk)).status_code == 404
    assert not Booking.objects.exists()


def test_anonymous_visitor_pressing_book_signs_in_and_comes_back(client, edition):
    session = make_bookable_session(edition)
    back = f"/editions/{edition.slug}/programme/"
    response = client.post(url("book", edition, session.pk), {"next": back})
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"] and "programme" in response["Location"]
    assert not Booking.objects.exists()
