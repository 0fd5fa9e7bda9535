"""The programme in a real browser: the timetable editor, publishing, the public programme."""

import pytest
from playwright.sync_api import expect

from nec.editions.models import Membership
from nec.programme.models import ScheduleVersion, Session
from nec.programme.services.schedule import place_session, publish_schedule
from nec.programme.services.setup import (
    create_slot,
    create_theme,
    ensure_default_format_types,
    update_room,
)
from tests.browser.helpers import click_and_wait, sign_in_by_link
from tests.factories import at, make_edition, make_grid, make_member, make_session, make_speaker


def _organiser(edition):
    return make_member("orga@rennes.example", edition, Membership.Role.ORGANISER)


@pytest.mark.django_db(transaction=True)
def test_team_places_a_session_in_the_grid_and_sees_the_conflict(
    page, live_server, assert_accessible
):
    edition = make_edition("nec-local-rennes", kind="local", title="NEC local Rennes 2027")
    (room1, _room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    alice = make_speaker(edition, "Alice Martin", "femme")
    place_session(make_session(edition, "Atelier A", [alice]), slot1, room1, actor=None)
    make_session(edition, "Retex B", [alice])
    sign_in_by_link(page, _organiser(edition), f"/orga/{edition.slug}/programme/grille/")

    page.get_by_role("heading", name="Grille du programme").wait_for()
    expect(page.get_by_text("Aucun conflit dans la grille.")).to_be_visible()
    assert_accessible(page)

    # the empty cell of room 2 at 9:00 -> the placing form, prefilled
    click_and_wait(page.get_by_role("link", name=f"Placer ici : Salle 2, {slot1}"))
    page.locator("#id_session").select_option(label="Retex B")
    assert_accessible(page)
    page.get_by_role("button", name="Placer").click()

    page.get_by_role("heading", name="Grille du programme").wait_for()
    expect(page.get_by_text("« Retex B » est placée")).to_be_visible()
    conflict = "Alice Martin est attendu·e à deux endroits"
    expect(page.locator(".conflicts").get_by_text(conflict)).to_be_visible()
    assert page.locator(".grid-conflict").count() == 2
    assert_accessible(page)

    # moving it into the occupied cell is refused with the reason
    click_and_wait(page.get_by_role("link", name="Déplacer Retex B"))
    page.locator("#id_room").select_option(label="Salle 1")
    page.get_by_role("button", name="Placer").click()
    expect(page.get_by_text("la salle Salle 1 est déjà occupée")).to_be_visible()
    assert_accessible(page)
    assert Session.objects.get(title="Retex B").room.name == "Salle 2"


@pytest.mark.django_db(transaction=True)
def test_publishing_is_refused_for_an_all_male_panel(page, live_server, assert_accessible):
    edition = make_edition("nec-local-rennes", kind="local", title="NEC local Rennes 2027")
    (room1, _), (slot1, _) = make_grid(edition)
    men = [make_speaker(edition, name, "homme") for name in ("Paul Durand", "Marc Petit")]
    place_session(make_session(edition, "Table ronde IA", men), slot1, room1, actor=None)
    sign_in_by_link(page, _organiser(edition), f"/orga/{edition.slug}/programme/publier/")

    page.get_by_role("heading", name="Publier le programme").wait_for()
    expect(page.get_by_text("La publication est bloquée par la charte")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publier une nouvelle version").click()
    expect(page.get_by_text("Publication refusée par la charte.")).to_be_visible()
    assert not ScheduleVersion.objects.exists()
    assert_accessible(page)

    page.get_by_role("navigation", name="Navigation de l'édition").get_by_role(
        "link", name="Charte"
    ).click()
    page.get_by_role("heading", name="Le programme au regard de la charte").wait_for()
    expect(page.get_by_text("Panel exclusivement masculin")).to_be_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_public_filters_the_programme(page, live_server, assert_accessible):
    edition = make_edition("nec-2027", title="NEC 2027")
    ensure_default_format_types(edition, actor=None)
    (room1, room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    update_room(room2, actor=None, step_free=False)
    day2 = create_slot(edition, actor=None, start=at(17, 14), end=at(17, 15))
    alice = make_speaker(edition, "Alice Martin", "femme", organisation_name="Coop numérique")
    retex = edition.format_types.get(slug="retex")
    placements = [
        ("Retex de Lens", slot1, room1),
        ("Atelier sobriété", slot1, room2),
        ("Retex de Metz", day2, room1),
    ]
    for title, slot, room in placements:
        session = make_session(edition, title, [alice], format_type=retex, summary="Un résumé.")
        place_session(session, slot, room, actor=None)
    publish_schedule(edition, actor=None)

    page.goto(f"/editions/{edition.slug}/programme/")
    assert page.locator("h1").count() == 1
    assert page.locator(".session-item").count() == 3
    assert_accessible(page)

    page.get_by_text("Filtres : jour, créneau, parcours").click()  # opens the other filters
    page.locator("#id_day").select_option(label="mercredi 17 mars")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".session-item h4")).to_have_text(["Retex de Metz"])

    click_and_wait(page.get_by_role("link", name="Tout afficher"))
    page.get_by_text("Filtres : jour, créneau, parcours").click()
    page.get_by_label("Salles de plain-pied uniquement").check()
    page.get_by_label("Rechercher").fill("retex")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".session-item h4")).to_have_text(["Retex de Lens", "Retex de Metz"])
    assert_accessible(page)

    page.get_by_role("link", name="Retex de Lens").click()
    page.get_by_role("heading", name="Retex de Lens").wait_for()
    expect(page.get_by_role("link", name="Ajouter à mon agenda (.ics)")).to_be_visible()
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert_accessible(page)

    page.get_by_role("link", name="Alice Martin").click()
    page.get_by_role("heading", name="Alice Martin").wait_for()
    assert page.locator(".session-item").count() == 3
    assert_accessible(page)
    page.get_by_role("link", name="Intervenant·es").first.click()
    page.get_by_role("heading", name="Intervenant·es de NEC 2027").wait_for()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_orga_programme_pages_are_accessible(page, live_server, assert_accessible):
    edition = make_edition("nec-local-rennes", kind="local", title="NEC local Rennes 2027")
    ensure_default_format_types(edition, actor=None)
    create_theme(edition, actor=None, name="Données & territoires")
    (room1, _), (slot1, _) = make_grid(edition)
    alice = make_speaker(edition, "Alice Martin", "femme")
    session = make_session(edition, "Atelier A", [alice, make_speaker(edition, "Claude", "")])
    place_session(session, slot1, room1, actor=None)
    base = f"/orga/{edition.slug}/programme/"
    sign_in_by_link(page, _organiser(edition), base)
    page.get_by_role("heading", name="Sessions du programme").wait_for()
    assert_accessible(page)
    for path in (
        f"sessions/{session.pk}/",
        "sessions/nouvelle/",
        "intervenants/",
        f"intervenants/{alice.pk}/",
        "salles/",
        "themes/",
        "formats/",
        "charte/",
    ):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    # a bad slot: the error is shown next to the field, what was typed is kept
    page.goto(base + "creneaux/")
    page.get_by_label("Début").fill("2027-03-16T11:00")
    page.get_by_label("Fin").fill("2027-03-16T10:00")
    page.get_by_role("button", name="Enregistrer le créneau").click()
    expect(page.get_by_text("La fin du créneau doit suivre son début.")).to_be_visible()
    assert page.get_by_label("Début").input_value() == "2027-03-16T11:00"
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_drag_and_drop_places_a_waiting_session(page, live_server, assert_accessible):
    edition = make_edition("nec-local-rennes", kind="local", title="NEC local Rennes 2027")
    (_room1, room2), (_slot1, slot2) = make_grid(edition, rooms=2, slots=2)
    make_session(edition, "Fishbowl données")
    sign_in_by_link(page, _organiser(edition), f"/orga/{edition.slug}/programme/grille/")
    page.get_by_role("heading", name="Grille du programme").wait_for()
    source = page.locator("li[data-session]", has_text="Fishbowl données")
    target = page.locator(f"td[data-slot='{slot2.pk}'][data-room='{room2.pk}']")
    page.set_viewport_size({"width": 1280, "height": 2400})  # source and target both in view
    source.drag_to(target)
    page.get_by_text("« Fishbowl données » est placée").wait_for()
    session = Session.objects.get(title="Fishbowl données")
    assert (session.slot_id, session.room_id) == (slot2.pk, room2.pk)
    assert_accessible(page)
