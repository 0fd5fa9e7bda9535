"""Programme services: format types, placing in the grid, conflicts, publication, changes."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from nec.core.models import AuditEntry
from nec.programme import timetable
from nec.programme.models import FormatType, ScheduleVersion, Session
from nec.programme.services.schedule import (
    place_session,
    publish_schedule,
    schedule_changes,
    unplace_session,
)
from nec.programme.services.sessions import create_session, set_session_status, update_session
from nec.programme.services.setup import (
    create_room,
    create_slot,
    create_theme,
    delete_room,
    delete_slot,
    ensure_default_format_types,
    update_room,
)
from tests.factories import at, make_edition, make_grid, make_national, make_session, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(edition):
    return make_grid(edition, rooms=2, slots=2)


def test_default_format_types_are_created_once(edition):
    types = ensure_default_format_types(edition, actor=None)
    assert len(types) == 13
    by_slug = {t.slug: t for t in types}
    assert by_slug["atelier"].participatory and by_slug["atelier"].default_duration_minutes == 90
    assert not by_slug["retex"].participatory
    assert not by_slug["temps-prive-institutionnel"].public
    assert {"masterclass", "regards-croises", "fishbowl", "barcamp", "off"} <= set(by_slug)
    ensure_default_format_types(edition, actor=None)
    assert FormatType.objects.filter(edition=edition).count() == 13


def test_place_moves_and_unplaces_with_status_and_audit(edition, grid):
    (room1, room2), (slot1, slot2) = grid
    session = make_session(edition, "Retex Rennes")
    assert session.status == Session.Status.ACCEPTED

    place_session(session, slot1, room1, actor=None)
    session.refresh_from_db()
    assert (session.slot, session.room, session.status) == (slot1, room1, "scheduled")

    place_session(session, slot2, room2, actor=None)
    session.refresh_from_db()
    assert (session.slot, session.room) == (slot2, room2)
    assert AuditEntry.objects.filter(action="programme.session_moved").count() == 1

    unplace_session(session, actor=None)
    session.refresh_from_db()
    assert session.slot is None and session.room is None and session.status == "accepted"
    with pytest.raises(ValidationError, match="pas dans la grille"):
        unplace_session(session, actor=None)


def test_move_into_an_occupied_cell_is_refused_with_the_reason(edition, grid):
    (room1, _room2), (slot1, slot2) = grid
    first = make_session(edition, "Atelier données")
    second = make_session(edition, "Masterclass communs")
    place_session(first, slot1, room1, actor=None)
    place_session(second, slot2, room1, actor=None)
    with pytest.raises(ValidationError) as refused:
        place_session(second, slot1, room1, actor=None)
    message = refused.value.messages[0]
    assert "déjà occupée" in message and "Atelier données" in message and "Salle 1" in message
    second.refresh_from_db()
    assert second.slot == slot2  # nothing changed


def test_only_accepted_sessions_of_the_same_edition_can_be_placed(edition, grid):
    (room1, _), (slot1, _) = grid
    proposed = make_session(edition, "Proposition", status=Session.Status.PROPOSED)
    with pytest.raises(ValidationError, match="acceptez-la"):
        place_session(proposed, slot1, room1, actor=None)
    other = make_edition("nec-local-tours", kind="local")
    (other_room,), (other_slot,) = make_grid(other, rooms=1, slots=1)
    session = make_session(edition, "Retex")
    with pytest.raises(ValidationError, match="autre édition"):
        place_session(session, other_slot, other_room, actor=None)


def test_status_transitions(edition, grid):
    (room1, _), (slot1, _) = grid
    session = make_session(edition, "Fishbowl", status=Session.Status.PROPOSED)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        set_session_status(session, Session.Status.PUBLISHED, actor=None)
    set_session_status(session, Session.Status.ACCEPTED, actor=None)
    place_session(session, slot1, room1, actor=None)
    set_session_status(session, Session.Status.CANCELLED, actor=None)
    session.refresh_from_db()
    assert session.status == "cancelled" and session.slot is None


def test_conflicts_are_listed(edition):
    (room1, room2), (slot1, slot2) = make_grid(edition, rooms=2, slots=2, capacity=30)
    update_room(room2, actor=None, step_free=False, available_until=at(16, 10))
    alice = make_speaker(edition, "Alice Martin", "femme")
    first = make_session(edition, "Atelier A", speakers=[alice], capacity_override=80)
    second = make_session(edition, "Retex B", speakers=[alice], needs_step_free=True)
    third = make_session(edition, "Pitch C")
    place_session(first, slot1, room1, actor=None)
    place_session(second, slot1, room2, actor=None)
    place_session(third, slot2, room2, actor=None)
    codes = sorted(c.code for c in timetable.edition_conflicts(edition))
    assert codes == sorted(
        [
            timetable.ROOM_TOO_SMALL,  # 80 expected in a room of 30
            timetable.STEP_FREE_MISSING,  # Retex B in room 2
            timetable.ROOM_UNAVAILABLE,  # Pitch C at 10:00, room 2 available until 10:00
            timetable.SPEAKER_TWO_PLACES,  # Alice in room 1 and room 2 at 9:00
        ]
    )
    messages = " ".join(c.message for c in timetable.edition_conflicts(edition))
    assert "Alice Martin" in messages and "80" in messages


def test_room_double_booked_with_overlapping_slots(edition):
    room = create_room(edition, actor=None, name="Amphi", capacity=300)
    long_slot = create_slot(edition, actor=None, start=at(16, 9), end=at(16, 11))
    short_slot = create_slot(edition, actor=None, start=at(16, 10), end=at(16, 11))
    place_session(make_session(edition, "Plénière"), long_slot, room, actor=None)
    place_session(make_session(edition, "Grand format"), short_slot, room, actor=None)
    conflicts = timetable.edition_conflicts(edition)
    assert [c.code for c in conflicts] == [timetable.ROOM_DOUBLE_BOOKED]


def test_publish_creates_numbered_versions_with_changelog_and_mails(edition, grid):
    (room1, room2), (slot1, slot2) = grid
    team = make_national()
    alice = make_speaker(edition, "Alice", "femme", email="alice@example.org")
    bob = make_speaker(edition, "Bob", "homme", email="bob@example.org")
    first = make_session(edition, "Atelier A", speakers=[alice])
    second = make_session(edition, "Retex B", speakers=[bob])
    place_session(first, slot1, room1, actor=team)
    place_session(second, slot1, room2, actor=team)

    v1 = publish_schedule(edition, actor=team)
    assert v1.number == 1 and v1.published_by == team
    assert {item["title"] for item in v1.changelog["added"]} == {"Atelier A", "Retex B"}
    assert set(Session.objects.values_list("status", flat=True)) == {"published"}
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert "version 1" in mail.outbox[0].body

    with pytest.raises(ValidationError, match="Rien n'a changé"):
        publish_schedule(edition, actor=team)

    mail.outbox.clear()
    place_session(first, slot2, room1, actor=team)
    v2 = publish_schedule(edition, actor=team)
    assert v2.number == 2
    assert v2.changelog["added"] == [] and v2.changelog["removed"] == []
    assert [m["title"] for m in v2.changelog["moved"]] == ["Atelier A"]
    assert "→" not in v2.changelog["moved"][0]["from"]
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]  # only the speaker affected
    assert "Session déplacée" in mail.outbox[0].body
    assert f"/editions/{edition.slug}/programme/sessions/{first.pk}/" in mail.outbox[0].body

    unplace_session(second, actor=team)
    v3 = publish_schedule(edition, actor=team)
    assert [m["title"] for m in v3.changelog["removed"]] == ["Retex B"]
    assert list(ScheduleVersion.objects.values_list("number", flat=True)) == [3, 2, 1]


def test_publish_with_nothing_placed_is_refused(edition):
    with pytest.raises(ValidationError, match="rien à publier"):
        publish_schedule(edition, actor=None)


def test_publish_refused_for_an_all_male_panel(edition, grid):
    (room1, _), (slot1, _) = grid
    men = [make_speaker(edition, name, "homme") for name in ("Paul", "Jacques")]
    panel = make_session(edition, "Table ronde IA", speakers=men)
    place_session(panel, slot1, room1, actor=None)
    with pytest.raises(ValidationError) as refused:
        publish_schedule(edition, actor=None)
    assert "Table ronde IA" in " ".join(refused.value.messages)
    assert "exclusivement masculin" in " ".join(refused.value.messages)
    panel.refresh_from_db()
    assert panel.status == "scheduled"
    assert not ScheduleVersion.objects.exists()


def test_delete_room_or_slot_in_use_is_refused(edition, grid):
    (room1, room2), (slot1, slot2) = grid
    place_session(make_session(edition, "Atelier"), slot1, room1, actor=None)
    with pytest.raises(ValidationError, match="retirez-les"):
        delete_room(room1, actor=None)
    with pytest.raises(ValidationError, match="retirez-les"):
        delete_slot(slot1, actor=None)
    delete_room(room2, actor=None)
    delete_slot(slot2, actor=None)


def test_bad_values_are_refused(edition):
    with pytest.raises(ValidationError) as error:
        create_slot(edition, actor=None, start=at(16, 10), end=at(16, 9))
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_room(edition, actor=None, name="Salle", capacity=0)
    assert "capacity" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_session(edition, actor=None, title="  ")
    assert "title" in error.value.message_dict


def test_speaker_slugs_are_unique_per_edition(edition):
    first = make_speaker(edition, "Camille Durand")
    second = make_speaker(edition, "Camille Durand")
    assert first.slug == "camille-durand" and second.slug == "camille-durand-2"


def test_update_session_reports_what_changed(edition):
    from nec.editions.models import Organisation

    theme = create_theme(edition, actor=None, name="Communs")
    partner = Organisation.objects.create(name="La Mednum", slug="la-mednum")
    session = make_session(edition, "Atelier")
    changed = update_session(
        session, actor=None, title="Atelier", summary="Résumé", themes=[theme], partners=[partner]
    )
    assert changed == ["summary", "themes", "partners"]
    assert update_session(session, actor=None, themes=[theme], partners=[partner]) == []
    other_theme = create_theme(
        make_edition("nec-local-tours", kind="local"), actor=None, name="Autre"
    )
    with pytest.raises(ValidationError, match="autre édition"):
        update_session(session, actor=None, themes=[other_theme])
    assert list(session.themes.all()) == [theme]


def test_moving_a_published_session_keeps_it_published_even_from_a_stale_object(edition, grid):
    (room1, room2), (slot1, _) = grid
    session = make_session(edition, "Atelier")
    place_session(session, slot1, room1, actor=None)
    publish_schedule(edition, actor=None)
    assert session.status == "scheduled"  # this Python object is stale: the row is published
    place_session(session, slot1, room2, actor=None)
    session.refresh_from_db()
    assert (session.status, session.room) == ("published", room2)
    assert [m["title"] for m in schedule_changes(edition)["moved"]] == ["Atelier"]
