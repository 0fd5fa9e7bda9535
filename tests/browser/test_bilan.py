"""The survey and the bilan in a browser: the event has ended, the team sends the survey, a
person answers through the link in the e-mail (with per-session feedback), the team sees the
response rate, publishes the bilan and downloads its PDF; axe-core clean on every page."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from nec.reports.models import Report
from nec.surveys.models import Response, SessionFeedback
from tests.browser.helpers import signed_in_page
from tests.factories import make_bookable_session, make_member
from tests.surveys.builders import checked_in_people, past_edition


@pytest.mark.django_db(transaction=True)
def test_survey_to_published_bilan(browser, live_server, assert_accessible):
    edition = past_edition("nec-bilan-navigateur")
    session = make_bookable_session(edition, "Atelier communs numériques", capacity=30)
    checked_in_people(edition, 5, session=session)
    organiser = make_member("orga-bilan@example.fr", edition)
    team = signed_in_page(browser, live_server, organiser)
    team.set_default_timeout(30_000)  # a loaded CI machine

    team.goto(f"/orga/{edition.slug}/enquete/")
    assert_accessible(team)
    team.get_by_role("button", name="Envoyer l'enquête").click()
    team.get_by_text("Enquête envoyée à 5 personne(s).").wait_for()
    assert len(mail.outbox) == 5

    link = re.search(r"https?://\S+/enquete/\S+/", mail.outbox[0].body).group(0)
    person = browser.new_context(locale="fr-FR", base_url=live_server.url).new_page()
    person.set_default_timeout(30_000)
    person.goto(urlparse(link).path)
    assert_accessible(person)
    person.get_by_role("group", name="Vos objectifs ont-ils été atteints ?").get_by_label(
        "Oui"
    ).check()
    person.get_by_label("Géniale").check()
    person.get_by_label("Votre note pour « Atelier communs numériques »").select_option("5")
    person.get_by_label("Votre commentaire sur « Atelier communs numériques »").fill("Concret")
    person.get_by_role("button", name="Enregistrer mes réponses").click()
    person.get_by_text("Merci ! Vos réponses sont enregistrées").wait_for()
    assert SessionFeedback.objects.get().rating == 5
    assert Response.objects.filter(submitted_at__isnull=False).count() == 1
    person.context.close()

    team.goto(f"/orga/{edition.slug}/enquete/")
    team.get_by_text(re.compile(r"^20(,0)? %$")).first.wait_for()

    team.goto(f"/orga/{edition.slug}/bilan/")
    assert_accessible(team)
    team.get_by_role("button", name="Publier le bilan").click()
    team.get_by_text("Bilan publié").wait_for()
    assert Report.objects.get(edition=edition).published_at is not None

    team.goto(f"/editions/{edition.slug}/bilan/")
    assert_accessible(team)
    team.get_by_text("Personnes présentes").wait_for()
    with team.expect_download() as download_info:
        team.get_by_role("link", name="Télécharger le bilan (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    team.context.close()
