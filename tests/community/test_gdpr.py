"""GDPR: download from Mon espace (JSON and readable HTML), erasure by the person or by the team
(registrations and answers anonymised, counts unchanged, contact deleted), the processing
register, and the daily retention run (re-consent mail, deletion, purges, each run logged)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nec.accounts.models import LoginRequest
from nec.community.models import Contact, Purpose, RetentionRun
from nec.community.services.retention import run_retention
from nec.core.models import AuditEntry
from nec.registrations.models import Registration
from tests.community.builders import make_contact
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(edition):
    user = make_user("moi@example.org", first_name="Camille")
    Registration.objects.create(
        edition=edition,
        user=user,
        email="moi@example.org",
        first_name="Camille",
        last_name="Durand",
        organisation="Mairie",
        status=Registration.Status.CONFIRMED,
    )
    make_contact("moi@example.org", Purpose.NEWSLETTER, organisation="Mairie")
    return user


def test_download_json_and_html(client, person):
    client.force_login(person)
    assert "Mes données personnelles" in client.get(reverse("accounts:home")).content.decode()
    data = json.loads(client.get(reverse("community:my_data_json")).content)
    by_key = {section["key"]: section["data"] for section in data}
    assert by_key["registrations"][0]["nom"] == "Durand"
    assert by_key["community"]["consentements"][0]["source"] == "test"
    page = client.get(reverse("community:my_data_html")).content.decode()
    assert "Durand" in page and "Mairie" in page


def test_erasure_by_the_person_keeps_counts(client, person, edition):
    client.force_login(person)
    assert client.post(reverse("community:my_data"), {}).status_code == 400  # not confirmed
    response = client.post(reverse("community:my_data"), {"confirm": "on"})
    assert response.status_code == 302
    assert not Contact.objects.filter(email="moi@example.org").exists()
    registration = Registration.objects.get(edition=edition)
    assert registration.status == Registration.Status.CONFIRMED  # the count stays right
    assert registration.last_name == "" and "moi@" not in registration.email
    assert registration.user is None
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert (person.email, person.first_name) == (f"compte-efface-{person.pk}@anonyme.invalid", "")
    assert client.get(reverse("accounts:home")).status_code == 302  # signed out


def test_erasure_closes_the_account_everywhere(client, person):
    """A second browser still signed in as the person loses access at its next request; their
    sign-in traces are gone; the closure is in the audit log; the address can register anew."""
    other_browser = Client()
    other_browser.force_login(person)
    LoginRequest.objects.create(email="moi@example.org")
    client.force_login(person)
    exported = json.loads(client.get(reverse("community:my_data_json")).content)
    assert {section["key"] for section in exported} >= {"account", "registrations"}
    client.post(reverse("community:my_data"), {"confirm": "on"})
    assert other_browser.get(reverse("accounts:home")).status_code == 302
    assert not LoginRequest.objects.filter(email="moi@example.org").exists()
    assert AuditEntry.objects.filter(action="account.closed", actor=person).exists()
    assert make_user("moi@example.org").pk != person.pk


def test_team_exports_and_erases_on_request(client, national, person):
    contact = Contact.objects.get(email="moi@example.org")
    client.force_login(national)
    export = client.get(reverse("community:contact_export", args=[contact.pk]))
    assert b"Durand" in export.content
    client.post(reverse("community:contact_erase", args=[contact.pk]), {"confirm": "on"})
    assert not Contact.objects.exists()
    assert not Registration.objects.filter(email="moi@example.org").exists()
    person.refresh_from_db()
    assert not person.is_active and "moi@" not in person.email


def test_processing_register_is_public(client):
    page = client.get(reverse("community:processing_register")).content.decode()
    assert "Base légale" in page and "Durée de conservation" in page


def test_retention_run(edition):
    old = timezone.now() - timedelta(days=3 * 365 + 5)
    asleep = make_contact("dort@example.org", Purpose.NEWSLETTER)
    Contact.objects.filter(pk=asleep.pk).update(last_activity_at=old)
    make_contact("actif@example.org", Purpose.NEWSLETTER)
    pending = Registration.objects.create(
        edition=edition, email="jamais@example.org", first_name="J", last_name="M"
    )
    Registration.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    request = LoginRequest.objects.create(email="x@example.org")
    LoginRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=100)
    )
    run = run_retention()
    assert (run.reconsent_mails, run.registrations_purged, run.sign_in_requests_purged) == (1, 1, 1)
    assert [message.to for message in mail.outbox] == [["dort@example.org"]]
    assert run_retention().reconsent_mails == 0  # one re-consent mail only
    Contact.objects.filter(pk=asleep.pk).update(
        reconsent_sent_at=timezone.now() - timedelta(days=31)
    )
    assert run_retention().contacts_deleted == 1
    assert list(Contact.objects.values_list("email", flat=True)) == ["actif@example.org"]
    assert RetentionRun.objects.count() == 3
