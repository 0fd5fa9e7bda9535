"""Programme pages of the espace organisation: sessions, speakers, rooms, grid, publication."""

import pytest
from django.core import mail
from django.urls import reverse

from nec.editions.models import Membership
from nec.programme.models import Room, ScheduleVersion, Session, Speaker, TimeSlot
from nec.programme.services.schedule import place_session, publish_schedule
from nec.programme.services.sessions import add_session_speaker, update_speaker
from nec.programme.services.setup import ensure_default_format_types
from tests.factories import (
    make_edition,
    make_grid,
    make_member,
    make_session,
    make_speaker,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_orga(client, organiser):
    client.force_login(organiser)
    return client


def url(name, edition, *args):
    return reverse(f"programme:{name}", args=[edition.slug, *args])


ORGA_PAGES = [
    "orga_index",
    "orga_session_create",
    "orga_speakers",
    "orga_speaker_create",
    "orga_rooms",
    "orga_slots",
    "orga_themes",
    "orga_formats_list",
    "orga_grid",
    "orga_place",
    "orga_charter",
    "orga_publish",
]


@pytest.mark.parametrize("name", ORGA_PAGES)
def test_orga_pages_render_for_the_organiser(client_orga, edition, name):
    response = client_orga.get(url(name, edition))
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("name", ORGA_PAGES)
def test_orga_pages_are_403_for_another_editions_organiser(client, edition, name):
    other = make_edition("nec-local-tours", kind="local")
    client.force_login(make_member("orga@tours.example", other))
    assert client.get(url(name, edition)).status_code == 403


def test_anonymous_is_sent_to_login(client, edition):
    response = client.get(url("orga_grid", edition))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_reviewer_may_view_but_not_change(client, edition):
    reviewer = make_member("relecture@rennes.example", edition, Membership.Role.REVIEWER)
    client.force_login(reviewer)
    assert client.get(url("orga_grid", edition)).status_code == 200
    assert client.get(url("orga_rooms", edition)).status_code == 403
    assert client.post(url("orga_publish", edition)).status_code == 403
    session = make_session(edition, "Atelier")
    assert client.post(url("orga_session", edition, session.pk), {"title": "X"}).status_code == 403


def test_rows_of_another_edition_are_404(client_orga, edition):
    other = make_edition("nec-local-tours", kind="local")
    foreign = make_session(other, "Session de Tours")
    assert client_orga.get(url("orga_session", edition, foreign.pk)).status_code == 404
    assert client_orga.post(url("orga_unplace", edition, foreign.pk)).status_code == 404


def test_create_session_and_add_speakers(client_orga, edition):
    ensure_default_format_types(edition, actor=None)
    atelier = edition.format_types.get(slug="atelier")
    response = client_orga.post(
        url("orga_session_create", edition),
        {"title": "Atelier données", "format_type": atelier.pk, "language": "fr"},
    )
    session = Session.objects.get(title="Atelier données")
    assert response.status_code == 302 and session.status == "accepted"
    response = client_orga.post(
        url("orga_speaker_create", edition),
        {"name": "Nadia Benali", "email": "nadia@example.org", "gender": "femme"},
    )
    assert response.status_code == 302
    nadia = Speaker.objects.get(name="Nadia Benali")
    client_orga.post(
        url("orga_session_speaker_add", edition, session.pk),
        {"speaker": nadia.pk, "role": "host"},
    )
    assert session.speaker_roles.get().role == "host"
    page = client_orga.get(url("orga_session", edition, session.pk)).content.decode()
    assert "Nadia Benali" in page and "animateur·rice" in page


def test_session_form_errors_keep_input(client_orga, edition):
    response = client_orga.post(
        url("orga_session_create", edition),
        {"title": "", "summary": "Mon résumé", "language": "fr"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mon résumé" in html and "errorlist" in html
    assert not Session.objects.exists()


def test_session_form_refuses_a_format_of_another_edition(client_orga, edition):
    other = make_edition("nec-local-tours", kind="local")
    ensure_default_format_types(other, actor=None)
    foreign = other.format_types.first()
    response = client_orga.post(
        url("orga_session_create", edition),
        {"title": "Atelier", "format_type": foreign.pk, "language": "fr"},
    )
    assert response.status_code == 400 and not Session.objects.exists()


def test_rooms_and_slots_forms(client_orga, edition):
    response = client_orga.post(
        url("orga_rooms", edition), {"name": "Amphi", "capacity": "250", "position": "0"}
    )
    assert response.status_code == 302
    assert Room.objects.get(edition=edition).capacity == 250
    response = client_orga.post(
        url("orga_slots", edition), {"start": "2027-03-16T10:00", "end": "2027-03-16T09:00"}
    )
    assert response.status_code == 400
    assert "La fin du créneau doit suivre son début." in response.content.decode()
    response = client_orga.post(
        url("orga_slots", edition), {"start": "2027-03-16T09:00", "end": "2027-03-16T10:00"}
    )
    assert response.status_code == 302 and TimeSlot.objects.count() == 1


def test_place_in_grid_and_see_conflict(client_orga, edition):
    (room1, room2), (slot1, _slot2) = make_grid(edition, rooms=2, slots=2)
    alice = make_speaker(edition, "Alice Martin", "femme")
    first = make_session(edition, "Atelier A", speakers=[alice])
    second = make_session(edition, "Retex B", speakers=[alice])
    place_session(first, slot1, room1, actor=None)
    response = client_orga.post(
        url("orga_place", edition),
        {"session": second.pk, "slot": slot1.pk, "room": room2.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "est placée" in html
    assert "Alice Martin est attendu·e à deux endroits" in html
    assert "1 conflit" in html
    page = client_orga.get(url("orga_session", edition, second.pk)).content.decode()
    assert "Conflit : Alice Martin est attendu·e à deux endroits" in page


def test_move_into_occupied_cell_shows_the_reason(client_orga, edition):
    (room1, _), (slot1, slot2) = make_grid(edition, rooms=2, slots=2)
    first = make_session(edition, "Atelier A")
    second = make_session(edition, "Retex B")
    place_session(first, slot1, room1, actor=None)
    place_session(second, slot2, room1, actor=None)
    response = client_orga.post(
        url("orga_place", edition), {"session": second.pk, "slot": slot1.pk, "room": room1.pk}
    )
    assert response.status_code == 400
    assert "déjà occupée" in response.content.decode()
    second.refresh_from_db()
    assert second.slot == slot2


def test_place_with_ids_of_another_edition_is_a_form_error(client_orga, edition):
    other = make_edition("nec-local-tours", kind="local")
    (room,), (slot,) = make_grid(other, rooms=1, slots=1)
    session = make_session(edition, "Atelier")
    response = client_orga.post(
        url("orga_place", edition), {"session": session.pk, "slot": slot.pk, "room": room.pk}
    )
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.slot is None


def test_unplace_from_grid(client_orga, edition):
    (room1, _), (slot1, _) = make_grid(edition)
    session = make_session(edition, "Atelier A")
    place_session(session, slot1, room1, actor=None)
    client_orga.post(url("orga_unplace", edition, session.pk))
    session.refresh_from_db()
    assert session.slot is None and session.status == "accepted"


def test_publish_page_refuses_all_male_panel_then_publishes(client_orga, edition):
    (room1, _), (slot1, _) = make_grid(edition)
    men = [make_speaker(edition, n, "homme", email=f"{n}@example.org") for n in ("paul", "jean")]
    panel = make_session(edition, "Table ronde", speakers=men)
    place_session(panel, slot1, room1, actor=None)
    page = client_orga.get(url("orga_publish", edition)).content.decode()
    assert "La publication est bloquée par la charte" in page
    response = client_orga.post(url("orga_publish", edition), follow=True)
    assert "Publication refusée par la charte." in response.content.decode()
    assert not ScheduleVersion.objects.exists()

    add_session_speaker(panel, make_speaker(edition, "Léa", "femme"), actor=None)
    response = client_orga.post(url("orga_publish", edition), follow=True)
    html = response.content.decode()
    assert "La version 1 du programme est publiée" in html
    assert ScheduleVersion.objects.get().number == 1
    assert len(mail.outbox) == 2


def test_status_change_buttons(client_orga, edition):
    session = make_session(edition, "Proposition", status="proposed")
    client_orga.post(url("orga_session_status", edition, session.pk), {"status": "declined"})
    session.refresh_from_db()
    assert session.status == "declined"
    response = client_orga.post(
        url("orga_session_status", edition, session.pk), {"status": "published"}, follow=True
    )
    assert "ne peut pas passer" in response.content.decode()


def test_session_list_filters_and_counts(client_orga, edition):
    make_session(edition, "Atelier A")
    make_session(edition, "Retex B", status="proposed")
    html = client_orga.get(url("orga_index", edition) + "?status=proposed").content.decode()
    assert "Retex B" in html and "Atelier A" not in html
    assert "1 session" in html


def test_themes_and_tracks(client_orga, edition):
    page = url("orga_themes", edition)
    response = client_orga.post(page, {"form": "theme", "theme-name": "Communs & souveraineté"})
    assert response.status_code == 302
    response = client_orga.post(page, {"form": "theme", "theme-name": "communs & souveraineté"})
    assert response.status_code == 400 and "Ce thème existe déjà." in response.content.decode()
    client_orga.post(page, {"form": "track", "track-name": "Choisir un numérique émancipateur"})
    assert [t.name for t in edition.tracks.all()] == ["Choisir un numérique émancipateur"]
    theme = edition.themes.get()
    session = make_session(edition, "Atelier", themes=[theme])
    client_orga.post(url("orga_theme_delete", edition, "theme", theme.pk))
    assert not edition.themes.exists() and session.themes.count() == 0
    other = make_edition("nec-local-tours", kind="local")
    foreign = other.themes.create(name="Autre")
    assert (
        client_orga.post(url("orga_theme_delete", edition, "theme", foreign.pk)).status_code == 404
    )
    assert client_orga.post(url("orga_theme_delete", edition, "bad", foreign.pk)).status_code == 404


def test_speaker_edits_own_profile_and_gender(client, edition):
    user = make_user("nadia@example.org")
    speaker = make_speaker(edition, "Nadia B.", "", consent=False)
    update_speaker(speaker, actor=None, user=user)
    page = reverse("programme:my_speaker_profile", args=[edition.slug])
    assert client.get(page).status_code == 302  # sign in first
    client.force_login(make_user("autre@example.org"))
    assert client.get(page).status_code == 404  # no profile on this edition
    client.force_login(user)
    assert client.get(page).status_code == 200
    response = client.post(
        page, {"name": "Nadia Benali", "gender": "femme", "public_consent": "on"}
    )
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.name, speaker.gender, speaker.public_consent) == ("Nadia Benali", "femme", True)
    response = client.post(page, {"name": "", "gender": "inconnu"})
    assert response.status_code == 400


def test_edit_forms_really_save_changes(client_orga, edition):
    (room, _), (slot, _) = make_grid(edition)
    session = make_session(edition, "Atelier")
    speaker = make_speaker(edition, "Alice", "")
    client_orga.post(
        url("orga_session", edition, session.pk),
        {"title": "Atelier renommé", "language": "fr", "capacity_override": "25"},
    )
    session.refresh_from_db()
    assert (session.title, session.capacity_override) == ("Atelier renommé", 25)
    client_orga.post(url("orga_speaker", edition, speaker.pk), {"name": "Alice", "gender": "femme"})
    speaker.refresh_from_db()
    assert speaker.gender == "femme"
    client_orga.post(
        url("orga_room", edition, room.pk), {"name": "Amphi", "capacity": "99", "position": "0"}
    )
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Amphi", 99)
    client_orga.post(
        url("orga_slot", edition, slot.pk),
        {"start": "2027-03-16T08:30", "end": "2027-03-16T10:00", "label": "Accueil"},
    )
    slot.refresh_from_db()
    assert slot.label == "Accueil"


def test_grid_marks_moves_waiting_for_publication(client_orga, edition):
    (room1, room2), (slot1, _slot2) = make_grid(edition)
    session = make_session(edition, "Atelier A")
    place_session(session, slot1, room1, actor=None)
    assert "non publiée" in client_orga.get(url("orga_grid", edition)).content.decode()
    publish_schedule(edition, actor=None)
    html = client_orga.get(url("orga_grid", edition)).content.decode()
    assert "non publiée" not in html and "déplacée, à publier" not in html
    place_session(session, slot1, room2, actor=None)
    assert "déplacée, à publier" in client_orga.get(url("orga_grid", edition)).content.decode()


def test_format_types_page(client_orga, edition):
    page = url("orga_formats_list", edition)
    client_orga.post(url("orga_formats", edition))  # the NEC defaults
    atelier = edition.format_types.get(slug="atelier")
    response = client_orga.post(
        url("orga_format", edition, atelier.pk),
        {
            "name": "Atelier",
            "default_duration_minutes": "120",
            "participatory": "on",
            "public": "on",
        },
    )
    assert response.status_code == 302
    atelier.refresh_from_db()
    assert atelier.default_duration_minutes == 120 and atelier.participatory
    response = client_orga.post(
        page, {"name": "Retex", "default_duration_minutes": "60", "public": "on"}
    )
    assert response.status_code == 400 and "Ce format existe déjà." in response.content.decode()
    response = client_orga.post(
        page, {"name": "Speed-dating", "default_duration_minutes": "2", "public": "on"}
    )
    assert response.status_code == 400 and "5 minutes au moins" in response.content.decode()
    client_orga.post(page, {"name": "Speed-dating", "default_duration_minutes": "45"})
    speed = edition.format_types.get(slug="speed-dating")
    assert not speed.public and speed.default_duration_minutes == 45
