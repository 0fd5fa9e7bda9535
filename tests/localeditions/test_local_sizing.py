"""A local edition runs with the same tools, sized for it: the light registration questionnaire
of the Metz edition when an accepted application creates the edition, and an empty programme
that offers nothing to book."""

import re

import pytest

from nec.editions.models import Edition
from nec.localeditions.questionnaire import LIGHT_KEYS
from nec.localeditions.services import instruction
from nec.registrations.edition_settings import get_settings
from nec.registrations.models import RegistrationSettings
from tests.factories import make_edition, make_national, make_user
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted():
    team = make_national("taille@anct.example")
    return instruction.accept(confirmed_application(), actor=team, with_grant=False)


def test_an_accepted_local_edition_gets_the_light_questionnaire(client, accepted):
    edition = accepted.edition
    assert RegistrationSettings.objects.filter(edition=edition).exists()
    keys = list(edition.questions.values_list("key", flat=True))
    assert (
        keys == list(LIGHT_KEYS) == ["structure_type", "departement", "first_time", "accessibility"]
    )
    get_settings(edition)  # reading the settings later adds no national question
    assert edition.questions.count() == 4
    who = edition.questions.get(key="structure_type")
    assert ["particulier", "À titre personnel (habitant·e)"] in who.choices
    assert edition.questions.get(key="accessibility").team_only

    edition.status = Edition.Status.PUBLISHED
    edition.save(update_fields=["status"])
    page = client.get(f"/editions/{edition.slug}/inscription/").content.decode()
    assert "première participation" in page and "D&#x27;où venez-vous" in page
    assert "catégorie de public" not in page and "Votre secteur" not in page


def test_a_national_edition_keeps_the_national_questionnaire():
    edition = make_edition("nec-2027")
    get_settings(edition)
    keys = set(edition.questions.values_list("key", flat=True))
    assert {"audience", "sector", "objectives", "first_time"} <= keys


@pytest.fixture
def empty_local(client):
    return make_edition("nec-local-vide", kind=Edition.Kind.LOCAL, city="Metz")


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_empty_programme_shows_no_booking_button(client, empty_local, signed_in):
    if signed_in:
        client.force_login(make_user("participante@example.fr"))
    response = client.get(f"/editions/{empty_local.slug}/programme/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "pas encore publié" in html
    assert not re.search(r"<button[^>]*>[^<]*R[ée]serv", html)
    assert "Réserver" not in html and "attente" not in html
    assert 'action="/editions/nec-local-vide/reservations/' not in html


def test_an_empty_programme_has_no_my_bookings_link(client, empty_local):
    html = client.get(f"/editions/{empty_local.slug}/programme/").content.decode()
    assert "Mes réservations" not in html
