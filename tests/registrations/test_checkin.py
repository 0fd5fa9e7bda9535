"""Check-in at the door: codes (signed or typed), names, presence, accessibility needs."""

import pytest
from django.urls import reverse

from nec.editions.models import Membership
from nec.editions.orga_tiles import tiles_for
from nec.registrations import booking, checkin
from nec.registrations.models import Answer, Question
from nec.registrations.tickets import ticket_code
from tests.factories import make_bookable_session, make_edition, make_member, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    # Overrides the root fixture: no default questionnaire, a test adds its own "accessibility".
    return make_edition()


@pytest.fixture
def staff(edition):
    return make_member("accueil@example.fr", edition, Membership.Role.STAFF)


def page(edition):
    return reverse("registrations:checkin", args=[edition.slug])


def test_signed_and_typed_codes_find_the_person(edition):
    person = make_registration(edition)
    assert checkin.find_by_code(edition, ticket_code(person)) == person
    assert checkin.find_by_code(edition, person.code.lower()) == person


def test_tampered_code_is_refused_with_signature_message(edition):
    person = make_registration(edition)
    signed = ticket_code(person)
    code, signature = signed.split(":", 1)
    forged = f"{code[:-1]}{'A' if code[-1] != 'A' else 'B'}:{signature}"
    with pytest.raises(checkin.CheckinError) as error:
        checkin.find_by_code(edition, forged)
    assert error.value.code == "signature"
    assert "Signature invalide" in error.value.message


def test_unknown_code_and_code_of_another_edition(edition):
    other = make_edition("nec-autre")
    stranger = make_registration(other)
    with pytest.raises(checkin.CheckinError) as error:
        checkin.find_by_code(edition, "ABCDEF0123")
    assert error.value.code == "unknown"
    with pytest.raises(checkin.CheckinError) as error:
        checkin.find_by_code(edition, ticket_code(stranger))
    assert error.value.code == "unknown"


def test_check_in_once_then_says_when(edition, staff):
    person = make_registration(edition)
    first = checkin.check_in(person, actor=staff)
    assert first.already_at is None
    person.refresh_from_db()
    assert person.checked_in_at is not None
    second = checkin.check_in(person, actor=staff)
    assert second.already_at == person.checked_in_at


def test_check_in_at_a_session_needs_a_seat(edition, staff):
    session = make_bookable_session(edition, "Atelier")
    person = make_registration(edition)
    with pytest.raises(checkin.CheckinError) as error:
        checkin.check_in(person, actor=staff, session=session)
    assert error.value.code == "no_booking"
    person.refresh_from_db()
    assert person.checked_in_at is None  # nothing half-saved
    seat = booking.book(person, session).booking
    result = checkin.check_in(person, actor=staff, session=session)
    seat.refresh_from_db()
    assert result.booking == seat and seat.attended_at is not None


def test_cancelled_registration_cannot_check_in(edition, staff):
    person = make_registration(edition, status="cancelled")
    with pytest.raises(checkin.CheckinError) as error:
        checkin.check_in(person, actor=staff)
    assert error.value.code == "status"


def test_page_is_for_staff_only(client, edition):
    attendee = make_registration(edition)
    client.force_login(attendee.user)
    assert client.get(page(edition)).status_code == 403
    other = make_edition("nec-autre")
    other_staff = make_member("autre@example.fr", other, Membership.Role.STAFF)
    client.force_login(other_staff)
    assert client.get(page(edition)).status_code == 403


def test_page_shows_the_person_and_accessibility_needs_to_staff(client, edition, staff):
    person = make_registration(edition, "Camille")
    question = Question.objects.create(
        edition=edition,
        key="accessibility",
        label="Besoins d'accessibilité",
        kind="text",
        team_only=True,
    )
    Answer.objects.create(registration=person, question=question, value="Fauteuil roulant")
    client.force_login(staff)
    response = client.get(page(edition), {"q": person.code})
    assert response.status_code == 200
    assert "Camille" in response.text and "Fauteuil roulant" in response.text
    done = client.post(page(edition), {"registration": person.pk}, follow=True)
    assert "Présence enregistrée" in done.text
    again = client.post(page(edition), {"registration": person.pk}, follow=True)
    assert "déjà enregistré" in again.text


def test_page_messages_for_tampered_and_unknown_codes(client, edition, staff):
    person = make_registration(edition)
    client.force_login(staff)
    forged = ticket_code(person)[:-2] + "xx"
    response = client.get(page(edition), {"q": forged})
    assert response.status_code == 404 and "Signature invalide" in response.text
    response = client.get(page(edition), {"q": "personne-inconnue"})
    assert response.status_code == 404 and "Ni code ni nom" in response.text


def test_name_search_lists_matches(client, edition, staff):
    make_registration(edition, "Dominique")
    make_registration(edition, "Dominique")
    client.force_login(staff)
    response = client.get(page(edition), {"q": "domin"})
    assert response.status_code == 200 and response.text.count("Dominique Test") == 2


def test_session_check_in_from_the_page(client, edition, staff):
    session = make_bookable_session(edition, "Fishbowl")
    person = make_registration(edition)
    seat = booking.book(person, session).booking
    client.force_login(staff)
    response = client.post(
        page(edition), {"registration": person.pk, "session": session.pk}, follow=True
    )
    assert "Présence notée à « Fishbowl »" in response.text
    seat.refresh_from_db()
    assert seat.attended_at is not None


def test_registration_of_another_edition_cannot_be_checked_in(client, edition, staff):
    other = make_edition("nec-autre")
    stranger = make_registration(other)
    client.force_login(staff)
    assert client.post(page(edition), {"registration": stranger.pk}).status_code == 404


def test_saving_returns_to_an_empty_field_with_the_running_count(client, edition, staff):
    first, second = make_registration(edition, "Ana"), make_registration(edition, "Bao")
    client.force_login(staff)
    empty = client.get(page(edition)).content.decode()
    assert "<strong>0</strong> / 2 présent·es" in empty and "autofocus" in empty
    response = client.post(page(edition), {"registration": first.pk})
    assert response.status_code == 302 and "q=" not in response["Location"]
    after = client.get(response["Location"]).content.decode()
    assert "<strong>1</strong> / 2 présent·es" in after
    assert 'value=""' in after and "Dernière personne enregistrée : Ana Test" in after
    assert second.code not in after
    assert checkin.presence_counts(edition) == {"present": 1, "expected": 2}


def test_a_malformed_or_foreign_saved_person_shows_nobody(client, edition, staff):
    stranger = make_registration(make_edition("nec-ailleurs"), "Zed")
    client.force_login(staff)
    for value in ("abc", "10" * 20, "-1", "0", str(stranger.pk)):
        response = client.get(page(edition), {"fait": value})
        assert response.status_code == 200
        assert "Dernière personne enregistrée" not in response.content.decode()


def test_the_present_tile_counts_the_checked_in(edition, staff):
    def present() -> int:
        return next(t["value"] for t in tiles_for(staff, edition) if "Présent" in str(t["label"]))

    person = make_registration(edition)
    assert present() == 0
    checkin.check_in(person, actor=staff)
    assert present() == 1
