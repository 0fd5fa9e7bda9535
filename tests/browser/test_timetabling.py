"""Demand-aware timetabling in a browser: a participant marks "Ça m'intéresse" on the programme;
the team opens the grid → "Proposer une grille" → runs it (immediate task backend in tests) →
reads the proposal with its before/after figures → applies part of it. axe-core on every page."""

import pytest
from django.urls import reverse

from nec.programme.models import Session
from nec.timetabling.models import SolverRun, Wish
from tests.browser.helpers import signed_in_page
from tests.factories import make_member, make_registration
from tests.timetabling.builders import small_programme


@pytest.mark.django_db(transaction=True)
def test_wish_then_propose_and_apply_part(browser, live_server, assert_accessible, edition):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    slot, room = built["slots"][2], built["rooms"][1]
    Session.objects.filter(pk=d.pk).update(
        status=Session.Status.PUBLISHED, published_slot=slot, published_room=room
    )
    participant = make_registration(edition)
    page = signed_in_page(browser, live_server, participant.user, width=375)
    page.goto(d.get_absolute_url())
    page.get_by_role("button", name=f"Ça m'intéresse — {d.title}").click()
    page.get_by_text(f"Noté : « {d.title} » vous intéresse.").wait_for()
    assert Wish.objects.filter(registration=participant, session=d).exists()
    assert_accessible(page)

    organiser = make_member("equipe.grille@example.fr", edition)
    team = signed_in_page(browser, live_server, organiser)
    team.goto(reverse("programme:orga_grid", kwargs={"edition": edition.slug}))
    team.get_by_role("link", name="Proposer une grille").first.click()
    team.get_by_role("heading", name="Proposer une grille").wait_for()
    assert_accessible(team)
    team.get_by_label("Durée maximale du calcul (secondes)").fill("1")
    team.get_by_role("button", name="Lancer le calcul").click()
    team.get_by_role("heading", name="Avant / après").wait_for()
    assert team.get_by_text("terminée").count() >= 1
    assert_accessible(team)
    # apply one move whose proposed cell is free in the current grid
    run = SolverRun.objects.get(edition=edition)
    occupied = {(s.slot_id, s.room_id) for s in Session.objects.filter(edition=edition)}
    free = [item for item in run.proposal if (item["slot"], item["room"]) not in occupied]
    chosen = Session.objects.get(pk=free[0]["session"])
    team.get_by_label(chosen.title).check()
    team.get_by_role("button", name="Appliquer les sessions cochées").click()
    team.get_by_text("1 sessions placées dans la grille (brouillon)").wait_for()
    chosen.refresh_from_db()
    assert (chosen.slot_id, chosen.room_id) == (free[0]["slot"], free[0]["room"])
    assert_accessible(team)
