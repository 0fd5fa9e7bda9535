"""Booking end to end in a browser, from the programme: book → full → waiting list → seat freed →
offered → accepted; three sessions chosen without the page jumping (375 and 1280 px); a swap;
a check-in by typed code. axe-core on every page visited."""

import pytest

from nec.editions.models import Membership
from nec.registrations import booking
from nec.registrations.models import Booking
from tests.browser.helpers import click_and_wait, signed_in_page
from tests.factories import (
    make_bookable_session,
    make_edition,
    make_member,
    make_registration,
    make_slot,
    set_settings,
)


@pytest.mark.django_db(transaction=True)
def test_book_full_waitlist_freed_offered_accepted(browser, live_server, assert_accessible):
    edition = make_edition()
    set_settings(edition, waitlist_mode="offer", offer_hours=24)
    session = make_bookable_session(edition, "Atelier données ouvertes", capacity=1)
    make_bookable_session(edition, "Retex France services", slot=make_slot(edition, hour=14))
    first = make_registration(edition, "Alice")
    second = make_registration(edition, "Bruno")
    bookings_url = f"/editions/{edition.slug}/programme/"

    alice = signed_in_page(browser, live_server, first.user)
    alice.goto(bookings_url)
    assert alice.locator("h1").count() == 1
    assert_accessible(alice)
    alice.get_by_role("button", name="Réserver — Atelier données ouvertes").click()
    alice.locator(".booking-feedback").get_by_text(
        "Votre place est réservée pour « Atelier données ouvertes »"
    ).wait_for()
    assert alice.locator(".booking-box").get_by_text("Complet").count() == 1
    assert_accessible(alice)

    bruno = signed_in_page(browser, live_server, second.user)
    bruno.goto(bookings_url)
    bruno.get_by_role(
        "button", name="Rejoindre la liste d'attente — Atelier données ouvertes"
    ).click()
    bruno.get_by_text("Complet — liste d'attente (rang 1)").wait_for()
    assert_accessible(bruno)

    alice.get_by_role("button", name="Libérer ma place — Atelier données ouvertes").click()
    alice.locator(".booking-feedback").get_by_text(
        "Votre réservation pour « Atelier données ouvertes » est annulée."
    ).wait_for()

    bruno.goto(bookings_url)
    bruno.get_by_role(
        "link", name="Une place vous est proposée : répondre — Atelier données ouvertes"
    ).click()
    bruno.get_by_role("heading", name="Place proposée : Atelier données ouvertes").wait_for()
    assert_accessible(bruno)
    bruno.get_by_role("button", name="Accepter la place").click()
    bruno.get_by_text("Votre place est réservée pour « Atelier données ouvertes »").wait_for()
    assert Booking.objects.get(session=session, registration=second).status == "confirmed"
    alice.context.close()
    bruno.context.close()


@pytest.mark.django_db(transaction=True)
def test_check_in_by_typed_code(browser, live_server, assert_accessible):
    edition = make_edition()
    person = make_registration(edition, "Chloé")
    staff = make_member("accueil@example.fr", edition, Membership.Role.STAFF)
    page = signed_in_page(browser, live_server, staff)
    page.goto(f"/orga/{edition.slug}/accueil/")
    assert_accessible(page)
    page.get_by_label("Code du billet ou nom").fill(person.code)
    page.get_by_role("button", name="Chercher").click()
    page.get_by_role("heading", name="Chloé Test").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la présence").click()
    page.get_by_text("Présence enregistrée : Chloé Test.").wait_for()
    assert_accessible(page)
    person.refresh_from_db()
    assert person.checked_in_at is not None
    page.get_by_label("Code du billet ou nom").fill("FAUX:signature")
    page.get_by_role("button", name="Chercher").click()
    page.get_by_text("Signature invalide").wait_for()
    page.context.close()


@pytest.mark.django_db(transaction=True)
def test_swap_page_and_team_pages_are_accessible(browser, live_server, assert_accessible):
    edition = make_edition()
    morning = make_slot(edition, hour=10)
    kept = make_bookable_session(edition, "Sobriété numérique", slot=morning, capacity=5)
    wanted = make_bookable_session(
        edition, "IA et services publics", slot=make_slot(edition, hour=10)
    )
    person = make_registration(edition, "Dora")
    page = signed_in_page(browser, live_server, person.user)
    page.goto(f"/editions/{edition.slug}/programme/")
    page.get_by_role("button", name="Réserver — Sobriété numérique").click()
    page.get_by_role("button", name="Échanger ma place — IA et services publics").click()
    page.get_by_role("button", name="Libérer ma place — IA et services publics").wait_for()
    assert_accessible(page)
    page.locator(".booking-feedback").get_by_text(
        "Votre place est réservée pour « IA et services publics »"
    ).wait_for()
    assert Booking.objects.get(session=kept, registration=person).status == "cancelled"
    assert Booking.objects.get(session=wanted, registration=person).status == "confirmed"
    page.context.close()

    organiser = make_member("orga@example.fr", edition, Membership.Role.ORGANISER)
    team = signed_in_page(browser, live_server, organiser)
    team.goto(f"/orga/{edition.slug}/inscriptions/reservations/")
    assert_accessible(team)
    click_and_wait(team.get_by_role("link", name="Sobriété numérique"))
    team.get_by_label("Jauge de la session").fill("8")
    team.get_by_role("button", name="Enregistrer la jauge").click()
    team.get_by_text("Jauge enregistrée").wait_for()
    assert_accessible(team)
    team.context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_choose_three_sessions_then_join_a_waiting_list(
    browser, live_server, assert_accessible, width
):
    edition = make_edition()
    titles = ["Atelier médiation", "Données ouvertes", "Sobriété numérique"]
    chosen = [
        make_bookable_session(edition, title, slot=make_slot(edition, hour=9 + 2 * i), capacity=30)
        for i, title in enumerate(titles)
    ]
    full = make_bookable_session(
        edition, "Fresque du numérique", slot=make_slot(edition, hour=16), capacity=1
    )
    booking.book(make_registration(edition, "Zoé"), full)
    person = make_registration(edition, "Alice")
    page = signed_in_page(browser, live_server, person.user)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/editions/{edition.slug}/programme/")
    page.get_by_text("30 places restantes sur 30").first.wait_for()
    assert_accessible(page)
    for session in chosen:
        button = page.get_by_role("button", name=f"Réserver — {session.title}")
        button.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        button.click()
        page.get_by_role("button", name=f"Libérer ma place — {session.title}").wait_for()
        assert abs(page.evaluate("window.scrollY") - before) < 5, "the page jumped"
        assert page.url.endswith("/programme/"), "the page was reloaded"
    page.get_by_text("29 places restantes sur 30").first.wait_for()
    waitlist = page.get_by_role(
        "button", name="Rejoindre la liste d'attente — Fresque du numérique"
    )
    waitlist.scroll_into_view_if_needed()
    waitlist.click()
    page.get_by_text("Complet — liste d'attente (rang 1)").wait_for()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert_accessible(page)
    statuses = dict(
        Booking.objects.filter(registration=person).values_list("session__title", "status")
    )
    assert statuses == {**dict.fromkeys(titles, "confirmed"), full.title: "waiting"}
    page.goto(f"/editions/{edition.slug}/reservations/")
    page.get_by_role("heading", name="Mes réservations", level=1).wait_for()
    page.get_by_text("Complet — liste d'attente (rang 1)").wait_for()
    assert_accessible(page)
    page.context.close()
