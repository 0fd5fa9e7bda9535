"""The whole life of a local edition in a browser, as issue 10's "Done when" asks: apply as a
new person → confirm by the e-mailed link → the team asks for information → the applicant
completes → interview → accepted with 3 500 € → the grant agreement's PDF (the amount and both
parties) → signed copy uploaded → the retro-planning listed → the event passes → the
documentation sheet written from the follow-up page and published by the team → the edition is
"documentée" and its documentation step done; axe-core on every page visited."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import expect

from nec.localeditions.models import Application, Milestone
from tests.browser.helpers import click_and_wait, path_of, sign_in_by_link
from tests.browser.test_local_instruction import METZ, send_application
from tests.browser.test_resources import _jpeg
from tests.factories import make_national
from tests.localeditions.test_agreement import minimal_pdf, pdf_text

DOCUMENTATION_STEP = "Fiche de documentation publiée (CC BY-SA 4.0 FR)"


NANTES = {
    **METZ,
    "id_organisation_name": "Ville de Nantes",
    "id_first_name": "Nadia",
    "id_last_name": "Benali",
    "id_email": "nadia.benali@nantes.example",
    "id_audience": "Conseillers numériques, associations et élus",
    "id_expected_size": "150",
    "id_objectives": "Mettre en réseau les acteurs de la médiation numérique",
    "id_commune": "Nantes",
    "id_department_code": "44",
    "id_venue": "Cité des congrès",
    "id_formats": "Plénière, ateliers, barcamp",
    "region": "52",
}


def _apply(page, assert_accessible) -> None:
    """Fill and send the public application form as Nadia Benali for the Ville de Nantes."""
    page.goto("/nec-locaux/candidater/")
    assert_accessible(page)
    send_application(page, NANTES)
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_local_edition_from_application_to_documentation(page, assert_accessible, tmp_path):
    body = page.locator("body")
    team = make_national("instruction@anct.example")

    # a new person applies, then confirms through the e-mailed link
    _apply(page, assert_accessible)
    link = re.search(r"https?://\S+/nec-locaux/candidater/confirmer/\S+/", mail.outbox[-1].body)
    page.goto(path_of(link.group(0)))
    assert_accessible(page)
    click_and_wait(page.get_by_role("button", name="Confirmer ma candidature"))
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    application = Application.objects.get()
    assert application.confirmed_at is not None and application.applicant is not None

    # the national team asks for information; the applicant completes
    sign_in_by_link(page, team, f"/orga/candidatures/{application.pk}/")
    expect(body).to_contain_text("Ville de Nantes")
    assert_accessible(page)
    page.get_by_text("Demander des renseignements").click()
    page.locator("#id_information-message").fill("Joignez le budget prévisionnel, s'il vous plaît.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(body).to_contain_text("La demande de renseignements a été envoyée au porteur.")

    sign_in_by_link(page, application.applicant, f"/nec-locaux/mes-candidatures/{application.pk}/")
    expect(body).to_contain_text("Joignez le budget prévisionnel")
    assert_accessible(page)
    page.locator("#id_budget").fill("12 000 €, dont 3 500 € demandés à l'ANCT")
    page.get_by_role("button", name="Envoyer ma candidature complétée").click()
    expect(body).to_contain_text("Merci : votre candidature complétée est transmise.")
    assert_accessible(page)

    # interview, then acceptance with a 3 500 € grant
    sign_in_by_link(page, team, f"/orga/candidatures/{application.pk}/")
    expect(body).to_contain_text("12 000 €")
    page.get_by_text("Proposer un entretien").click()
    at = timezone.localtime() + timedelta(days=4)
    page.locator("#id_interview-at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_interview-place").fill("https://visio.example/nantes")
    page.get_by_role("button", name="Proposer l'entretien").click()
    expect(body).to_contain_text("L'entretien a été proposé au porteur.")
    page.get_by_text("Accepter", exact=True).click()
    page.get_by_label("Avec subvention").check()
    page.locator("#id_accept-amount").fill("3500")
    page.get_by_role("button", name="Accepter la candidature").click()
    expect(body).to_contain_text("l'édition locale est créée en brouillon")
    assert_accessible(page)
    application.refresh_from_db()
    edition = application.edition
    assert application.decided_grant == 3500 and edition is not None
    followup = f"/orga/{edition.slug}/suivi/"

    # the team drafts the agreement, sends it; its PDF names the amount and both parties
    page.goto(followup)
    page.get_by_role("link", name="Rédiger la convention").click()
    expect(page.locator("h1")).to_have_text("Rédiger la convention de subvention")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer cette version").click()
    expect(body).to_contain_text("Nouvelle version de la convention rédigée.")
    page.get_by_role("button", name="Envoyer aux organisateur·rices").click()
    expect(body).to_contain_text("Convention envoyée aux organisateur·rices, le PDF joint.")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger la convention, version 1 (PDF)").click()
    text = " ".join(pdf_text(download.value.path().read_bytes()).split())
    assert re.search(r"3[\s\u202f\xa0]500 euros", text), text
    assert "Agence nationale de la cohésion des territoires" in text
    assert "Ville de Nantes" in text

    # the organiser uploads the signed copy and sees the retro-planning
    sign_in_by_link(page, application.applicant, followup)
    signed = tmp_path / "convention-signee.pdf"
    signed.write_bytes(minimal_pdf())
    page.get_by_label("Exemplaire signé (PDF, 10 Mo au plus)").set_input_files(str(signed))
    page.get_by_role("button", name="Déposer l'exemplaire signé").click()
    expect(body).to_contain_text("Exemplaire signé déposé : la convention est signée.")
    expect(page.get_by_role("link", name="Exemplaire signé (PDF)")).to_be_visible()
    for step in ("Comité de pilotage à 3 mois", "Ouverture des inscriptions", DOCUMENTATION_STEP):
        expect(page.get_by_role("rowheader", name=step)).to_be_visible()
    assert_accessible(page)

    # the event takes place: its dates, and the retro-planning with them, move into the past
    moved = edition.start_date - (timezone.localdate() - timedelta(days=3))
    edition.start_date -= moved
    edition.end_date = edition.start_date
    edition.save(update_fields=["start_date", "end_date"])
    Milestone.objects.filter(edition=edition).update(due_date=F("due_date") - moved)
    page.goto(followup)
    expect(body).to_contain_text("Aucune fiche pour l'instant")

    # the organiser writes the documentation sheet from the follow-up page
    page.get_by_role("link", name="Rédiger la fiche de documentation").click()
    expect(page.get_by_label("Fréquentation (nombre de participant·es)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Description et bilan de l'événement").fill(
        "Une journée de plénière et d'ateliers sur la médiation numérique."
    )
    page.get_by_label("Auteur·es et leurs rôles").fill("Nadia Benali — organisation")
    page.get_by_label("Fréquentation (nombre de participant·es)").fill("140")
    page.get_by_label("Retour sur un ou plusieurs formats").fill("Le barcamp a bien fonctionné.")
    page.locator("#id_photo-image").set_input_files(str(_jpeg(tmp_path)))
    page.get_by_label("Description de la photo (texte alternatif)").fill("La plénière")
    page.get_by_role("button", name="Envoyer pour relecture").click()
    expect(body).to_contain_text("Fiche envoyée à l'équipe nationale.")
    assert_accessible(page)

    # the national team publishes it in the resources' review
    sign_in_by_link(page, team, "/orga/ressources/moderation/")
    sheet_title = f"Fiche de documentation — {edition.title}"
    page.get_by_role("link", name=sheet_title).click()
    expect(page.get_by_label("Publier")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Publier").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(body).to_contain_text("Ressource publiée.")

    # the edition is "documentée", its documentation step done by the publication
    page.goto(followup)
    expect(page.locator("#titre-documentation + p + dl")).to_contain_text("Documentée")
    with override("fr"):
        today = date_format(timezone.localdate(), "j F Y")
    step_row = page.locator("tr", has=page.get_by_role("rowheader", name=DOCUMENTATION_STEP))
    expect(step_row).to_contain_text(f"Faite le {today}")
    assert_accessible(page)
    page.goto("/orga/candidatures/suivi/")
    expect(body).to_contain_text("1 édition documentée (fiche publiée) sur 1.")
    expect(page.locator("tr", has_text=edition.title)).to_contain_text("Documentée")
    assert_accessible(page)
    step = Milestone.objects.get(edition=edition, title=DOCUMENTATION_STEP)
    assert step.done_on == timezone.localdate()
