"""The library in a browser: a local organiser submits the documentation sheet with a photo, the
national team publishes it, it shows in the library search and in the API with its attribution;
axe-core WCAG 2.1 AA on the library pages."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from nec.editions.models import Edition
from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import make_edition, make_member, make_national


def _jpeg(tmp_path):
    path = tmp_path / "atelier.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 120, 90)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_documentation_sheet_from_submission_to_search_and_api(
    browser, live_server, assert_accessible, tmp_path
):
    local = make_edition("nec-local-brest", kind=Edition.Kind.LOCAL, title="NEC local Brest",
                         city="Brest", region_code="53")  # fmt: skip
    organiser = make_member("orga-brest@example.fr", local)
    page = signed_in_page(browser, live_server, organiser)
    page.goto(f"/orga/{local.slug}/ressources/fiche-documentation/")
    assert_accessible(page)
    page.get_by_label("Description et bilan de l'événement").fill("Une journée de médiation.")
    page.get_by_label("Auteur·es et leurs rôles").fill("Équipe de Brest — organisation")
    page.get_by_label("Fréquentation (nombre de participant·es)").fill("120")
    page.get_by_label("Retour sur un ou plusieurs formats").fill("Le barcamp des données a plu.")
    page.locator("#id_photo-image").set_input_files(str(_jpeg(tmp_path)))
    page.get_by_label("Description de la photo (texte alternatif)").fill("Le barcamp")
    click_and_wait(page.get_by_role("button", name="Envoyer pour relecture"))
    expect(page.locator("body")).to_contain_text("Fiche envoyée")
    page.context.close()

    team = signed_in_page(browser, live_server, make_national())
    team.goto("/orga/ressources/moderation/")
    assert_accessible(team)
    click_and_wait(team.get_by_role("link", name="Fiche de documentation — NEC local Brest"))
    team.get_by_label("Publier").check()
    click_and_wait(team.get_by_role("button", name="Enregistrer la décision"))
    team.context.close()

    visitor = browser.new_context(locale="fr-FR", base_url=live_server.url).new_page()
    visitor.goto("/ressources/?q=donnees")
    assert_accessible(visitor)
    click_and_wait(visitor.get_by_role("link", name="Fiche de documentation — NEC local Brest"))
    assert_accessible(visitor)
    attribution = "Fiche de documentation — NEC local Brest — Équipe de Brest, NEC local Brest, "
    assert attribution in visitor.locator("#attribution-line").inner_text()
    api = visitor.request.get("/api/v1/resources?q=données&kind=documentation").json()
    assert api["results"][0]["attribution"].startswith(attribution)
    assert api["results"][0]["attendance"] == 120
