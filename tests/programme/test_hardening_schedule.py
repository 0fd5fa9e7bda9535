"""Hardening review, findings 15 and 16.

15. A move in the grid is a draft: the public pages, every export, the personal iCal feed and
    the booking rules keep the last PUBLISHED placement until "Publier".
16. ONE definition of a publicly visible session: private institutional times and all-male
    panels are absent from every public export and the iCal, as from the pages.
"""

import csv
import io

import pytest
from django.urls import reverse
from icalendar import Calendar
from lxml import etree

from nec.programme import selectors
from nec.programme.models import Session
from nec.programme.services.schedule import (
    place_session,
    publish_schedule,
    schedule_changes,
    unplace_session,
)
from nec.programme.services.sessions import (
    add_session_speaker,
    remove_session_speaker,
    set_session_status,
)
from nec.programme.services.setup import delete_room, ensure_default_format_types, update_room
from nec.registrations import booking, tickets
from tests.factories import at, make_grid, make_registration, make_session, make_speaker

pytestmark = pytest.mark.django_db

EXPORTS = {
    "json": "programme:export_json",
    "ics": "programme:export_ics",
    "xml": "programme:export_schedule_xml",
    "frab_json": "programme:export_schedule_json",
    "csv": "programme:export_sessions_csv",
}


@pytest.fixture
def grid(edition):
    ensure_default_format_types(edition, actor=None)
    (room1, room2, room3), (slot1, slot2) = make_grid(edition, rooms=3, slots=2)
    update_room(room2, actor=None, name="Amphi Nord")
    update_room(room3, actor=None, name="Salle Sud")
    return {"rooms": (room1, room2, room3), "slots": (slot1, slot2)}


@pytest.fixture
def moved(edition, grid):
    """« Atelier mobile » published in Salle 1 at 9:00, then moved in the grid (not published)
    to Amphi Nord at 10:00."""
    (room1, room2, _room3), (slot1, slot2) = grid["rooms"], grid["slots"]
    speaker = make_speaker(edition, "Alice Martin", "femme")
    session = make_session(
        edition,
        "Atelier mobile",
        [speaker],
        format_type=edition.format_types.get(slug="atelier"),
        capacity_override=20,
    )
    place_session(session, slot1, room1, actor=None)
    publish_schedule(edition, actor=None)
    place_session(session, slot2, room2, actor=None)
    session.refresh_from_db()
    return session


def _get(client, name, edition):
    response = client.get(reverse(name, args=[edition.slug]))
    assert response.status_code == 200, name
    return response


def public_placements(client, edition, title: str) -> dict[str, tuple[str, str]]:
    """{export or page: (local start "HH:MM", room name)} of the session `title`, read back
    from every public output."""
    found: dict[str, tuple[str, str]] = {}
    data = _get(client, EXPORTS["json"], edition).json()
    item = next(s for s in data["sessions"] if s["title"] == title)
    rooms = {room["id"]: room["name"] for room in data["rooms"]}
    found["programme.json"] = (item["start"][11:16], rooms[item["room"]])
    calendar = Calendar.from_ical(_get(client, EXPORTS["ics"], edition).content)
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == title)
    found["programme.ics"] = (event.decoded("DTSTART").strftime("%H:%M"), str(event["LOCATION"]))
    doc = etree.fromstring(_get(client, EXPORTS["xml"], edition).content)
    node = next(e for e in doc.iter("event") if e.findtext("title") == title)
    found["schedule.xml"] = (node.findtext("start"), node.findtext("room"))
    frab = _get(client, EXPORTS["frab_json"], edition).json()
    events = [
        event
        for day in frab["schedule"]["conference"]["days"]
        for items in day["rooms"].values()
        for event in items
    ]
    event = next(e for e in events if e["title"] == title)
    found["schedule.json"] = (event["start"], event["room"])
    text = _get(client, EXPORTS["csv"], edition).content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["titre"] == title)
    found["sessions.csv"] = (row["début"][11:16], row["salle"])
    return found


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --------------------------------------------------------------------------- 15: draft vs public


