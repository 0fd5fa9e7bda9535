""" "Mon espace" in a browser, on a phone and a desktop: a participant sees the survey waiting for
their answer, their coming edition with its ticket, and as a speaker their coming talk with its
time and room; the survey link leads to the survey. No sideways scrolling; axe-core."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from nec.programme.services.schedule import place_session, publish_schedule
from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import (
    make_edition,
    make_grid,
    make_registration,
    make_session,
    make_slot,
    make_speaker,
)
from tests.surveys.builders import past_edition, sent_survey

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_my_space_opens_on_what_is_coming(browser, live_server, assert_accessible, width):
    _survey, _session, people, _responses = sent_survey(past_edition(title="NEC Passée"), n=1)
    user = people[0].user
    coming = make_edition("nec-a-venir", title="NEC À venir")
    make_registration(coming, user=user)
    (room, _), _ = make_grid(coming, rooms=2, slots=0)
    slot = make_slot(coming, hour=9)  # on the edition's first day, to come whatever today is
    talk = make_session(
        coming, "Les communs numériques", [make_speaker(coming, "Camille", user=user)]
    )
    place_session(talk, slot, room, actor=None)
    publish_schedule(coming, actor=None)

    page = signed_in_page(browser, live_server, user, width=width)
    page.goto(reverse("accounts:home"))
    expect(page.get_by_role("heading", name="Votre avis est attendu")).to_be_visible()
    coming_editions = page.get_by_role("listitem").filter(has_text="NEC À venir").first
    expect(coming_editions.get_by_role("link", name="Mon billet")).to_be_visible()
    talks = page.locator("h2", has_text="Mes prochaines interventions")
    expect(talks).to_be_visible()
    with translation.override("fr"):
        day = date_format(coming.start_date, "l j F Y").capitalize()
    expect(page.locator("body")).to_contain_text(f"{day}, 09:00–10:00 · Salle 1")
    assert page.evaluate(OVERFLOW) <= 0
    assert_accessible(page)

    click_and_wait(page.get_by_role("link", name="Répondre à l'enquête"))
    expect(page.locator("h1")).to_have_text("Enquête d'évaluation")
    expect(page.locator("main")).to_contain_text("NEC Passée")
