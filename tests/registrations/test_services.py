"""Registration services: start, confirm, capacity and waiting list, tickets, calendar links."""

import time

import pytest
from django.core import mail

from nec.accounts.models import User
from nec.core.models import AuditEntry
from nec.registrations import configuration, confirmation, services, tickets
from nec.registrations.models import Registration
from tests.factories import STORED_ANSWERS, make_edition

pytestmark = pytest.mark.django_db


def start(edition, email="camille@example.fr", **extra):
    values = {
        "email": email,
        "first_name": "Camille",
        "last_name": "Martin",
        "organisation": "Ville de Lens",
        "answers": dict(STORED_ANSWERS),
    }
    values.update(extra)
    return services.start_registration(edition, **values)


def test_start_creates_pending_registration_with_answers_and_sends_link(edition):
    result = start(edition, email="  Camille@Example.FR ")
    registration = result.registration
    assert result.outcome == "created"
    assert registration.status == Registration.Status.PENDING
    assert registration.email == "camille@example.fr"
    assert registration.user is None
    assert services.answers_of(registration) == STORED_ANSWERS
    assert registration.newsletter_consent is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@example.fr"]
    assert "Confirmez votre inscription" in message.subject
    assert confirmation.confirmation_url(registration).split("/inscription/confirmer/")[0] in (
        message.body
    )
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert not User.objects.filter(email="camille@example.fr").exists()


def test_confirm_creates_the_account_and_is_idempotent(edition):
    registration = start(edition).registration
    token = confirmation.confirmation_token(registration)
    confirmed = confirmation.confirm_registration(confirmation.read_confirmation_token(token))
    assert confirmed.status == Registration.Status.CONFIRMED
    assert confirmed.user.email == "camille@example.fr"
    assert confirmed.user.first_name == "Camille"
    again = confirmation.confirm_registration(confirmation.read_confirmation_token(token))
    assert again.status == Registration.Status.CONFIRMED
    assert User.objects.filter(email="camille@example.fr").count() == 1
    assert AuditEntry.objects.filter(action="registrations.confirmed").count() == 1


def test_confirm_links_an_existing_account(edition):
    user = User.objects.create_user("camille@example.fr")
    registration = start(edition).registration
    confirmed = confirmation.confirm_registration(registration)
    assert confirmed.user == user


def test_tampered_or_expired_confirmation_token_is_refused(edition, settings):
    registration = start(edition).registration
    token = confirmation.confirmation_token(registration)
    with pytest.raises(confirmation.ConfirmLinkError) as error:
        confirmation.read_confirmation_token(token[:-2] + "xx")
    assert error.value.reason == "invalid"
    # A token signed 8 days ago.
    real_time = time.time
    try:
        time.time = lambda: real_time() - 8 * 24 * 3600
        expired = confirmation.confirmation_token(registration)
    finally:
        time.time = real_time
    with pytest.raises(confirmation.ConfirmLinkError) as error:
        confirmation.read_confirmation_token(expired)
    assert error.value.reason == "expired"


def test_already_registered_address_creates_nothing_and_gets_a_sign_in_link(edition):
    registration = start(edition).registration
    confirmation.confirm_registration(registration)
    mail.outbox.clear()
    result = start(edition, email="CAMILLE@example.fr", first_name="Autre")
    assert result.outcome == "already_registered"
    assert Registration.objects.filter(edition=edition).count() == 1
    registration.refresh_from_db()
    assert registration.first_name == "Camille"
    assert len(mail.outbox) == 1
    assert "/compte/lien/" in mail.outbox[0].body


def test_double_submission_while_pending_sends_no_second_mail(edition):
    first = start(edition)
    second = start(edition)
    assert second.outcome == "duplicate"
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_cancelled_registration_can_start_again(edition):
    registration = start(edition).registration
    confirmation.confirm_registration(registration)
    services.cancel_registration(registration, actor=None)
    mail.outbox.clear()
    result = start(edition, first_name="Camille-Anne")
    # nothing changes until the link e-mailed to the address is used
    assert result.outcome == "restart_requested"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert registration.first_name == "Camille"
    token = mail.outbox[0].body.split("/inscription/reprendre/")[1].split("/")[0]
    restarted = services.restart_registration(token)
    assert restarted.pk == registration.pk
    assert restarted.status == Registration.Status.CONFIRMED
    assert restarted.first_name == "Camille-Anne"


def test_signed_in_person_with_the_same_address_is_confirmed_at_once(edition):
    user = User.objects.create_user("camille@example.fr")
    result = start(edition, user=user)
    assert result.outcome == "confirmed"
    assert result.registration.status == Registration.Status.CONFIRMED
    assert result.registration.user == user
    assert mail.outbox == []


