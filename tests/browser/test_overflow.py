"""Every public and espace-organisation page at 375 px: nothing wider than the screen (a wide
table scrolls inside its own box, never the whole page)."""

import pytest
from django.urls import reverse

from nec.editions.models import Membership
from nec.editions.orga_nav import items_for
from nec.registrations import booking
from tests.browser.helpers import signed_in_page
from tests.factories import (
    make_bookable_session,
    make_edition,
    make_member,
    make_registration,
    make_slot,
)

WIDTH = 375
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _wide_pages(page, paths) -> list[str]:
    wide = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status < 500, (path, response and response.status)
        extra = page.evaluate(OVERFLOW)
        if extra > 0:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right
                    > document.documentElement.clientWidth + 1)
                  .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
            wide.append(f"{path}: {extra}px too wide ({', '.join(culprits)})")
    return wide


@pytest.mark.django_db(transaction=True)
def test_no_page_is_wider_than_a_phone(browser, live_server):
    edition = make_edition()
    sessions = [
        make_bookable_session(edition, title, slot=make_slot(edition, hour=9 + i), capacity=2)
        for i, title in enumerate(
            ["Atelier médiation numérique et inclusion", "Données ouvertes des territoires"]
        )
    ]
    person = make_registration(edition, "Alice")
    booking.book(person, sessions[0])
    organiser = make_member("orga@example.fr", edition, Membership.Role.ORGANISER)
    slug = edition.slug
    public = [
        "/",
        "/editions/",
        f"/editions/{slug}/",
        f"/editions/{slug}/programme/",
        sessions[0].get_absolute_url(),
        f"/editions/{slug}/intervenants/",
        "/partenaires/",
        "/charte/",
        "/compte/connexion/",
    ]
    participant = signed_in_page(browser, live_server, person.user)
    participant.set_viewport_size({"width": WIDTH, "height": 800})
    wide = _wide_pages(
        participant,
        [*public, f"/editions/{slug}/reservations/", reverse("registrations:space", args=[slug])],
    )
    participant.context.close()
    orga_paths = [item["url"] for item in items_for(organiser, edition)]
    orga_paths += [
        reverse("programme:orga_speakers", args=[slug]),
        reverse("programme:orga_rooms", args=[slug]),
        reverse("programme:orga_slots", args=[slug]),
        reverse("registrations:orga_booking_session", args=[slug, sessions[0].pk]),
        reverse("registrations:team_detail", args=[slug, person.pk]),
        f"{reverse('registrations:checkin', args=[slug])}?q={person.code}",
    ]
    team = signed_in_page(browser, live_server, organiser)
    team.set_viewport_size({"width": WIDTH, "height": 800})
    wide += _wide_pages(team, orga_paths)
    team.context.close()
    assert not wide, "pages wider than 375 px:\n" + "\n".join(wide)
