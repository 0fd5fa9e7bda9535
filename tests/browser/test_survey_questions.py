"""The survey's question editor in a browser: the team adds a question from the survey page, the
refused change of an answered question's choices, at 375 and 1280 px without anything wider than
the screen. axe-core on every page visited. Screenshots go to $NEC_SCREENSHOTS when set."""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from nec.editions.models import Membership
from nec.surveys import links, services
from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import make_member
from tests.surveys.builders import VALID_POST, past_edition, sent_survey

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _shot(page, name):
    folder = os.environ.get("NEC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_team_edits_the_survey_questions(browser, live_server, assert_accessible):
    edition = past_edition("nec-enquete-questions")
    organiser = make_member("orga@example.fr", edition, Membership.Role.ORGANISER)
    _survey, _session, _people, responses = sent_survey(edition, n=1, with_session=False)
    Client().post(f"/enquete/{links.token_for(responses[0])}/", VALID_POST)
    page = signed_in_page(browser, live_server, organiser)
    page.goto(f"/orga/{edition.slug}/enquete/")
    page.get_by_role("link", name="Modifier les questions de l'enquête").click()
    expect(page.locator("h1")).to_contain_text("Questions de l'enquête d'évaluation")
    assert_accessible(page)
    click_and_wait(page.get_by_role("link", name="Ajouter une question"))
    page.get_by_label("Intitulé").fill("Le repas vous a-t-il plu ?")
    page.get_by_label("Type").select_option("single")
    page.get_by_label("Choix").fill("oui | Oui\nnon | Non")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("body")).to_contain_text("La question de l'enquête est enregistrée.")
    expect(page.locator("table")).to_contain_text("Le repas vous a-t-il plu ?")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(OVERFLOW) <= 0, width
        _shot(page, f"survey-questions-{width}")
    # an answered default question: its choices are refused, what was typed is kept
    question = services.get_survey(edition).questions.get(key="objectives")
    page.goto(f"/orga/{edition.slug}/enquete/questions/{question.pk}/")
    expect(page.locator("body")).to_contain_text("Cette question a déjà 1 réponse")
    page.get_by_label("Choix").fill("a | A\nb | B")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("body")).to_contain_text("ses choix ne peuvent plus changer")
    expect(page.get_by_label("Choix")).to_have_value("a | A\nb | B")
    assert_accessible(page)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(OVERFLOW) <= 0, width
        _shot(page, f"survey-question-refused-{width}")