def test_a_move_stays_a_draft_everywhere_public_until_it_is_published(client, edition, moved):
    # the grid and the publication diff see the draft ...
    assert (moved.slot.start, moved.room.name) == (at(16, 10), "Amphi Nord")
    changes = schedule_changes(edition)
    assert [item["title"] for item in changes["moved"]] == ["Atelier mobile"]
    # ... the public sees the published place: pages and the five exports
    programme = page_text(client, reverse("programme:programme", args=[edition.slug]))
    assert "Salle 1" in programme and "Amphi Nord" not in programme
    page = page_text(client, moved.get_absolute_url())
    assert "09:00–10:00" in page and "Salle 1" in page and "Amphi Nord" not in page
    ics = Calendar.from_ical(
        client.get(reverse("programme:session_ics", args=[edition.slug, moved.pk])).content
    )
    assert ics.walk("VEVENT")[0].decoded("DTSTART") == at(16, 9)
    speaker_page = page_text(
        client, reverse("programme:speaker", args=[edition.slug, "alice-martin"])
    )
    assert "09:00" in speaker_page and "Salle 1" in speaker_page
    assert set(public_placements(client, edition, "Atelier mobile").values()) == {
        ("09:00", "Salle 1")
    }
    # published: everything follows
    publish_schedule(edition, actor=None)
    assert set(public_placements(client, edition, "Atelier mobile").values()) == {
        ("10:00", "Amphi Nord")
    }
    page = page_text(client, moved.get_absolute_url())
    assert "10:00–11:00" in page and "Amphi Nord" in page
    assert not any(schedule_changes(edition).values())


def test_the_personal_ical_feed_and_the_bookings_follow_the_published_place(
    client, edition, grid, moved
):
    (room1, room2, room3), (slot1, slot2) = grid["rooms"], grid["slots"]
    # another session at 10:00, where the draft moves « Atelier mobile » to
    other = make_session(edition, "Retex du matin", capacity_override=20)
    place_session(other, slot2, room3, actor=None)
    place_session(moved, slot1, room1, actor=None)  # back to its published place ...
    publish_schedule(edition, actor=None)  # ... to publish « Retex du matin » alone
    place_session(moved, slot2, room2, actor=None)  # the move again, a draft
    assert Session.objects.get(pk=moved.pk).published_slot == slot1
    person = make_registration(edition)
    booking.book(person, other)
    # no overlap with the PUBLISHED time of « Atelier mobile » (9:00): the seat is given
    assert booking.book(person, moved).booking.status == "confirmed"
    token = tickets.issue_calendar_token(person, actor=None)
    feed_url = reverse("registrations:feed", args=[token])
    events = {
        str(e["SUMMARY"]): e
        for e in Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    }
    assert events["Atelier mobile"].decoded("DTSTART") == at(16, 9)
    assert "Salle 1" in str(events["Atelier mobile"]["LOCATION"])
    agenda = page_text(client, reverse("programme:programme", args=[edition.slug]))
    assert "Amphi Nord" not in agenda
    publish_schedule(edition, actor=None)
    events = {
        str(e["SUMMARY"]): e
        for e in Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    }
    assert events["Atelier mobile"].decoded("DTSTART") == at(16, 10)
    assert "Amphi Nord" in str(events["Atelier mobile"]["LOCATION"])


def test_seats_follow_the_published_room(edition, grid):
    (room1, room2, _room3), (slot1, _slot2) = grid["rooms"], grid["slots"]
    update_room(room1, actor=None, capacity=2)
    update_room(room2, actor=None, capacity=1)
    session = make_session(edition, "Jauge publiée")
    place_session(session, slot1, room1, actor=None)
    publish_schedule(edition, actor=None)
    place_session(session, slot1, room2, actor=None)  # draft: 1 seat there
    first, second = make_registration(edition), make_registration(edition)
    booking.book(first, session)
    # the published room (2 seats) still counts
    assert booking.book(second, session).booking.status == "confirmed"


def test_taking_a_session_out_of_the_grid_keeps_it_public_until_the_next_publication(
    client, edition, moved
):
    unplace_session(moved, actor=None)
    moved.refresh_from_db()
    assert (moved.status, moved.slot, moved.published_room.name) == ("published", None, "Salle 1")
    assert client.get(moved.get_absolute_url()).status_code == 200
    grid_waiting = schedule_changes(edition)["removed"]
    assert [item["title"] for item in grid_waiting] == ["Atelier mobile"]
    version = publish_schedule(edition, actor=None)
    assert [item["title"] for item in version.changelog["removed"]] == ["Atelier mobile"]
    moved.refresh_from_db()
    assert (moved.status, moved.published_slot, moved.published_room) == ("accepted", None, None)
    assert client.get(moved.get_absolute_url()).status_code == 404


def test_cancelling_a_published_session_takes_it_off_the_public_programme_at_once(
    client, edition, moved
):
    set_session_status(moved, Session.Status.CANCELLED, actor=None)
    assert client.get(moved.get_absolute_url()).status_code == 404
    data = _get(client, EXPORTS["json"], edition).json()
    assert data["sessions"] == []


