"""The community's whole path in a browser, mails through a real SMTP sink: import contacts →
build a segment → compose → test send → send → progress bar at 100 % → a recipient
unsubscribes from the mail's link → the statistics count it; axe-core clean on every page."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from nec.community.models import Consent
from tests.browser.helpers import signed_in_page
from tests.community.smtp_sink import SmtpSink
from tests.factories import make_national

CSV = (
    "email;prenom;nom;region;finalites;source_consentement;date_consentement\n"
    "anne@example.org;Anne;Martin;84;newsletter;salon 2024;2024-05-01\n"
    "bruno@example.org;Bruno;Petit;84;newsletter;salon 2024;2024-05-01\n"
    "chloe@example.org;Chloé;Roux;11;newsletter;salon 2024;2024-05-01\n"
)


@pytest.mark.django_db(transaction=True)
def test_import_segment_compose_send_unsubscribe(
    browser, live_server, settings, tmp_path, assert_accessible
):
    national = make_national()
    page = signed_in_page(browser, live_server, national)
    csv_file = tmp_path / "contacts.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port

        page.goto("/communaute/import/")
        assert_accessible(page)
        page.get_by_label("Fichier CSV (UTF-8)").set_input_files(str(csv_file))
        page.get_by_role("button", name="Vérifier ou importer").click()
        expect(page.locator("body")).to_contain_text("Essai à blanc réussi")
        page.get_by_label("Fichier CSV (UTF-8)").set_input_files(str(csv_file))
        page.get_by_label("Essai à blanc : vérifier sans rien importer").uncheck()
        page.get_by_role("button", name="Vérifier ou importer").click()
        expect(page.locator("body")).to_contain_text("3 contacts créés")
        assert_accessible(page)

        page.goto("/communaute/segments/nouveau/")
        page.get_by_label("Nom du segment").fill("Auvergne-Rhône-Alpes")
        page.get_by_label("Région").select_option("84")
        page.get_by_role("button", name="Compter").click()
        expect(page.locator("body")).to_contain_text("2 contacts correspondent")
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer le segment").click()

        page.goto("/communaute/envois/nouveau/")
        page.get_by_label("Objet").fill("Bonjour {prenom}")
        page.get_by_label("Texte").fill("Bonjour {prenom},\n\nLe programme : https://example.org/p")
        page.get_by_label("Segment").select_option(label="Auvergne-Rhône-Alpes")
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer et prévisualiser").click()
        expect(page.locator(".mail-preview")).to_contain_text("Bonjour")
        assert_accessible(page)
        page.get_by_role("button", name="M'envoyer un test").click()
        expect(page.locator("body")).to_contain_text(f"Envoi de test adressé à {national.email}")
        assert sink.recipients == [national.email]

        page.get_by_role("button", name="Envoyer ou programmer").click()
        progress = page.locator("#mailing-progress")
        expect(progress).to_have_attribute("max", "2")
        expect(progress).to_have_attribute("value", "2")
        expect(page.locator("#mailing-progress-text")).to_contain_text("(100 %)")
        assert_accessible(page)
        mailing_url = page.url
        assert sorted(sink.recipients[1:]) == ["anne@example.org", "bruno@example.org"]

        anne = next(m for m in sink.messages if m["To"] == "anne@example.org")
        unsubscribe = urlsplit(anne["List-Unsubscribe"].strip().strip("<>")).path
        visitor = browser.new_context(locale="fr-FR", base_url=live_server.url).new_page()
        visitor.goto(unsubscribe)
        assert_accessible(visitor)
        visitor.get_by_role("button", name="Me désabonner").click()
        expect(visitor.locator("body")).to_contain_text("Désabonnement confirmé")
        assert_accessible(visitor)
        assert Consent.objects.get(contact__email="anne@example.org").status == "withdrawn"

        page.goto(mailing_url)
        figure = page.locator(".figure", has_text="désabonnements")
        expect(figure.locator(".figure-value")).to_have_text("1")
