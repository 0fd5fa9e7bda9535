"""A refused placement comes back to the grid with the reason inside the cell concerned and a
summary above the grid linking to it, not on a separate page."""

import re

import pytest
from django.urls import reverse

from nec.programme.models import Session
from nec.programme.services.schedule import place_session
from nec.programme.services.setup import create_slot
from tests.factories import at, make_grid, make_session, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_orga(client, organiser):
    client.force_login(organiser)
    return client


def url(name, edition, *args):
    return reverse(f"programme:{name}", args=[edition.slug, *args])


def cell_html(html: str, slot, room) -> str:
    """The content of the grid cell (`slot`, `room`)."""
    match = re.search(
        rf'<td class="([^"]*)" id="case-{slot.pk}-{room.pk}"[^>]*>(.*?)</td>', html, re.S
    )
    assert match, "cell not in the grid"
    return match.group(1) + "|" + match.group(2)


def test_an_occupied_cell_shows_the_reason_in_the_cell(client_orga, edition):
    (room1, room2), (slot1, slot2) = make_grid(edition, rooms=2, slots=2)
    place_session(make_session(edition, "Atelier A"), slot1, room1, actor=None)
    second = make_session(edition, "Retex B")
    place_session(second, slot2, room1, actor=None)

    response = client_orga.post(
        url("orga_place", edition), {"session": second.pk, "slot": slot1.pk, "room": room1.pk}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("<h1") == 1 and "Grille du programme" in html
    target = cell_html(html, slot1, room1)
    assert "cell-refused" in target.split("|")[0]
    assert "la salle Salle 1 est déjà occupée" in target and "Refusé :" in target
    assert html.count("est déjà occupée") == 1  # in the cell only, the summary links to it
    summary = html[html.index('class="message message-error error-summary"') :]
    assert f'href="#case-{slot1.pk}-{room1.pk}"' in summary[: summary.index("</div>")]
    assert "Le placement n'a pas été fait" in html
    # the other cells stay quiet, the form below keeps the choice
    assert "cell-refused" not in cell_html(html, slot1, room2).split("|")[0]
    assert f'<option value="{second.pk}" selected>' in html
    second.refresh_from_db()
    assert (second.slot, second.room) == (slot2, room1)


def test_the_grid_shows_the_day_of_the_refused_cell(client_orga, edition):
    (room1, _room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    day2 = create_slot(edition, actor=None, start=at(17, 9), end=at(17, 10))
    place_session(make_session(edition, "Atelier du mercredi"), day2, room1, actor=None)
    moved = make_session(edition, "Retex B")
    place_session(moved, slot1, room1, actor=None)
    response = client_orga.post(
        url("orga_place", edition), {"session": moved.pk, "slot": day2.pk, "room": room1.pk}
    )
    assert response.status_code == 400
    assert response.context["day"].isoformat() == "2027-03-17"
    assert "déjà occupée" in cell_html(response.content.decode(), day2, room1)
    # the day tabs lead to the grid, not back to the placing URL
    assert f'href="{url("orga_grid", edition)}?jour=2027-03-16"' in response.content.decode()


def test_a_speaker_elsewhere_is_placed_with_the_conflict_marked(client_orga, edition):
    (room1, room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    alice = make_speaker(edition, "Alice Martin", "femme")
    place_session(make_session(edition, "Atelier A", [alice]), slot1, room1, actor=None)
    second = make_session(edition, "Retex B", [alice])
    response = client_orga.post(
        url("orga_place", edition),
        {"session": second.pk, "slot": slot1.pk, "room": room2.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "Conflit : Alice Martin est attendu·e à deux endroits" in html
    assert "grid-conflict" in cell_html(html, slot1, room2)


def test_a_bad_form_is_summarised_above_the_grid_with_links_to_the_fields(client_orga, edition):
    (room1, _room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    declined = make_session(edition, "Refusée", status=Session.Status.DECLINED)
    for data in (
        {"session": declined.pk, "slot": slot1.pk, "room": room1.pk},
        {"session": "abc", "slot": "", "room": "9" * 30},
        {},
    ):
        response = client_orga.post(url("orga_place", edition), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Le placement n'a pas été fait" in html
        assert 'href="#id_session"' in html
    declined.refresh_from_db()
    assert declined.slot is None


def test_a_reviewer_cannot_place(client, edition):
    from nec.editions.models import Membership
    from tests.factories import make_member

    (room1, _), (slot1, _) = make_grid(edition)
    session = make_session(edition, "Atelier")
    client.force_login(make_member("relecture@example.org", edition, Membership.Role.REVIEWER))
    response = client.post(
        url("orga_place", edition), {"session": session.pk, "slot": slot1.pk, "room": room1.pk}
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.slot is None
