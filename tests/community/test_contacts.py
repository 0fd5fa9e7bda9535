"""Contacts: the sync from the other apps (idempotent), CSV import (mandatory consent, dry run,
line-numbered errors, merged duplicates, all or nothing), segments with live counts, the
newsletter's double opt-in and the preference page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nec.community.models import Consent, Contact, Purpose, Segment
from nec.community.rendering import preferences_url
from nec.community.selectors import contacts_matching
from nec.community.services.contacts import request_newsletter
from nec.community.services.importing import MAX_BYTES, import_csv
from nec.community.services.sync import sync_contacts
from nec.localeditions.models import Application
from nec.registrations.models import Registration
from tests.community.builders import make_contact

pytestmark = pytest.mark.django_db

HEADER = "email;prenom;nom;secteur;region;finalites;source_consentement;date_consentement\n"


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def test_sync_from_registrations_is_idempotent(edition, national):
    Registration.objects.create(
        edition=edition,
        email="Alice@Example.org",
        first_name="Alice",
        last_name="Martin",
        status=Registration.Status.CONFIRMED,
        newsletter_consent=True,
    )
    Registration.objects.create(
        edition=edition, email="pending@example.org", first_name="P", last_name="Q"
    )
    assert sync_contacts(actor=national) == 1
    assert sync_contacts(actor=national) == 0
    contact = Contact.objects.get()
    assert contact.email == "alice@example.org"  # one normalised address
    assert contact.roles == ["participant"] and list(contact.editions.all()) == [edition]
    consent = contact.consents.get()
    assert consent.purpose == Purpose.NEWSLETTER and "inscription" in consent.source


def test_import_dry_run_then_import_merges_duplicates(national):
    data = _csv(
        "a@example.org;Anne;;association;84;newsletter|surveys;salon 2024;2024-05-01",
        "A@example.org ;;Dupont;;;local_news;salon 2024;01/05/2024",
        "b@example.org;Bob;;;;;fichier partenaires;2023-01-10",
    )
    report = import_csv(data, actor=national, dry_run=True)
    assert report.ok and report.duplicates == 1 and len(report.rows) == 2
    assert not Contact.objects.exists()
    report = import_csv(data, actor=national, dry_run=False)
    assert report.created == 2
    anne = Contact.objects.get(email="a@example.org")
    assert (anne.first_name, anne.last_name, anne.region_code) == ("Anne", "Dupont", "84")
    assert set(anne.consents.values_list("purpose", flat=True)) == {
        "newsletter",
        "surveys",
        "local_news",
    }
    assert anne.consents.first().source == "salon 2024"
    assert Contact.objects.get(email="b@example.org").consents.get().purpose == "newsletter"


def test_import_errors_are_line_numbered_and_nothing_imported(national):
    data = _csv(
        "ok@example.org;;;;;;salon;2024-05-01",
        "pas-une-adresse;;;;;;salon;2024-05-01",
        "c@example.org;;;;;;;2024-05-01",
        "d@example.org;;;banque;;;salon;2099-01-01",
    )
    report = import_csv(data, actor=national, dry_run=False)
    assert not report.ok
    joined = "\n".join(report.errors)
    assert "Ligne 3" in joined and "adresse e-mail invalide" in joined
    assert "Ligne 4" in joined and "source du consentement manquante" in joined
    assert "Ligne 5" in joined and "date du consentement invalide" in joined
    assert "banque" in joined
    assert not Contact.objects.exists()


def test_import_refuses_missing_consent_column_and_bad_encoding(national):
    with pytest.raises(ValidationError, match="source_consentement"):
        import_csv(_csv("a@example.org", header="email\n"), actor=national, dry_run=False)
    latin1 = (HEADER + "é@example.org;Hélène;;;;;salon;2024-05-01\n").encode("latin-1")
    with pytest.raises(ValidationError, match="UTF-8"):
        import_csv(latin1, actor=national, dry_run=False)
    assert not Contact.objects.exists()


def test_import_page_shows_errors(client, national):
    client.force_login(national)
    upload = SimpleUploadedFile("c.csv", _csv("x;;;;;;;"), content_type="text/csv")
    response = client.post(reverse("community:import"), {"file": upload, "dry_run": ""})
    assert response.status_code == 400
    assert "Ligne 2" in response.content.decode()
    upload = SimpleUploadedFile("c.csv", b"\xff\xfe\x00bad", content_type="text/csv")
    response = client.post(reverse("community:import"), {"file": upload})
    assert response.status_code == 400 and "UTF-8" in response.content.decode()
    assert not Contact.objects.exists()


def test_import_page_refuses_an_oversized_file(client, national):
    client.force_login(national)
    data = _csv("a@example.org;;;;;;salon;2024-05-01") + b"x" * (MAX_BYTES + 1)
    upload = SimpleUploadedFile("c.csv", data, content_type="text/csv")
    response = client.post(reverse("community:import"), {"file": upload})
    assert response.status_code == 400 and "5 Mo" in response.content.decode()
    assert not Contact.objects.exists()


def test_segments_count_live(client, national, edition):
    make_contact("a@example.org", Purpose.NEWSLETTER, region_code="84", sector="association")
    make_contact("b@example.org", region_code="84")
    make_contact("c@example.org", Purpose.NEWSLETTER, region_code="11")
    client.force_login(national)
    response = client.post(
        reverse("community:segment_new"),
        {"name": "ARA newsletter", "region": "84", "purpose": "newsletter"},
    )
    assert response.status_code == 302
    segment = Segment.objects.get()
    assert contacts_matching(segment.filters).count() == 1
    make_contact("d@example.org", Purpose.NEWSLETTER, region_code="84")
    page = client.get(reverse("community:segments")).content.decode()
    assert re.search(r"ARA newsletter</a></th><td>2<", page)


def test_pages_reserved_to_the_national_team(client, organiser):
    client.force_login(organiser)
    for name in ("index", "segments", "mailings", "import"):
        assert client.get(reverse(f"community:{name}")).status_code == 403


def test_double_opt_in(client):
    request_newsletter("New@Example.org", source="formulaire")
    consent = Consent.objects.get()
    assert consent.status == Consent.Status.PENDING
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[1] if ":8000" in link else link
    assert client.get(path).status_code == 200  # GET confirms nothing (mail scanners)
    consent.refresh_from_db()
    assert consent.status == Consent.Status.PENDING
    assert client.post(path).status_code == 200
    consent.refresh_from_db()
    assert consent.status == Consent.Status.GRANTED and consent.confirmed_at
    assert client.post(path[:-4] + "abc/").status_code == 400


def test_newsletter_requests_are_rate_limited(client, settings):
    settings.MAGIC_LINK_RATE_PER_HOUR = 2
    for _attempt in range(4):
        response = client.post(reverse("community:subscribe"), {"email": "cible@example.org"})
        assert response.status_code == 200  # the same neutral answer every time
    assert len(mail.outbox) == 2
    response = client.post(reverse("community:subscribe"), {"email": "pas-une-adresse"})
    assert response.status_code == 400 and len(mail.outbox) == 2


def test_preferences_page_by_personal_link(client):
    contact = make_contact("p@example.org", Purpose.NEWSLETTER)
    path = preferences_url(contact.pk, contact.email).split(":8000", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "p@example.org" in page.content.decode()
    client.post(path, {"purposes": ["surveys"]})
    states = dict(contact.consents.values_list("purpose", "status"))
    assert states == {"newsletter": "withdrawn", "surveys": "granted"}
    assert client.get(path[:-3] + "zz/").status_code == 404


def test_later_withdrawal_wins_over_an_older_import(national):
    contact = make_contact("w@example.org", Purpose.NEWSLETTER)
    Consent.objects.filter(contact=contact).update(
        status=Consent.Status.WITHDRAWN, withdrawn_at=timezone.now() - timedelta(days=1)
    )
    import_csv(_csv("w@example.org;;;;;;vieux fichier;2020-01-01"), actor=national, dry_run=False)
    assert contact.consents.get().status == Consent.Status.WITHDRAWN


def test_applicants_become_contacts(national):
    assert Application._meta.get_field("email")  # the local editions' applicants feed the base
