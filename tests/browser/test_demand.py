"""Wishes before the grid is fixed, in a browser: a participant marks an accepted session that has
no slot yet on "Les sessions qui m'intéressent" (375 px), the team reads it on "Demande par
session" (375 px, no page overflow). axe-core on both pages."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from nec.timetabling.models import Wish
from tests.browser.helpers import signed_in_page
from tests.factories import make_member, make_registration
from tests.timetabling.builders import small_programme


@pytest.mark.django_db(transaction=True)
def test_wish_on_unscheduled_session_then_team_demand(
    browser, live_server, assert_accessible, edition
):
    d = small_programme(edition)["sessions"][3]  # accepted, not placed
    participant = make_registration(edition)
    page = signed_in_page(browser, live_server, participant.user, width=375)
    page.goto(reverse("timetabling:wishes", kwargs={"edition": edition.slug}))
    expect(page.locator(f"#session-{d.pk}")).to_contain_text("Horaire à venir")
    page.get_by_role("button", name=f"Ça m'intéresse — {d.title}").click()
    expect(page.locator("body")).to_contain_text(f"Noté : « {d.title} » vous intéresse.")
    assert Wish.objects.filter(registration=participant, session=d).exists()
    assert page.get_by_role("button", name="Réserver").count() == 0
    assert_accessible(page)

    organiser = make_member("equipe.demande@example.fr", edition)
    team = signed_in_page(browser, live_server, organiser, width=375)
    team.goto(reverse("timetabling:demand", kwargs={"edition": edition.slug}))
    expect(team.locator("body")).to_contain_text("non placée")
    expect(team.locator("body")).to_contain_text("au même moment")
    assert team.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(team)
