"""The sessions' unavailable slots in a browser, on a phone (375 px) and a desktop (1280 px): the
team ticks a session's slots and sees the grid's warning, a speaker gives their own; no page
scrolls sideways; axe-core on every page."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import add_speaker, make_member, make_user
from tests.timetabling.builders import small_programme

SHOTS = os.environ.get("NEC_SCREENSHOTS")  # a folder: keep screenshots of the pages there


def fits(page, width: int, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_team_and_speaker_give_unavailable_slots(
    browser, live_server, assert_accessible, edition, width
):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    organiser = make_member("equipe.dispo@example.fr", edition)
    team = signed_in_page(browser, live_server, organiser, width=width)
    team.goto(reverse("timetabling:availability", kwargs={"edition": edition.slug}))
    team.get_by_role("heading", name="Indisponibilités des sessions").wait_for()
    # nobody is unavailable yet: the sessions are in the folded list, found by a speaker's name
    team.get_by_label("Titre de la session ou nom d'un·e intervenant·e").fill("Alex Martin")
    click_and_wait(team.get_by_role("button", name="Chercher"))
    expect(team.locator("body")).to_contain_text("2 sessions correspondent à « Alex Martin ».")
    click_and_wait(team.get_by_role("link", name=c.title))
    team.get_by_role("heading", name=f"Disponibilités de « {c.title} »").wait_for()
    checkboxes = team.get_by_role("checkbox")
    expect(checkboxes).to_have_count(3)
    checkboxes.nth(0).check()
    checkboxes.nth(1).check()
    team.get_by_label("Motif (facultatif)").fill("Arrive à 11 h")
    fits(team, width, "availability-edit")
    assert_accessible(team)
    team.get_by_role("button", name="Enregistrer").click()
    expect(team.locator("body")).to_contain_text(f"Disponibilités de « {c.title} » enregistrées.")
    team.get_by_text("sessions disponibles partout").click()  # unfolds the list
    click_and_wait(team.get_by_role("link", name=a.title))
    team.get_by_role("checkbox").nth(0).check()  # where "A" sits in the grid
    team.get_by_role("button", name="Enregistrer").click()
    expect(team.locator("body")).to_contain_text("1 session placée sur un créneau indisponible")
    expect(team.locator("body")).to_contain_text("Arrive à 11 h")
    fits(team, width, "availability-team")
    assert_accessible(team)

    user = make_user(f"sam{width}@example.fr")
    add_speaker(d, "Sam Parole", user=user)
    speaker = signed_in_page(browser, live_server, user, width=width)
    speaker.goto(reverse("accounts:home"))
    speaker.get_by_role("link", name="Mes disponibilités d'intervenant·e").click()
    speaker.get_by_role("heading", name="Mes disponibilités d'intervenant·e").wait_for()
    fits(speaker, width, "availability-mine")
    assert_accessible(speaker)
    click_and_wait(speaker.get_by_role("link", name=f"Modifier mes disponibilités — {d.title}"))
    speaker.get_by_role("checkbox").nth(2).check()
    speaker.get_by_role("button", name="Enregistrer").click()
    expect(speaker.locator("body")).to_contain_text("Indisponible :")
    assert_accessible(speaker)
