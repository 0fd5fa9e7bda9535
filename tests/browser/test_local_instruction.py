"""The local-edition lifecycle in a browser, as far as it is built: apply as a new person →
confirm by e-mail → the team asks for information → the applicant completes → interview →
accepted with 3 500 € → the local edition and its retro-planning are there; axe-core on every
new page, at 1280 px and the applicant's pages at 375 px."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from nec.localeditions.models import Application
from tests.browser.helpers import click_and_wait, path_of, sign_in_by_link
from tests.factories import make_national

#: what the applicant types in the public form (by field id), the région chosen apart
METZ = {
    "id_organisation_name": "Ville de Metz",
    "id_first_name": "Camille",
    "id_last_name": "Martin",
    "id_email": "camille@metz.example",
    "id_audience": "Médiateurs numériques et élus",
    "id_expected_size": "200",
    "id_objectives": "Fédérer les acteurs de l'inclusion numérique",
    "id_commune": "Metz",
    "id_department_code": "57",
    "id_venue": "Arsenal",
    "id_formats": "Plénières, ateliers",
    "id_grant_requested": "3500",
    "region": "44",
}


def send_application(page, values: dict) -> None:
    """Fill the public application form (open in `page`) with `values`, an event 130 days
    ahead, step-free access, online registration, free entry, support requested and the
    charter accepted; send it and wait for the "check your mailbox" page."""
    fields = {key: value for key, value in values.items() if key != "region"}
    fields["id_event_date"] = (timezone.localdate() + timedelta(days=130)).isoformat()
    for field, value in fields.items():
        page.locator(f"#{field}").fill(value)
    page.locator("#id_region_code").select_option(values["region"])
    page.get_by_label("Oui", exact=True).first.check()
    page.get_by_label("Inscription libre en ligne").check()
    for name in ("free_entry", "support_requested", "charter_accepted"):
        page.locator(f"input[name={name}]").check()
    page.get_by_role("button", name="Envoyer ma candidature", exact=True).click()
    expect(page).to_have_url(re.compile(r"/nec-locaux/candidater/envoyee/$"))


@pytest.mark.django_db(transaction=True)
def test_apply_instruct_and_accept(page, live_server, assert_accessible):
    team = make_national("instruction@anct.example")
    page.goto("/nec-locaux/candidater/")
    send_application(page, METZ)
    link = re.search(r"https?://\S+/nec-locaux/candidater/confirmer/\S+/", mail.outbox[-1].body)
    page.goto(path_of(link.group(0)))
    click_and_wait(page.get_by_role("button", name="Confirmer ma candidature"))
    application = Application.objects.get()
    assert application.confirmed_at is not None

    sign_in_by_link(page, team, f"/orga/candidatures/{application.pk}/")
    assert_accessible(page)
    page.get_by_text("Demander des renseignements").click()
    page.locator("#id_information-message").fill("Précisez le budget prévisionnel.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(
        page.get_by_text("La demande de renseignements a été envoyée au porteur.")
    ).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_by_link(page, application.applicant, f"/nec-locaux/mes-candidatures/{application.pk}/")
    expect(page.get_by_text("Précisez le budget prévisionnel.")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 377
    page.locator("#id_budget").fill("14 000 €, dont 3 500 € demandés")
    page.get_by_role("button", name="Envoyer ma candidature complétée").click()
    expect(page.get_by_text("Merci : votre candidature complétée est transmise.")).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_by_link(page, team, f"/orga/candidatures/{application.pk}/")
    page.get_by_text("Proposer un entretien").click()
    at = timezone.localtime() + timedelta(days=4)
    page.locator("#id_interview-at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_interview-place").fill("https://visio.example/metz")
    page.get_by_role("button", name="Proposer l'entretien").click()
    expect(page.get_by_text("L'entretien a été proposé au porteur.")).to_be_visible()
    page.get_by_text("Accepter", exact=True).click()
    page.get_by_label("Avec subvention").check()
    page.locator("#id_accept-amount").fill("3500")
    page.get_by_role("button", name="Accepter la candidature").click()
    expect(page.get_by_text("l'édition locale est créée en brouillon")).to_be_visible()
    application.refresh_from_db()
    assert application.decided_grant == 3500 and application.edition is not None

    page.goto("/orga/candidatures/suivi/")
    expect(page.get_by_role("link", name=application.edition.title)).to_be_visible()
    assert_accessible(page)
    sign_in_by_link(page, application.applicant, f"/orga/{application.edition.slug}/suivi/")
    expect(page.get_by_role("heading", name="Rétroplanning")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Comité de pilotage à 1 mois")).to_be_visible()
    assert_accessible(page)
