"""Fair seat allocation in a browser: the team opens the ranking window, a participant ranks
sessions per slot, the team closes the window → the participant has their seats and the team
reads the satisfaction table. axe-core on every page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nec.registrations.models import Booking
from nec.timetabling import allocation_services as services
from tests.browser.helpers import signed_in_page
from tests.factories import make_bookable_session, make_member, make_registration, make_slot


@pytest.mark.django_db(transaction=True)
def test_window_ranking_close_seats(browser, live_server, assert_accessible, edition):
    morning, afternoon = make_slot(edition, hour=10), make_slot(edition, hour=14)
    x = make_bookable_session(edition, "Les communs", capacity=1, slot=morning)
    make_bookable_session(edition, "La médiation", capacity=5, slot=morning)
    z = make_bookable_session(edition, "Les territoires", capacity=3, slot=afternoon)
    organiser = make_member("equipe.attribution@example.fr", edition)
    team = signed_in_page(browser, live_server, organiser)
    team.goto(reverse("timetabling:allocation", kwargs={"edition": edition.slug}))
    team.get_by_role("heading", name="Attribution équitable").wait_for()
    now = timezone.localtime()
    team.get_by_label("Ouverture des classements").fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    team.get_by_label("Clôture des classements").fill(
        (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    )
    team.get_by_role("button", name="Ouvrir les classements").click()
    team.get_by_text("Fenêtre de classement enregistrée.").wait_for()
    assert_accessible(team)

    participant = make_registration(edition)
    other = make_registration(edition)
    services.save_rankings(other, {x.pk: 1}, actor=other.user)
    page = signed_in_page(browser, live_server, participant.user, width=375)
    page.goto(reverse("timetabling:allocation_rank", kwargs={"edition": edition.slug}))
    page.get_by_label("Les communs").select_option(label="1er choix")
    page.get_by_label("La médiation").select_option(label="2e choix")
    page.get_by_label("Les territoires").select_option(label="1er choix")
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.get_by_text("Vos choix sont enregistrés (3).").wait_for()
    assert_accessible(page)

    team.reload()
    team.get_by_text("2 personnes ont classé des sessions").wait_for()
    team.get_by_role("button", name="Clôturer et attribuer les places").click()
    team.get_by_text("Places attribuées : 3 places").wait_for()
    team.get_by_role("table").wait_for()
    assert_accessible(team)

    page.reload()
    page.get_by_role("heading", name="Vos places").wait_for()
    seats = Booking.objects.filter(registration=participant, status=Booking.Status.CONFIRMED)
    assert seats.filter(session=z).exists() and seats.count() == 2
    assert_accessible(page)