def test_closed_registration_is_refused(edition):
    configuration.update_settings(edition, actor=None, registration_open=False)
    with pytest.raises(services.RegistrationClosed):
        start(edition)
    draft = make_edition("brouillon", status="draft")
    with pytest.raises(services.RegistrationClosed):
        start(draft)
    assert Registration.objects.count() == 0


def test_edition_capacity_waiting_list_and_promotion_in_order(edition):
    configuration.update_settings(edition, actor=None, capacity=2)
    people = []
    for n in range(4):
        registration = start(edition, email=f"p{n}@example.fr").registration
        people.append(confirmation.confirm_registration(registration))
    assert [p.status for p in people] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert confirmation.waiting_position(people[2]) == 1
    assert confirmation.waiting_position(people[3]) == 2
    mail.outbox.clear()
    services.cancel_registration(people[0], actor=people[0].user)
    for p in people:
        p.refresh_from_db()
    assert [p.status for p in people] == ["cancelled", "confirmed", "confirmed", "waiting"]
    subjects = [m.subject for m in mail.outbox]
    assert any("annulée" in s for s in subjects)
    assert any("place s'est libérée" in s for s in subjects)
    assert confirmation.waiting_position(people[3]) == 1
    # Raising the capacity lets the rest in.
    configuration.update_settings(edition, actor=None, capacity=5)
    people[3].refresh_from_db()
    assert people[3].status == "confirmed"


def test_cancelling_a_waiting_person_promotes_nobody(edition):
    configuration.update_settings(edition, actor=None, capacity=1)
    first = confirmation.confirm_registration(start(edition, email="a@example.fr").registration)
    second = confirmation.confirm_registration(start(edition, email="b@example.fr").registration)
    third = confirmation.confirm_registration(start(edition, email="c@example.fr").registration)
    services.cancel_registration(second, actor=None)
    third.refresh_from_db()
    assert first.status == "confirmed" and third.status == "waiting"


def test_update_registration_keeps_email_and_replaces_answers(edition):
    registration = confirmation.confirm_registration(start(edition).registration)
    answers = dict(STORED_ANSWERS, sector="private", public_kind=None, objectives=["rencontrer"])
    services.update_registration(
        registration,
        actor=registration.user,
        identity={"first_name": " Camille ", "email": "pirate@example.fr"},
        answers=answers,
    )
    registration.refresh_from_db()
    assert registration.email == "camille@example.fr"
    stored = services.answers_of(registration)
    assert stored["sector"] == "private"
    assert "public_kind" not in stored
    assert stored["objectives"] == ["rencontrer"]


def test_ticket_code_round_trip_and_tampering(edition, other_edition):
    registration = confirmation.confirm_registration(start(edition).registration)
    signed = tickets.ticket_code(registration)
    assert signed.startswith(registration.code + ":")
    assert tickets.verify_ticket_code(signed) == registration
    assert tickets.verify_ticket_code(f"  {signed}\n", edition=edition) == registration
    with pytest.raises(tickets.TicketError):
        tickets.verify_ticket_code(signed, edition=other_edition)
    code, signature = signed.split(":")
    tampered_code = ("0" if code[0] != "0" else "1") + code[1:]
    other_char = "B" if signature[-1] == "A" else "A"
    tampered_signature = f"{code}:{signature[:-1]}{other_char}"
    for bad in (f"{tampered_code}:{signature}", tampered_signature, code, "", "x:y"):
        with pytest.raises(tickets.TicketError):
            tickets.verify_ticket_code(bad)


def test_calendar_token_issue_and_revoke(edition):
    registration = confirmation.confirm_registration(start(edition).registration)
    token = tickets.issue_calendar_token(registration, actor=None)
    assert tickets.registration_for_calendar_token(token) == registration
    new = tickets.issue_calendar_token(registration, actor=None)
    assert new != token
    assert tickets.registration_for_calendar_token(token) is None
    tickets.revoke_calendar_token(registration, actor=None)
    assert tickets.registration_for_calendar_token(new) is None
    assert tickets.registration_for_calendar_token("") is None


def test_signed_in_person_with_a_pending_registration_is_confirmed(edition):
    pending = start(edition).registration
    user = User.objects.create_user("camille@example.fr")
    result = start(edition, user=user, organisation="Nouvelle orga")
    assert result.outcome == "confirmed"
    assert result.registration.pk == pending.pk
    assert result.registration.status == Registration.Status.CONFIRMED
    assert result.registration.organisation == "Nouvelle orga"
