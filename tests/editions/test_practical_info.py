"""The edition's practical information: typed once in the settings, shown on the public edition
page, the participant's ticket (page and PDF) and agenda; refused when too long."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from nec.editions.models import Edition
from tests.editions.test_orga_views import _settings_data, url
from tests.factories import make_edition, make_member

PRACTICAL = {
    "address": "12 rue des Lices, 35000 Rennes",
    "opening_hours": "Accueil de 8 h 30 à 18 h",
    "access_info": "Métro ligne A, arrêt Sainte-Anne",
    "venue_accessibility": "Salles de plain-pied, boucle magnétique en plénière",
}


@pytest.fixture
def rennes(db):
    return make_edition("nec-local-rennes", kind=Edition.Kind.LOCAL, title="NEC local Rennes")


@pytest.fixture
def organiser(rennes):
    return make_member("orga@rennes.example", rennes)


def test_settings_save_the_practical_information_and_the_page_shows_it(client, rennes, organiser):
    client.force_login(organiser)
    response = client.post(url("orga_settings", rennes), _settings_data(rennes, **PRACTICAL))
    assert response.status_code == 302
    rennes.refresh_from_db()
    assert rennes.access_info == PRACTICAL["access_info"]

    html = client.get(reverse("editions:detail", args=[rennes.slug])).content.decode()
    assert "Infos pratiques" in html
    for value in PRACTICAL.values():
        assert value in html


def test_no_practical_block_when_nothing_is_known(client, rennes):
    html = client.get(reverse("editions:detail", args=[rennes.slug])).content.decode()
    assert "Infos pratiques" not in html


def test_too_long_access_text_is_refused_and_kept(client, rennes, organiser):
    client.force_login(organiser)
    too_long = "Bus 12. " * 250
    response = client.post(
        url("orga_settings", rennes), _settings_data(rennes, access_info=too_long)
    )
    assert response.status_code == 400
    assert "Bus 12." in response.content.decode()
    rennes.refresh_from_db()
    assert rennes.access_info == ""


@pytest.mark.django_db
def test_ticket_page_and_pdf_carry_the_practical_information(client):
    from tests.registrations.test_views import confirmed

    edition = make_edition("nec-test", with_questionnaire=True, **PRACTICAL)
    registration = confirmed(edition)
    client.force_login(registration.user)
    html = client.get(reverse("registrations:ticket", args=[edition.slug])).content.decode()
    assert PRACTICAL["address"] in html and PRACTICAL["opening_hours"] in html
    pdf = client.get(reverse("registrations:ticket_pdf", args=[edition.slug]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Métro ligne A" in text
    agenda = client.get(reverse("registrations:agenda", args=[edition.slug])).content.decode()
    assert PRACTICAL["venue_accessibility"] in agenda
