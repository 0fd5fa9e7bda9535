"""The schedule import goes through the programme services: their checks (reported by the dry
run, item by item) and their audit entries."""

import io
import json

import pytest
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.editions.models import Membership
from nec.programme import exchange_frab, exchange_import, exchange_parse
from nec.programme.models import Room, Session, SessionSpeaker, Speaker, TimeSlot
from tests.factories import make_edition, make_member, make_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(edition):
    return make_schedule(edition)


def _json(edition) -> dict:
    return exchange_frab.schedule_json(edition, public=False)


def _parse(data: dict) -> exchange_parse.ParsedSchedule:
    return exchange_parse.parse_schedule(json.dumps(data).encode())


def _events(data: dict) -> list[dict]:
    days = data["schedule"]["conference"]["days"]
    return [event for day in days for events in day["rooms"].values() for event in events]


def _speaker_names(session: Session) -> list[str]:
    return list(
        SessionSpeaker.objects.filter(session=session)
        .order_by("position", "id")
        .values_list("speaker__name", flat=True)
    )


def test_import_writes_the_audit_entries_of_the_services(edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    plan = exchange_import.apply_import(target, _parse(_json(edition)), actor=None)
    assert plan.ok
    actions = list(AuditEntry.objects.filter(edition=target).values_list("action", flat=True))
    assert actions.count("programme.session_created") == 4
    assert actions.count("programme.session_placed") == 4
    assert actions.count("programme.room_created") == 2
    assert actions.count("programme.slot_created") == 3
    assert actions.count("programme.speaker_created") == 5
    assert actions.count("programme.format_type_created") == 2
    assert actions.count("programme.track_created") == 1
    assert actions.count("programme.schedule_imported") == 1
    assert (plan.rooms_created, plan.slots_created, plan.speakers_created) == (2, 3, 5)
    assert set(Session.objects.filter(edition=target).values_list("status", flat=True)) == {
        Session.Status.SCHEDULED
    }


def test_dry_run_reports_what_a_service_refuses_and_writes_nothing(edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    data = _json(edition)
    first, second = [e for e in _events(data) if e["room"] == "Salle Volcans"][:2]
    # the second session in the same room at the same time: the grid has one session per cell
    second.update(date=first["date"], start=first["start"], end=first["end"])
    second["duration"] = first["duration"]
    parsed = _parse(data)
    assert parsed.errors == []
    plan = exchange_import.plan_import(target, parsed, actor=None)
    assert not plan.ok
    assert len(plan.errors) == 1
    assert plan.errors[0].startswith('schedule.conference.days[0].rooms["Salle Volcans"]')
    assert f"(« {second['title']} ») : Impossible de placer" in plan.errors[0]
    assert "déjà occupée" in plan.errors[0]
    assert len(plan.sessions_created) == 3  # the refused event is not counted
    assert not Session.objects.filter(edition=target).exists()
    assert not Room.objects.filter(edition=target).exists()
    assert not AuditEntry.objects.filter(edition=target).exists()
    applied = exchange_import.apply_import(target, parsed, actor=None)
    assert not applied.ok and applied.errors == plan.errors
    assert not Session.objects.filter(edition=target).exists()
    assert not Speaker.objects.filter(edition=target).exists()


def test_a_zero_length_event_of_a_frab_file_is_refused_with_its_line(edition, sessions):
    content = exchange_frab.schedule_xml(edition, public=False).decode()
    content = content.replace("<duration>01:30</duration>", "<duration>00:00</duration>", 1)
    target = make_edition("nec-copie", start_date=edition.start_date)
    plan = exchange_import.plan_import(
        target, exchange_parse.parse_schedule(content.encode()), actor=None
    )
    assert len(plan.errors) == 1
    line = int(plan.errors[0].split()[1])
    assert content.splitlines()[line - 1].strip().startswith("<event ")
    assert "La fin du créneau doit suivre son début." in plan.errors[0]
    assert not TimeSlot.objects.filter(edition=target).exists()


def test_reimport_reorders_and_removes_speakers_and_keeps_what_the_team_set(edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    data = _json(edition)
    assert exchange_import.apply_import(target, _parse(data), actor=None).ok
    session = Session.objects.get(edition=target, title=sessions[0].title)
    assert _speaker_names(session) == ["Camille Martin", "Louis Bernard"]
    louis = SessionSpeaker.objects.get(session=session, speaker__name="Louis Bernard")
    louis.confirmed, louis.role = True, SessionSpeaker.Role.HOST
    louis.save()
    event = next(e for e in _events(data) if e["title"] == sessions[0].title)
    event["persons"].reverse()
    assert exchange_import.apply_import(target, _parse(data), actor=None).ok
    assert _speaker_names(session) == ["Louis Bernard", "Camille Martin"]
    louis.refresh_from_db()
    assert louis.confirmed and louis.role == SessionSpeaker.Role.HOST
    event["persons"] = event["persons"][:1]
    assert exchange_import.apply_import(target, _parse(data), actor=None).ok
    assert _speaker_names(session) == ["Louis Bernard"]
    assert AuditEntry.objects.filter(
        edition=target, action="programme.session_speaker_removed"
    ).exists()


def test_a_declined_session_is_not_placed_again_by_a_reimport(edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    content = exchange_frab.schedule_xml(edition, public=False)
    assert exchange_import.apply_import(
        target, exchange_parse.parse_schedule(content), actor=None
    ).ok
    declined = Session.objects.get(edition=target, title=sessions[1].title)
    declined.status = Session.Status.DECLINED
    declined.slot = declined.room = None
    declined.save()
    plan = exchange_import.plan_import(target, exchange_parse.parse_schedule(content), actor=None)
    assert len(plan.errors) == 1
    assert "acceptez-la avant de la placer" in plan.errors[0]
    declined.refresh_from_db()
    assert declined.slot is None


def test_import_view_shows_the_refusals_of_the_dry_run(client, edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    client.force_login(make_member("orga@example.org", target, Membership.Role.ORGANISER))
    data = _json(edition)
    first, second = [e for e in _events(data) if e["room"] == "Salle Volcans"][:2]
    second.update(date=first["date"], start=first["start"], end=first["end"])
    second["duration"] = first["duration"]
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "schedule.json"
    response = client.post(
        reverse("programme:import_schedule", args=[target.slug]), {"file": upload}
    )
    assert response.status_code == 400
    assert "digest" not in response.context
    assert "déjà occupée" in response.content.decode()
    assert not Session.objects.filter(edition=target).exists()
