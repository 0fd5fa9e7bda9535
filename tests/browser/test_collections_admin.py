"""The national team's collections in a browser: create a collection, find published resources
with the search and add them, move one up, publish, preview the public page in the chosen order;
axe-core WCAG 2.1 AA on the list and edit pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import make_edition, make_national
from tests.resources.builders import make_resource


@pytest.mark.django_db(transaction=True)
def test_curator_builds_and_publishes_a_collection(browser, live_server, assert_accessible):
    edition = make_edition("nec-2025")
    make_resource(edition, "Les données ouvertes des territoires")
    make_resource(edition, "Données et médiation numérique")
    page = signed_in_page(browser, live_server, make_national())

    page.goto("/orga/")
    click_and_wait(page.get_by_role("link", name="Collections de ressources"))
    assert_accessible(page)
    click_and_wait(page.get_by_role("link", name="Nouvelle collection"))
    page.get_by_label("Titre").fill("Les données à la une")
    page.get_by_label("Présentation").fill("Une sélection sur les données.")
    click_and_wait(page.get_by_role("button", name="Créer la collection"))
    expect(page.locator("body")).to_contain_text("Collection créée")

    page.get_by_label("Rechercher une ressource publiée").fill("donnees")
    click_and_wait(page.get_by_role("button", name="Chercher"))
    assert_accessible(page)
    click_and_wait(
        page.get_by_role("button", name="Ajouter « Les données ouvertes des territoires »")
    )
    click_and_wait(page.get_by_role("button", name="Ajouter « Données et médiation numérique »"))
    assert page.get_by_text("Déjà dans la collection").count() == 2
    click_and_wait(page.get_by_role("button", name="Monter « Données et médiation numérique »"))
    page.get_by_label("Publiée (visible dans la bibliothèque)").check()
    click_and_wait(page.get_by_role("button", name="Enregistrer la collection"))
    expect(page.locator("body")).to_contain_text("Collection enregistrée")
    assert_accessible(page)

    click_and_wait(page.get_by_role("link", name="Voir la page publique"))
    assert page.url.endswith("/ressources/collections/les-donnees-a-la-une/")
    cards = page.locator(".cards").inner_text()
    assert cards.index("Données et médiation") < cards.index("Les données ouvertes")
    page.goto("/orga/ressources/collections/")
    expect(page.locator("table")).to_contain_text("Publiée")
    page.context.close()