def test_a_room_or_slot_of_the_published_programme_cannot_be_deleted(edition, grid, moved):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="programme publié"):
        delete_room(grid["rooms"][0], actor=None)


def test_the_grid_shows_the_draft_and_says_it_is_one(client, edition, moved, organiser):
    client.force_login(organiser)
    response = client.get(reverse("programme:orga_grid", args=[edition.slug]))
    html = response.content.decode()
    assert "La grille est un brouillon" in html
    assert "déplacée, à publier" in html
    cells = {
        (row.slot.pk, room.pk): [s.title for s in sessions]
        for row in response.context["rows"]
        for room, sessions in row.cells
    }
    assert cells[(moved.slot_id, moved.room_id)] == ["Atelier mobile"]


# --------------------------------------------------------------------------- 16: one definition


@pytest.fixture
def hidden(edition, grid):
    """A public session, a private institutional time and an all-male panel (a woman left it
    after publication), all three "publiées"."""
    (room1, room2, room3), (slot1, _slot2) = grid["rooms"], grid["slots"]
    public = make_session(edition, "Atelier public", [make_speaker(edition, "Inès Petit", "femme")])
    private = make_session(
        edition,
        "Comité des partenaires",
        [make_speaker(edition, "Préfète Discrète", "femme")],
        format_type=edition.format_types.get(slug="temps-prive-institutionnel"),
    )
    woman = make_speaker(edition, "Nour Haddad", "femme")
    panel = make_session(
        edition,
        "Table ronde masculine",
        [woman, make_speaker(edition, "Paul Panel", "homme")],
        format_type=edition.format_types.get(slug="table-ronde"),
    )
    for session, room in ((public, room1), (private, room2), (panel, room3)):
        place_session(session, slot1, room, actor=None)
    publish_schedule(edition, actor=None)
    person = make_registration(edition)
    seat = booking.book(person, panel).booking  # booked while the panel was fine
    remove_session_speaker(panel, woman, actor=None)
    add_session_speaker(panel, make_speaker(edition, "Jacques Panel", "homme"), actor=None)
    assert Session.objects.filter(status="published").count() == 3
    return {"public": public, "private": private, "panel": panel, "seat": seat}


def test_private_times_and_all_male_panels_are_absent_from_every_public_output(
    client, edition, hidden
):
    assert list(selectors.public_sessions(edition)) == [hidden["public"]]
    for key in ("private", "panel"):
        assert client.get(hidden[key].get_absolute_url()).status_code == 404
    for name in EXPORTS.values():
        body = _get(client, name, edition).content.decode("utf-8-sig")
        assert "Atelier public" in body, name
        assert "Comité des partenaires" not in body, name
        assert "Table ronde masculine" not in body, name
    data = _get(client, EXPORTS["json"], edition).json()
    assert [s["title"] for s in data["sessions"]] == ["Atelier public"]
    speakers = _get(client, "programme:export_speakers_csv", edition).content.decode("utf-8-sig")
    assert "Inès Petit" in speakers
    for name in ("Préfète Discrète", "Paul Panel", "Jacques Panel"):
        assert name not in speakers
    speakers_page = page_text(client, reverse("programme:speakers", args=[edition.slug]))
    assert "Paul Panel" not in speakers_page and "Préfète Discrète" not in speakers_page
    # the personal feed of someone who booked the panel before it broke the charter
    token = tickets.issue_calendar_token(hidden["seat"].registration, actor=None)
    feed = client.get(reverse("registrations:feed", args=[token])).content.decode()
    assert "Table ronde masculine" not in feed


def test_the_organisers_complete_exports_still_have_every_session(client, edition, hidden):
    from nec.programme import exchange_export

    data = exchange_export.programme_json(edition, public=False)
    titles = {s["title"] for s in data["sessions"]}
    assert {"Atelier public", "Comité des partenaires", "Table ronde masculine"} <= titles


def test_the_public_definition_matches_the_charter_engine(edition, hidden):
    """The database filter and the charter's Python rule agree on every session."""
    from nec.programme import charter

    sessions = charter.with_speakers(Session.objects.filter(edition=edition))
    by_rule = {s.pk for s in sessions if not charter.blocking_issues([s])}
    by_filter = set(
        charter.without_blocking_issues(Session.objects.all()).values_list("pk", flat=True)
    )
    assert by_rule == by_filter
    assert hidden["panel"].pk not in by_filter


def test_a_draft_edition_shows_nothing(client, edition, hidden):
    edition.status = edition.Status.DRAFT
    edition.save(update_fields=["status"])
    assert not selectors.public_sessions(edition).exists()
    assert client.get(reverse(EXPORTS["json"], args=[edition.slug])).status_code == 404
