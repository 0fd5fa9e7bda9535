"""The public programme: sessions by day, filters, session and speaker pages, iCal, JSON-LD."""

import json
import re

import pytest
from django.db.models import F
from django.urls import reverse
from icalendar import Calendar

from nec.editions.models import Organisation
from nec.programme import listing
from nec.programme.models import Session
from nec.programme.services.schedule import place_session, publish_schedule
from nec.programme.services.sessions import add_session_speaker, remove_session_speaker
from nec.programme.services.setup import create_slot, ensure_default_format_types, update_room
from tests.factories import PROGRAMME_DAY, at, make_edition, make_grid, make_session, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    # Overrides the root fixture: a venue the session pages show, on the programme's first day.
    edition = make_edition(
        "nec-2027",
        title="NEC 2027",
        city="Rennes",
        venue="Couvent des Jacobins",
        start_date=PROGRAMME_DAY,
        end_date=PROGRAMME_DAY,
    )
    ensure_default_format_types(edition, actor=None)
    return edition


@pytest.fixture
def published(edition):
    """Two published sessions on two days, one draft, one private."""
    (room1, room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    update_room(room2, actor=None, step_free=False)
    day2 = create_slot(edition, actor=None, start=at(17, 14), end=at(17, 15, 30))
    theme = edition.themes.create(name="Communs & souveraineté")
    track = edition.tracks.create(name="Choisir un numérique émancipateur")
    atelier = edition.format_types.get(slug="atelier")
    retex = edition.format_types.get(slug="retex")
    prive = edition.format_types.get(slug="temps-prive-institutionnel")
    alice = make_speaker(
        edition, "Alice Martin", "femme", organisation_name="Coop numérique", job_title="Gérante"
    )
    hidden = make_speaker(edition, "Discret Dupont", "homme", consent=False)
    partner = Organisation.objects.create(name="La Mednum", slug="la-mednum")
    sessions = {
        "atelier": make_session(
            edition,
            "Atelier des communs",
            speakers=[alice, hidden],
            format_type=atelier,
            themes=[theme],
            track=track,
            partners=[partner],
            summary="Construire ensemble <des> communs.",
        ),
        "retex": make_session(edition, "Retex médiation", speakers=[alice], format_type=retex),
        "prive": make_session(edition, "Comité de pilotage", format_type=prive),
    }
    place_session(sessions["atelier"], slot1, room1, actor=None)
    place_session(sessions["retex"], day2, room2, actor=None)
    place_session(sessions["prive"], slot1, room2, actor=None)
    publish_schedule(edition, actor=None)
    sessions["draft"] = make_session(edition, "Session en préparation")
    place_session(sessions["draft"], _slot2, room1, actor=None)
    return sessions


def programme_url(edition, **params):
    url = reverse("programme:programme", args=[edition.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def titles(response) -> list[str]:
    return re.findall(r'<h4><a href="[^"]+">([^<]+)</a></h4>', response.content.decode())


def test_programme_lists_published_public_sessions_by_day(client, edition, published):
    response = client.get(programme_url(edition))
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["Atelier des communs", "Retex médiation"]
    assert "Session en préparation" not in html and "Comité de pilotage" not in html
    assert html.count("<h1>") == 1
    assert "Mardi 16 mars 2027" in html and "Mercredi 17 mars 2027" in html
    assert "Discret Dupont" not in html and "et 1 autre" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"day": "2027-03-17"}, ["Retex médiation"]),
        ({"step_free": "on"}, ["Atelier des communs"]),
        ({"q": "communs"}, ["Atelier des communs"]),
        ({"q": "alice+martin"}, ["Atelier des communs", "Retex médiation"]),
        ({"q": "coop"}, ["Atelier des communs", "Retex médiation"]),
        ({"q": "Discret"}, []),  # speakers who refused to be shown are not searchable
        ({"q": "inexistant"}, []),
        ({"q": "MEDIATION"}, ["Retex médiation"]),  # accents and case ignored
        ({"q": "G%C3%A9rante"}, []),  # only what the list shows is searched
        ({"time": "14:00-15:30"}, ["Retex médiation"]),
    ],
)
def test_programme_filters(client, edition, published, params, expected):
    assert titles(client.get(programme_url(edition, **params))) == expected


def test_programme_filters_by_theme_track_and_format(client, edition, published):
    theme = edition.themes.get()
    track = edition.tracks.get()
    retex = edition.format_types.get(slug="retex")
    assert titles(client.get(programme_url(edition, theme=theme.pk))) == ["Atelier des communs"]
    assert titles(client.get(programme_url(edition, track=track.pk))) == ["Atelier des communs"]
    assert titles(client.get(programme_url(edition, format_type=retex.pk))) == ["Retex médiation"]


def test_programme_links_the_exports_and_sticky_jumps(client, edition, published):
    html = client.get(programme_url(edition)).content.decode()
    for name in ("export_ics", "export_json", "export_schedule_xml", "export_schedule_json"):
        assert reverse(f"programme:{name}", args=[edition.slug]) in html
    assert reverse("programme:export_sessions_csv", args=[edition.slug]) in html
    assert 'class="programme-jumps"' in html and 'href="#jour-2027-03-16"' in html
    assert f'id="session-{published["atelier"].pk}"' in html


def test_programme_list_follows_a_change_of_the_programme(client, edition, published):
    """The list is cached, but a change (a new title, a new publication) shows at once."""
    assert "Atelier des communs" in titles(client.get(programme_url(edition)))
    Session.objects.filter(pk=published["atelier"].pk).update(title="Atelier renommé")
    Session.objects.get(pk=published["atelier"].pk).save()  # touches updated_at
    assert "Atelier renommé" in titles(client.get(programme_url(edition)))


