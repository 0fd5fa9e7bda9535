"""Non-numeric and huge ids in URLs, query strings and forms are a 404 or a form error, never an
overflow in the database (review finding 9)."""

import pytest
from django.urls import reverse

from nec.core.ids import parse_id, parse_ids
from tests.robustness.world import build_world

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


def test_parse_id_accepts_only_ascii_ids_that_fit_the_database():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7
    for value in ("²", "abc", HUGE, "", None, "0", "-3", "4.2", "١٢"):
        assert parse_id(value) is None
    assert parse_ids(["3", "²", "3", HUGE, "5"]) == [3, 5]


@pytest.fixture
def world():
    return build_world()


def test_checkin_with_a_strange_session_or_registration(client, world):
    client.force_login(world.organiser)
    url = reverse("registrations:checkin", kwargs={"edition": world.edition.slug})
    assert client.get(url, {"session": "²"}).status_code == 200
    assert client.get(url, {"session": HUGE}).status_code == 200
    assert client.post(url, {"registration": "abc"}).status_code == 404
    assert client.post(url, {"registration": HUGE}).status_code == 404


def test_proposal_decisions_with_strange_ids(client, world):
    client.force_login(world.organiser)
    url = reverse("programme:cfp_decide", kwargs={"edition": world.edition.slug})
    for value in ("²", HUGE):
        response = client.post(url, {"sessions": [value], "decision": "accept"})
        assert response.status_code == 302  # back to the list: "select at least one proposal"


def test_cancelling_a_booking_with_a_huge_id_is_a_404(client, world):
    client.force_login(world.participant)
    path = f"/editions/{world.edition.slug}/reservations/{HUGE}/annuler/"
    assert client.post(path).status_code == 404
    # the largest id that fits: no such session, back to the list with a message
    largest = f"/editions/{world.edition.slug}/reservations/999999999999999999/annuler/"
    response = client.post(largest)
    assert response.status_code in (302, 404)
