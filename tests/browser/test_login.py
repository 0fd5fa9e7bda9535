"""Sign-in by magic link, end to end in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from nec.accounts.models import User
from nec.editions.models import Edition, Membership

LINK = re.compile(r"https?://\S+(/compte/lien/[\w-]+/)")


@pytest.mark.django_db(transaction=True)
def test_sign_in_by_magic_link(page, live_server, assert_accessible):
    edition = Edition.objects.create(
        slug="nec-local-rennes", title="NEC local Rennes 2027", year=2027, status="published"
    )
    user = User.objects.create_user(email="camille@exemple.fr", first_name="Camille")
    Membership.objects.create(user=user, edition=edition, role=Membership.Role.ORGANISER)

    page.goto("/compte/connexion/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    # a bad address gets a message next to the field, and stays accessible
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Recevoir un lien de connexion").click()
    expect(page.get_by_text("n'est pas valide")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Adresse e-mail").fill("camille@exemple.fr")
    page.get_by_role("button", name="Recevoir un lien de connexion").click()
    page.get_by_role("heading", name="Vérifiez votre messagerie").wait_for()
    assert_accessible(page)

    assert len(mail.outbox) == 1
    path = LINK.search(mail.outbox[0].body).group(1)
    page.goto(path)
    page.get_by_role("heading", name="Confirmer la connexion").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Me connecter").click()

    page.get_by_role("heading", name="Mon espace").wait_for()
    expect(page.get_by_text("Vous êtes connecté·e.")).to_be_visible()
    expect(page.get_by_role("heading", name="NEC local Rennes 2027")).to_be_visible()
    assert_accessible(page)

    # the same link a second time: a clear message and a way to get a new one
    page.goto(path)
    page.get_by_role("button", name="Me connecter").click()
    page.get_by_role("heading", name="Lien de connexion inutilisable").wait_for()
    expect(page.get_by_text("Ce lien a déjà servi")).to_be_visible()
    expect(page.get_by_role("button", name="Recevoir un nouveau lien")).to_be_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_staff_password_sign_in_and_espace_organisation_pages(page, live_server, assert_accessible):
    from nec.core import audit

    User.objects.create_user(
        email="equipe@anct.example",
        password="mot-de-passe-de-test-2027",
        is_staff=True,
        is_national_team=True,
    )
    edition = Edition.objects.create(
        slug="nec-local-tours", title="NEC local Tours 2027", year=2027, status="draft"
    )
    audit.record(None, "edition.created", edition)
    page.goto("/compte/connexion/mot-de-passe/")
    assert_accessible(page)
    page.get_by_label("Adresse e-mail").fill("equipe@anct.example")
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test-2027")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Espace organisation").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="NEC local Tours 2027").click()
    page.get_by_role("heading", name="NEC local Tours 2027").wait_for()
    assert_accessible(page)
    for link, heading in (
        ("Paramètres", "Paramètres de l'édition"),
        ("Partenaires", "Partenaires de l'édition"),
        ("Équipe", "Équipe et rôles de l'édition"),
        ("Journal", "Journal d'audit — NEC local Tours 2027"),
    ):
        # from the edition's home, which lists every page of every group of the navigation
        page.goto("/orga/nec-local-tours/")
        page.get_by_role("heading", level=1, name="NEC local Tours 2027").wait_for()
        nav = page.get_by_role("navigation", name="Navigation de l'édition")
        nav.get_by_role("link", name=link, exact=True).click()
        page.get_by_role("heading", name=heading).wait_for()
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    # a refused change shows its message in the page
    page.goto("/orga/nec-local-tours/parametres/")
    page.get_by_label("Date de début").fill("2027-05-10")
    page.get_by_label("Date de fin").fill("2027-05-01")
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_text("La date de fin ne peut pas précéder la date de début.")
    ).to_be_visible()
    assert_accessible(page)
