"""Registration in a browser: register, confirm, personal space, the team's pages; axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from nec.registrations.models import Registration
from tests.browser.helpers import click_and_wait
from tests.factories import make_edition


@pytest.mark.django_db(transaction=True)
def test_register_confirm_and_personal_space(page, live_server, assert_accessible):
    edition = make_edition("nec-navigateur", with_questionnaire=True)
    page.goto(f"/editions/{edition.slug}/inscription/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    # The public-sector question is hidden until "public" is chosen.
    public_kind = page.locator(".field", has=page.locator('[name="q_public_kind"]'))
    assert public_kind.is_hidden()
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_last_name").fill("Martin")
    page.locator("#id_email").fill("camille@example.fr")
    page.locator("#id_organisation").fill("Ville de Lens")
    page.get_by_label("Aucun de ceux-là").check()
    page.get_by_label("Secteur public").check()
    expect(public_kind).to_be_visible()
    page.get_by_label("Ministère ou agence de l'État").check()
    page.get_by_label("Administration ou agence de l'État").check()
    page.locator("#id_q_departement").select_option("2A")
    page.locator('[name="q_first_time"][value="oui"]').check()
    page.get_by_role("button", name="M'inscrire").click()
    # Missing a required answer? No: everything required is there.
    page.wait_for_url("**/inscription/envoyee/")
    expect(page.locator("h1")).to_contain_text("Consultez vos e-mails")
    assert_accessible(page)
    registration = Registration.objects.get(edition=edition)
    assert registration.status == "pending"
    assert registration.newsletter_consent is False
    url = re.search(r"https?://\S+/inscription/confirmer/\S+/", mail.outbox[0].body).group(0)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    page.goto(path)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    page.wait_for_url(f"**/mon-espace/{edition.slug}/")
    expect(page.locator("body")).to_contain_text("Votre inscription est confirmée")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Créer mon lien d'agenda privé").click()
    expect(page.get_by_label("Lien d'abonnement (iCal)")).to_have_value(re.compile("/agenda/"))
    page.get_by_role("link", name="Mon billet").click()
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.django_db(transaction=True)
def test_team_registration_pages_are_accessible(page, live_server, assert_accessible):
    from nec.accounts.models import User
    from nec.editions.models import Membership
    from nec.registrations import services

    edition = make_edition("nec-equipe", with_questionnaire=True)
    for n, sector in enumerate(["public", "public", "private"]):
        result = services.start_registration(
            edition,
            email=f"p{n}@example.fr",
            first_name=f"P{n}",
            last_name="Test",
            answers={"sector": sector, "first_time": True, "departement": "974"},
        )
        services.confirm_registration(result.registration)
    organiser = User.objects.create_user("orga@example.fr", password="mot-de-passe-solide-42")
    Membership.objects.create(user=organiser, edition=edition, role=Membership.Role.ORGANISER)
    page.goto("/compte/connexion/mot-de-passe/")
    page.locator("#id_username").fill("orga@example.fr")
    page.locator("#id_password").fill("mot-de-passe-solide-42")
    click_and_wait(page.locator("main form button[type=submit]"))
    for path in ("", "chiffres/", "questionnaire/", "?q_sector=public"):
        page.goto(f"/orga/{edition.slug}/inscriptions/{path}")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.goto(f"/orga/{edition.slug}/inscriptions/?q_sector=public")
    expect(page.locator("body")).to_contain_text("2 inscriptions correspondent")
