"""Schedule import, hostile files: bounded nesting and dates, sane capacities; the dry run refuses
everything the apply would refuse, and nothing gives a 500 (review finding 10)."""

import json

import pytest
from django.urls import reverse

from nec.editions.models import Membership
from nec.programme import exchange_import, exchange_parse
from nec.programme.models import Room, Session

pytestmark = pytest.mark.django_db


def _schedule(event: dict, rooms: list | None = None) -> bytes:
    data = {
        "schedule": {
            "conference": {
                "title": "NEC",
                "rooms": rooms if rooms is not None else [{"name": "Salle 1", "capacity": 40}],
                "days": [{"rooms": {"Salle 1": [event]}}],
            }
        }
    }
    return json.dumps(data).encode()


def _event(**fields) -> dict:
    return {
        "guid": "e-1",
        "title": "Atelier",
        "date": "2027-03-16T10:00:00+01:00",
        "duration": "01:00",
        "room": "Salle 1",
        **fields,
    }


def test_deeply_nested_json_is_refused_with_a_message():
    parsed = exchange_parse.parse_schedule(b"[" * 200_000)
    assert parsed.errors == ["Le fichier est trop imbriqué pour un programme."]


@pytest.mark.parametrize(
    "date", ["9999-12-31T23:00:00+01:00", "0001-01-01T10:00:00+01:00", "1899-01-01T10:00:00"]
)
def test_dates_outside_the_years_the_platform_handles_are_refused(date):
    parsed = exchange_parse.parse_schedule(_schedule(_event(date=date, duration="02:00")))
    assert not parsed.events
    assert "date hors des années 2000–2100" in parsed.errors[0]


@pytest.mark.parametrize("capacity", [-5, True, "40", 10**9])
def test_a_bad_room_capacity_is_refused_by_the_dry_run(edition, capacity):
    parsed = exchange_parse.parse_schedule(
        _schedule(_event(), rooms=[{"name": "Salle 1", "capacity": capacity}])
    )
    assert any("capacity" in error for error in parsed.errors)
    plan = exchange_import.plan_import(edition, parsed, actor=None)
    assert not plan.ok
    assert not Room.objects.filter(edition=edition).exists()


def test_the_import_page_answers_hostile_files_with_their_errors(client, edition):
    from nec.accounts.models import User

    organiser = User.objects.create_user("orga@import.example")
    Membership.objects.create(user=organiser, edition=edition, role=Membership.Role.ORGANISER)
    client.force_login(organiser)
    url = reverse("programme:import_schedule", kwargs={"edition": edition.slug})
    files = {
        "nested.json": b"[" * 200_000,
        "far.json": _schedule(_event(date="9999-12-31T23:00:00+01:00", duration="02:00")),
        "year1.json": _schedule(_event(date="0001-01-01T00:00:00+01:00")),
        "negative.json": _schedule(_event(), rooms=[{"name": "Salle 1", "capacity": -5}]),
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    for name, content in files.items():
        upload = SimpleUploadedFile(name, content, content_type="application/json")
        response = client.post(url, {"file": upload})
        assert response.status_code in (200, 400), name
        assert "Erreur" in response.text or "erreur" in response.text, name
    assert not Session.objects.filter(edition=edition).exists()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "9999-12-31T23:00"])
def test_a_room_available_in_year_1_or_9999_gets_a_message_not_a_500(client, edition, moment):
    from nec.accounts.models import User

    organiser = User.objects.create_user("orga@salles.example")
    Membership.objects.create(user=organiser, edition=edition, role=Membership.Role.ORGANISER)
    client.force_login(organiser)
    url = reverse("programme:orga_rooms", kwargs={"edition": edition.slug})
    data = {"name": "Salle 1", "capacity": "40", "position": "0", "available_from": moment}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Indiquez une date entre 2000 et 2100." in response.text
    assert 'value="Salle 1"' in response.text  # the form keeps what was typed
    assert not Room.objects.filter(edition=edition).exists()
