"""Mon espace: the roles per edition, the national team's badge, the links and panels of apps."""

import pytest
from django.urls import reverse

from nec.accounts import home_links
from nec.accounts.checks import check_home_links
from nec.editions.models import Membership
from tests.factories import make_edition, make_member, make_national, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=/compte/" in response.url


def test_home_lists_roles_per_edition_with_links(client):
    rennes = make_edition("rennes", kind="local", title="NEC local Rennes 2027")
    tours = make_edition("tours", kind="local", title="NEC local Tours 2027")
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
    try:
        client.force_login(make_user("participante@exemple.fr"))
        html = client.get(reverse("accounts:home")).content.decode()
        assert "Lien ajouté par une app" in html
    finally:
        home_links._LINKS.pop("editions:history")


def test_a_mistyped_link_fails_the_system_check():
    assert check_home_links() == []
    home_links.register("app:does_not_exist", "Lien fantôme")
    try:
        errors = check_home_links()
    finally:
        home_links._LINKS.pop("app:does_not_exist")
    assert [error.id for error in errors] == ["nec.E002"]
    assert "app:does_not_exist" in errors[0].msg


def test_apps_add_their_panels(client):
    home_links.register_panel("test.panel", lambda request: "<h2>Panneau de test</h2>", order=99)
    home_links.register_panel("test.empty", lambda request: "", order=98)
    try:
        client.force_login(make_user("participante@exemple.fr"))
        html = client.get(reverse("accounts:home")).content.decode()
    finally:
        home_links._PANELS.pop("test.panel")
        home_links._PANELS.pop("test.empty")
    assert "<h2>Panneau de test</h2>" in html
    # the roles panel of the editions app comes first (order 10)
    assert html.index("Mes rôles") < html.index("Panneau de test")
