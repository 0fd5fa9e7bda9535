""" "Mon espace" opens on the person's coming editions: dates, status, and the ticket and agenda
links once confirmed; past editions, cancelled registrations and other people's stay out."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from nec.registrations.models import Registration
from tests.factories import make_edition, make_registration, make_user

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:home")).content.decode()


def test_coming_editions_with_their_status_and_links(client):
    soon = make_edition("nec-bientot", title="NEC Bientôt", start_date=date.today() + timedelta(3))
    later = make_edition("nec-plus-tard", title="NEC Plus tard")
    past = make_edition("nec-passe", title="NEC Passé", start_date=date(2024, 3, 1))
    dropped = make_edition("nec-annule", title="NEC Annulé")
    confirmed = make_registration(soon)
    user = confirmed.user
    for edition, status in (
        (later, Registration.Status.PENDING),
        (past, Registration.Status.CONFIRMED),
        (dropped, Registration.Status.CANCELLED),
    ):
        make_registration(edition, user=user, status=status)
    someone_else = make_registration(make_edition("nec-autre", title="NEC Autre"))

    html = home(client, user)
    assert "Mes prochaines éditions" in html
    assert html.index("NEC Bientôt") < html.index("NEC Plus tard")  # the soonest first
    assert "NEC Passé" not in html and "NEC Annulé" not in html and "NEC Autre" not in html
    assert reverse("registrations:ticket", args=["nec-bientot"]) in html
    assert reverse("registrations:agenda", args=["nec-bientot"]) in html
    # not confirmed yet: the space, but no ticket
    assert reverse("registrations:space", args=["nec-plus-tard"]) in html
    assert reverse("registrations:ticket", args=["nec-plus-tard"]) not in html
    assert "à confirmer" in html
    assert "NEC Autre" in home(client, someone_else.user)


def test_nothing_coming_shows_no_empty_section(client):
    html = home(client, make_user("nouvelle@example.fr"))
    assert "Mes prochaines éditions" not in html
    assert reverse("registrations:mine") in html  # the list of every registration stays
