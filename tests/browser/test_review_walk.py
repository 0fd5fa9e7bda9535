"""Reviewing in a browser: the others' scores hidden until one has scored, "save and go on" to
the next proposal, the decision from a proposal's page; a refused placement shown in the grid's
cell. axe-core checks on every page."""

import re

import pytest
from playwright.sync_api import expect

from nec.editions.models import Membership
from nec.programme.models import Proposal, Session
from nec.programme.services.reviews import review_proposal
from nec.programme.services.schedule import place_session
from tests.browser.helpers import click_and_wait, sign_in_by_link
from tests.factories import (
    add_speaker,
    make_catalogue,
    make_edition,
    make_grid,
    make_member,
    make_proposed,
    make_session,
)


def _proposals(edition):
    atelier, *_ = make_catalogue(edition)
    made = []
    for title, email in (("Les communs numériques", "ines@example.org"), ("Fresque", "l@ex.org")):
        session = make_proposed(edition, title, atelier)
        Proposal.objects.create(session=session, edition=edition)
        add_speaker(session, f"Intervenant·e {title}", email=email)
        made.append(session)
    return made


@pytest.mark.django_db(transaction=True)
def test_reviewer_sees_the_others_scores_only_after_scoring(page, live_server, assert_accessible):
    edition = make_edition("nec-2026")
    first, _second = _proposals(edition)
    other = make_member("relecture2@example.org", edition, Membership.Role.REVIEWER)
    review_proposal(first, 2, "Trop vague", actor=other)
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    sign_in_by_link(page, reviewer, f"/orga/{edition.slug}/programme/propositions/")
    page.get_by_role("link", name="Les communs numériques").click()
    expect(page.get_by_text("1 note déjà donnée")).to_be_visible()
    assert page.get_by_text("Trop vague").count() == 0
    assert_accessible(page)

    page.locator("input[name=score][value='4']").check()
    page.get_by_role("button", name="Enregistrer ma note").click()
    expect(page.get_by_text("Moyenne 3,0 / 5 sur 2 notes.")).to_be_visible()
    expect(page.get_by_text("Trop vague")).to_be_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_organiser_walks_and_accepts_from_the_proposal_page(page, live_server, assert_accessible):
    edition = make_edition("nec-2026")
    sessions = _proposals(edition)
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    sign_in_by_link(page, organiser, f"/orga/{edition.slug}/programme/propositions/")
    first_title = page.locator("tbody th a").first.inner_text()
    click_and_wait(page.locator("tbody th a").first)
    page.locator("input[name=score][value='5']").check()
    page.get_by_role("button", name="Enregistrer et passer à la suivante").click()
    second_title = next(s.title for s in sessions if s.title != first_title)
    expect(page.locator("h1")).to_have_text(second_title)
    assert_accessible(page)
    page.get_by_role("link", name=f"Précédente : {first_title}").click()
    expect(page.locator("h1")).to_have_text(first_title)

    page.get_by_role("region", name="Décision").get_by_role("button", name="Accepter…").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer et envoyer les messages").click()
    expect(page.locator("h1")).to_have_text(first_title)
    expect(page.get_by_text("1 proposition(s) traitée(s)")).to_be_visible()
    expect(page.get_by_text("Proposition acceptée le")).to_be_visible()
    assert_accessible(page)
    assert Session.objects.get(title=first_title).status == Session.Status.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_a_refused_placement_is_shown_in_its_cell(page, live_server, assert_accessible):
    edition = make_edition("nec-local-rennes", kind="local", title="NEC local Rennes 2027")
    (room1, _room2), (slot1, slot2) = make_grid(edition, rooms=2, slots=2)
    place_session(make_session(edition, "Atelier A"), slot1, room1, actor=None)
    place_session(make_session(edition, "Retex B"), slot2, room1, actor=None)
    organiser = make_member("orga@rennes.example", edition, Membership.Role.ORGANISER)
    sign_in_by_link(page, organiser, f"/orga/{edition.slug}/programme/grille/")

    page.locator("#id_session").select_option(label="Retex B")
    page.locator("#id_slot").select_option(value=str(slot1.pk))
    page.locator("#id_room").select_option(label="Salle 1")
    page.get_by_role("button", name="Placer", exact=True).click()
    summary = page.get_by_role("alert").filter(has_text="Le placement n'a pas été fait")
    summary.get_by_role("link").click()
    cell = page.locator(f"#case-{slot1.pk}-{room1.pk}")
    expect(page).to_have_url(re.compile(f"#case-{slot1.pk}-{room1.pk}$"))
    expect(cell.get_by_text("la salle Salle 1 est déjà occupée")).to_be_visible()
    assert "cell-refused" in cell.get_attribute("class")
    assert_accessible(page)
