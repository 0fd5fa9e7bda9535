"""Security review "Hardening": registering again over a cancelled registration changes nothing
until the e-mailed link is used, and the registration form answers the same page whatever the
address (the e-mail says what applies). Each test reproduces the attack of the review."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from nec.core.models import AuditEntry, PendingAction
from nec.registrations import confirmation, services
from nec.registrations.models import Registration
from tests.factories import STORED_ANSWERS, make_user, registration_post

pytestmark = pytest.mark.django_db


def register_url(edition):
    return reverse("registrations:register", kwargs={"edition": edition.slug})


def registered(edition, email="camille@example.fr", status="confirmed"):
    result = services.start_registration(
        edition,
        email=email,
        first_name="Camille",
        last_name="Martin",
        organisation="Ville de Lens",
        answers=dict(STORED_ANSWERS),
    )
    registration = result.registration
    if status in ("confirmed", "cancelled"):
        registration = confirmation.confirm_registration(registration)
    if status == "cancelled":
        registration = services.cancel_registration(registration, actor=None)
    mail.outbox.clear()
    return registration


def restart_link(email="camille@example.fr") -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    found = re.search(r"https?://\S+(/inscription/reprendre/\S+/)", message.body)
    return found.group(1)


def snapshot(registration):
    registration.refresh_from_db()
    return (
        registration.status,
        registration.first_name,
        registration.last_name,
        registration.organisation,
        registration.job_title,
        registration.newsletter_consent,
        services.answers_of(registration),
    )


ATTACK = {
    "first_name": "Mallory",
    "last_name": "Usurpe",
    "organisation": "Société inconnue",
    "job_title": "Démarcheur",
    "newsletter_consent": "on",
    "q_departement": "974",
}


# --- 2. re-registering after a cancellation ---------------------------------------------------


def test_re_registering_after_a_cancellation_changes_nothing_until_the_link_is_used(
    client, edition
):
    registration = registered(edition, status="cancelled")
    before = snapshot(registration)
    response = client.post(register_url(edition), registration_post(**ATTACK))
    assert response.status_code == 302
    assert snapshot(registration) == before  # name, organisation, consent, answers untouched
    assert before[0] == Registration.Status.CANCELLED and before[5] is False
    assert AuditEntry.objects.filter(action="registrations.restart_requested").count() == 1
    link = restart_link()
    shown = client.get(link)  # what the link will apply, before anything changes
    assert "Mallory" in shown.content.decode() and "oui, je souhaite la recevoir" in (
        shown.content.decode()
    )
    assert snapshot(registration) == before
    response = client.post(link)
    assert response["Location"] == reverse("registrations:space", args=[edition.slug])
    status, first, last, organisation, job, consent, answers = snapshot(registration)
    assert (status, first, organisation, consent) == (
        "confirmed",
        "Mallory",
        "Société inconnue",
        True,
    )
    assert answers["departement"] == "974"
    assert client.get(response["Location"]).status_code == 200  # signed in by the link


def test_the_restart_link_works_once_and_bad_links_are_a_400(client, edition):
    registration = registered(edition, status="cancelled")
    client.post(register_url(edition), registration_post(**ATTACK))
    link = restart_link()
    client.post(link)
    client.logout()
    services.cancel_registration(registration, actor=None)
    again = client.post(link)
    assert again.status_code == 400 and "déjà été utilisé" in again.content.decode()
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    for bad in (link[:-6] + "xx/", "/inscription/reprendre/n-importe-quoi/"):
        assert client.get(bad).status_code == 400
        assert client.post(bad).status_code == 400


def test_a_stale_restart_link_does_not_overwrite_a_newer_registration(client, edition):
    registration = registered(edition, status="cancelled")
    client.post(register_url(edition), registration_post(**ATTACK))
    link = restart_link()
    # meanwhile the owner, signed in, registers again at once with their own answers
    owner = registration.user
    services.start_registration(
        edition, email=owner.email, first_name="Camille", last_name="Martin", user=owner
    )
    assert client.post(link).status_code == 400
    registration.refresh_from_db()
    assert (registration.status, registration.first_name) == ("confirmed", "Camille")


def test_restart_links_are_rate_limited_like_sign_in(client, edition, settings):
    registered(edition, status="cancelled")
    for _ in range(settings.MAGIC_LINK_RATE_PER_HOUR + 2):
        client.post(register_url(edition), registration_post(**ATTACK))
    assert len(mail.outbox) == settings.MAGIC_LINK_RATE_PER_HOUR
    assert PendingAction.objects.count() == settings.MAGIC_LINK_RATE_PER_HOUR


def test_the_signed_in_owner_registers_again_at_once(client, edition):
    registration = registered(edition, status="cancelled")
    client.force_login(registration.user)
    client.post(register_url(edition), registration_post(first_name="Camille-Anne"))
    registration.refresh_from_db()
    assert (registration.status, registration.first_name) == ("confirmed", "Camille-Anne")
    assert not PendingAction.objects.exists()


# --- 3. the same page whatever the address ----------------------------------------------------


def neutral(html: str, email: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace(email, "ADRESSE")


def test_new_pending_registered_and_cancelled_addresses_get_the_same_page(client, edition):
    make_user("compte@example.fr")  # an account without registration
    cases = {
        "nouvelle@example.fr": None,
        "compte@example.fr": None,
        "attente@example.fr": "pending",
        "inscrite@example.fr": "confirmed",
        "annulee@example.fr": "cancelled",
    }
    for email, status in cases.items():
        if status:
            registered(edition, email, status)
    pages = {}
    for email in cases:
        client.cookies.clear()
        response = client.post(register_url(edition), registration_post(email), follow=True)
        assert response.status_code == 200
        assert len(response.redirect_chain) == 1
        pages[email] = neutral(response.content.decode(), email)
    assert len(set(pages.values())) == 1, "the page must not tell whether an address is known"
    assert "Consultez vos e-mails" in pages["inscrite@example.fr"]


def test_the_e_mail_says_what_applies(client, edition):
    registered(edition, "inscrite@example.fr", "confirmed")
    registered(edition, "annulee@example.fr", "cancelled")
    for email in ("nouvelle@example.fr", "inscrite@example.fr", "annulee@example.fr"):
        client.post(register_url(edition), registration_post(email))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "/inscription/confirmer/" in by_address["nouvelle@example.fr"].body
    already = by_address["inscrite@example.fr"]
    assert "déjà inscrit" in already.subject and "/compte/lien/" in already.body
    cancelled = by_address["annulee@example.fr"]
    assert "/inscription/reprendre/" in cancelled.body
    assert "nouveau" in cancelled.subject
