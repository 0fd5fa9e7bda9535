"""Applying to organise a NEC local: the public form and its rules, the e-mailed confirmation
link (single use), and the national team's inbox (confirmed applications only, national team
only)."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.localeditions.models import Application
from nec.localeditions.services import earliest_event_date
from tests.factories import make_user

pytestmark = pytest.mark.django_db

APPLY = "/nec-locaux/candidater/"
INBOX = "/orga/candidatures/"


def application_post(**overrides) -> dict:
    data = {
        "organisation_name": "Ville de Metz",
        "siret": "",
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille@metz.example",
        "phone": "",
        "audience": "Médiateurs numériques et élus",
        "expected_size": "200",
        "objectives": "Fédérer les acteurs de l'inclusion numérique",
        "commune": "Metz",
        "department_code": "57",
        "region_code": "44",
        "venue": "Arsenal",
        "step_free_access": "yes",
        "event_date": (timezone.localdate() + timedelta(days=120)).isoformat(),
        "formats": "Plénières, ateliers, stands",
        "free_entry": "on",
        "registration_mode": "registration",
        "partners": "HubEst",
        "support_requested": "on",
        "grant_requested": "3000",
        "budget": "14 000 €",
        "charter_accepted": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirm_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+(/nec-locaux/candidater/confirmer/\S+/)", body).group(1)


def test_happy_path_submit_confirm_and_listed(client, national):
    response = client.post(APPLY, application_post())
    assert response.status_code == 302
    assert response.url == "/nec-locaux/candidater/envoyee/"
    application = Application.objects.get()
    assert application.confirmed_at is None
    assert mail.outbox[-1].to == ["camille@metz.example"]
    client.force_login(national)
    assert "Ville de Metz" not in client.get(INBOX).content.decode()  # not confirmed yet
    client.logout()

    link = confirm_link()
    assert AuditEntry.objects.filter(
        action="localeditions.application_submitted", object_id=str(application.pk)
    ).exists()
    page = client.get(link)
    assert page.status_code == 200 and "Confirmer ma candidature" in page.content.decode()
    application.refresh_from_db()
    assert application.confirmed_at is None  # GET changes nothing (mail scanners)
    assert client.post(link).status_code == 200
    application.refresh_from_db()
    assert application.confirmed_at is not None
    assert mail.outbox[-1].subject == "Votre candidature pour un NEC local est bien reçue"
    assert AuditEntry.objects.filter(
        action="localeditions.application_confirmed", object_id=str(application.pk)
    ).exists()

    client.force_login(national)
    html = client.get(INBOX).content.decode()
    assert "Ville de Metz" in html and "3\xa0000 €" in html and "<caption>" in html
    assert "Ville de Metz" in client.get(INBOX + "?region=44").content.decode()
    assert "Ville de Metz" not in client.get(INBOX + "?region=11").content.decode()
    detail = client.get(f"{INBOX}{application.pk}/").content.decode()
    assert "HubEst" in detail and "Arsenal" in detail and "camille@metz.example" in detail
    assert "Candidatures NEC locaux" in client.get("/orga/").content.decode()


def test_the_link_works_once(client):
    client.post(APPLY, application_post())
    link = confirm_link()
    assert client.post(link).status_code == 200
    second = client.post(link)
    assert second.status_code == 400
    assert "déjà été utilisé" in second.content.decode()
    assert client.get(link).status_code == 400
    assert client.get("/nec-locaux/candidater/confirmer/abc/").status_code == 400


def test_an_event_less_than_three_months_ahead_is_refused_with_the_first_date(client):
    soon = timezone.localdate() + timedelta(days=30)
    response = client.post(APPLY, application_post(event_date=soon.isoformat()))
    assert response.status_code == 400
    html = response.content.decode()
    earliest = earliest_event_date(timezone.localdate())
    assert "au moins 3 mois après le dépôt : choisissez une date à partir du" in html
    assert f"{earliest.day} " in html and str(earliest.year) in html
    assert not Application.objects.exists() and not mail.outbox


def test_earliest_date_keeps_to_the_month_end():
    assert earliest_event_date(date(2026, 11, 30)) == date(2027, 2, 28)
    assert earliest_event_date(date(2026, 3, 15)) == date(2026, 6, 15)


@pytest.mark.parametrize("amount", ["2000", "6000"])
def test_a_grant_outside_2500_5000_is_refused(client, amount):
    response = client.post(APPLY, application_post(grant_requested=amount))
    assert response.status_code == 400
    assert "compris entre 2 500 et 5 000 €" in response.content.decode()
    assert not Application.objects.exists()


def test_a_grant_without_support_is_refused(client):
    response = client.post(APPLY, application_post(support_requested=None))
    assert response.status_code == 400
    assert "Laissez le montant vide" in response.content.decode()


def test_without_the_charter_or_free_entry_it_is_refused(client):
    response = client.post(APPLY, application_post(charter_accepted=None, free_entry=None))
    html = response.content.decode()
    assert response.status_code == 400
    assert "respecter la charte NEC" in html and "Les évènements NEC sont gratuits" in html
    assert not Application.objects.exists()


def test_a_bad_siret_is_refused(client):
    response = client.post(APPLY, application_post(siret="12345678901234"))
    assert response.status_code == 400
    assert "SIRET n&#x27;est pas valide" in response.content.decode()


def test_the_form_keeps_what_was_typed(client):
    response = client.post(APPLY, application_post(grant_requested="6000", venue="La BAM"))
    html = response.content.decode()
    assert 'value="La BAM"' in html and 'value="6000"' in html
    assert "Fédérer les acteurs de l&#x27;inclusion numérique" in html


def test_the_inbox_is_for_the_national_team_only(client, organiser):
    client.post(APPLY, application_post())
    client.post(confirm_link())
    pk = Application.objects.get().pk
    assert client.get(INBOX).status_code == 302  # anonymous: to the sign-in page
    client.force_login(organiser)
    assert client.get(INBOX).status_code == 403
    assert client.get(f"{INBOX}{pk}/").status_code == 403
    assert "Candidatures NEC locaux" not in client.get("/orga/").content.decode()
    client.force_login(make_user("someone@example.org"))
    assert client.get(INBOX).status_code == 403


def test_unknown_or_unconfirmed_application_is_a_404(client, national):
    client.post(APPLY, application_post())
    pending = Application.objects.get()
    client.force_login(national)
    assert client.get(f"{INBOX}{pending.pk}/").status_code == 404
    assert client.get(f"{INBOX}999999/").status_code == 404
    assert client.get(f"{INBOX}{10**30}/").status_code == 404
