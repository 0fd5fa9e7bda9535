import pytest
from django.urls import reverse

from nec.accounts import home_links
from nec.editions.models import Membership
from tests.accounts.factories import make_edition, make_member, make_national, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=/compte/" in response.url


def test_home_lists_roles_per_edition_with_links(client):
    rennes = make_edition("rennes", title="NEC local Rennes 2027")
    tours = make_edition("tours", title="NEC local Tours 2027")
    user = make_member("camille@exemple.fr", rennes, Membership.Role.ORGANISER)
    Membership.objects.create(user=user, edition=tours, role=Membership.Role.SPEAKER)
    client.force_login(user)
    html = client.get(reverse("accounts:home")).content.decode()
    assert html.count("<h1") == 1
    assert "NEC local Rennes 2027" in html and "organisateur·rice" in html
    assert "NEC local Tours 2027" in html and "intervenant·e" in html
    assert reverse("editions:orga_edition", args=["rennes"]) in html
    # a speaker has no espace organisation on that edition
    assert reverse("editions:orga_edition", args=["tours"]) not in html
    assert reverse("editions:orga_dashboard") in html


def test_participant_without_role(client):
    client.force_login(make_user("participante@exemple.fr"))
    html = client.get(reverse("accounts:home")).content.decode()
    assert "aucun rôle particulier" in html
    assert reverse("editions:orga_dashboard") not in html


def test_national_team_sees_its_badge(client):
    client.force_login(make_national())
    html = client.get(reverse("accounts:home")).content.decode()
    assert "Équipe nationale" in html
    assert reverse("editions:orga_dashboard") in html


def test_apps_add_their_links(client):
    home_links.register("editions:history", "Lien ajouté par une app", order=1)
    home_links.register("app:does_not_exist", "Lien fantôme")
    try:
        client.force_login(make_user("participante@exemple.fr"))
        html = client.get(reverse("accounts:home")).content.decode()
        assert "Lien ajouté par une app" in html
        assert "Lien fantôme" not in html
    finally:
        home_links._LINKS.pop("editions:history")
        home_links._LINKS.pop("app:does_not_exist")