def test_speakers_list_sorted_by_last_name_with_letters_and_search(client, edition, published):
    make_speaker(edition, "Zoé Abadie", "femme")
    session = make_session(edition, "Atelier Z", speakers=[edition.speakers.get(name="Zoé Abadie")])
    place_session(
        session, edition.slots.order_by("start").last(), edition.rooms.first(), actor=None
    )
    publish_schedule(edition, actor=None)
    url = reverse("programme:speakers", args=[edition.slug])
    html = client.get(url).content.decode()
    assert html.index("Zoé Abadie") < html.index("Alice Martin")  # A(badie) before M(artin)
    assert 'href="#lettre-A"' in html and 'id="lettre-M"' in html
    found = client.get(url + "?q=zoe").content.decode()
    assert "Zoé Abadie" in found and "Alice Martin" not in found


def test_bad_filter_values_are_ignored_not_errors(client, edition, published):
    response = client.get(programme_url(edition, day="2099-01-01", theme="abc", q="communs"))
    assert response.status_code == 200
    assert titles(response) == ["Atelier des communs"]


def test_malformed_filters_and_searches_are_ignored_not_errors(client, edition, published):
    """Unknown time, huge ids, a NUL and a pasted essay: the list answers, words capped."""
    for params in (
        {"time": "25:00-99:99", "track": "9" * 30, "format_type": "x", "seats": "peut-être"},
        {"q": "communs\x00"},
        {"q": "communs " + "mot " * 5000},
    ):
        assert client.get(programme_url(edition), params).status_code == 200
    entries = listing.listing(edition).entries  # the search itself: words as everywhere
    assert [e.title for e in listing.search(entries, "communs\x00")] == ["Atelier des communs"]
    assert [e.title for e in listing.search(entries, "communs" + " " * 200 + "inexistant")] == [
        "Atelier des communs"
    ]  # only the first 200 characters count
    speakers = reverse("programme:speakers", args=[edition.slug])
    assert client.get(speakers, {"q": "a\x00 " + "b " * 5000}).status_code == 200


def test_draft_edition_has_no_public_programme(client, published, edition):
    edition.status = "draft"
    edition.save()
    assert client.get(programme_url(edition)).status_code == 404
    session = published["atelier"]
    assert client.get(session.get_absolute_url()).status_code == 404


def test_session_page_with_json_ld(client, edition, published):
    session = published["atelier"]
    response = client.get(session.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice Martin" in html and "La Mednum" in html and "Salle 1" in html
    assert "Discret Dupont" not in html
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<des>" not in raw  # escaped in the script element
    data = json.loads(raw)
    assert data["@type"] == "Event" and data["name"] == "Atelier des communs"
    assert data["startDate"].startswith("2027-03-16T09:00:00+01:00")
    assert data["location"]["name"] == "Salle 1, Couvent des Jacobins"
    assert [p["name"] for p in data["performer"]] == ["Alice Martin"]
    assert data["description"] == "Construire ensemble <des> communs."


def test_unpublished_private_or_other_edition_sessions_are_404(client, edition, published):
    for key in ("draft", "prive"):
        assert client.get(published[key].get_absolute_url()).status_code == 404
    other = make_edition("nec-local-tours", kind="local")
    url = reverse("programme:session", args=[other.slug, published["atelier"].pk])
    assert client.get(url).status_code == 404


def test_session_ics(client, edition, published):
    session = published["atelier"]
    response = client.get(reverse("programme:session_ics", args=[edition.slug, session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Atelier des communs"
    assert event.decoded("dtstart") == at(16, 9)
    assert event.decoded("dtend") == at(16, 10)
    assert "Salle 1" in str(event["location"])


def test_speakers_pages_show_only_consenting_speakers(client, edition, published):
    response = client.get(reverse("programme:speakers", args=[edition.slug]))
    html = response.content.decode()
    assert "Alice Martin" in html and "Discret Dupont" not in html
    alice = edition.speakers.get(name="Alice Martin")
    page = client.get(reverse("programme:speaker", args=[edition.slug, alice.slug]))
    assert page.status_code == 200
    assert "Atelier des communs" in page.content.decode()
    hidden = edition.speakers.get(name="Discret Dupont")
    assert (
        client.get(reverse("programme:speaker", args=[edition.slug, hidden.slug])).status_code
        == 404
    )


def test_all_male_panel_never_shown_even_if_speakers_changed_after_publication(
    client, edition, published
):
    session = published["retex"]
    remove_session_speaker(session, edition.speakers.get(name="Alice Martin"), actor=None)
    for name in ("Paul", "Jacques"):
        add_session_speaker(session, make_speaker(edition, name, "homme"), actor=None)
    assert Session.objects.get(pk=session.pk).status == "published"
    assert "Retex médiation" not in titles(client.get(programme_url(edition)))
    assert client.get(session.get_absolute_url()).status_code == 404


def test_programme_page_query_count_does_not_grow_with_sessions(
    client, edition, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get(programme_url(edition))
    # triple the programme: the number of queries stays the same
    room = edition.rooms.first()
    for n in range(6):
        slot = create_slot(edition, actor=None, start=at(17, 8 + n), end=at(17, 9 + n))
        speaker = make_speaker(edition, f"Intervenante {n}", "femme")
        place_session(make_session(edition, f"Session {n}", [speaker]), slot, room, actor=None)
    edition.sessions.filter(status="scheduled").exclude(title__contains="préparation").update(
        status="published", published_slot=F("slot"), published_room=F("room")
    )
    with django_assert_max_num_queries(10):
        response = client.get(programme_url(edition))
    assert len(titles(response)) == 8
