"""Exchange formats: frab XML/JSON, iCal, CSV, JSON exports; schedule import and its errors."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from icalendar import Calendar
from lxml import etree

from nec.core.models import AuditEntry
from nec.editions.models import Edition, Membership
from nec.programme import exchange_frab, exchange_import, exchange_parse
from nec.programme.models import ImportedItem, Room, Session, SessionSpeaker, Speaker, TimeSlot
from tests.factories import make_edition, make_member, make_schedule

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).parent / "schemas"
SHARED = REPO.parent / "shared" / "formats" / "frab"
PROGRAMME_SCHEMA = REPO / "src" / "nec" / "programme" / "schemas" / "programme.schema.json"


@pytest.fixture(scope="module")
def xsd():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def frab_json_schema():
    return json.loads((SCHEMAS / "schedule.schema.json").read_text())


@pytest.fixture
def edition(db):
    # Overrides the root fixture: the exports are checked against these fixed days (and offsets).
    return make_edition("nec-2026", start_date=date(2026, 10, 5))


@pytest.fixture
def sessions(edition):
    return make_schedule(edition)


def assert_valid_xml(xsd, content: bytes):
    doc = etree.fromstring(content)
    if not xsd.validate(doc):
        pytest.fail("\n".join(f"{e.line}: {e.message}" for e in xsd.error_log))


def assert_valid_json(schema, data, draft=jsonschema.Draft6Validator):
    validator = draft(schema, format_checker=draft.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        pytest.fail("\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors))


def test_repo_copies_match_the_shared_schemas():
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    for name in ("schedule.xml.xsd", "schedule.schema.json"):
        assert (SCHEMAS / name).read_bytes() == (SHARED / name).read_bytes()


def test_schedule_xml_validates_against_frab_xsd(client, edition, sessions, xsd):
    response = client.get(reverse("programme:export_schedule_xml", args=[edition.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert_valid_xml(xsd, response.content)
    doc = etree.fromstring(response.content)
    events = doc.findall("day/room/event")
    assert len(events) == 4
    assert [d.get("date") for d in doc.findall("day")] == ["2026-10-05", "2026-10-06"]
    first = doc.find("day/room/event")
    assert first.findtext("date") == "2026-10-05T09:30:00+02:00"
    assert first.findtext("duration") == "01:30"
    persons = [p.text for p in doc.iter("person")]
    assert "Sacha Durand" not in persons  # did not consent to be shown publicly
    assert "Camille Martin" in persons
    assert b"example.org" not in response.content
    assert b"femme" not in response.content


def test_schedule_json_validates_against_c3voc_schema(client, edition, sessions, frab_json_schema):
    response = client.get(reverse("programme:export_schedule_json", args=[edition.slug]))
    data = response.json()
    assert_valid_json(frab_json_schema, data)
    conference = data["schedule"]["conference"]
    assert conference["daysCount"] == 2
    assert {r["name"] for r in conference["rooms"]} == {"Salle Volcans", "Amphi Pascal"}
    events = [e for d in conference["days"] for es in d["rooms"].values() for e in es]
    assert len(events) == 4
    assert "example.org" not in response.content.decode()
    assert "genre" not in response.content.decode() and "gender" not in response.content.decode()


def test_empty_edition_exports_still_validate(client, xsd, frab_json_schema):
    edition = make_edition("nec-vide")
    assert_valid_xml(xsd, exchange_frab.schedule_xml(edition))
    assert_valid_json(frab_json_schema, exchange_frab.schedule_json(edition))


def test_programme_json_matches_documented_schema(client, edition, sessions):
    schema = json.loads(PROGRAMME_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = client.get(reverse("programme:export_json", args=[edition.slug])).json()
    assert_valid_json(schema, data, jsonschema.Draft202012Validator)
    assert len(data["sessions"]) == 4
    names = {s["name"] for s in data["speakers"]}
    assert names == {"Camille Martin", "Louis Bernard", "Inès Petit", "Nour Haddad"}
    text = json.dumps(data)
    assert "example.org" not in text and "femme" not in text and "non_binaire" not in text


def test_only_published_sessions_are_public(client, edition, sessions):
    sessions[0].status = Session.Status.SCHEDULED
    sessions[0].save()
    data = client.get(reverse("programme:export_json", args=[edition.slug])).json()
    assert len(data["sessions"]) == 3


def test_draft_edition_exports_are_404(client):
    draft = make_edition("nec-brouillon", status=Edition.Status.DRAFT)
    make_schedule(draft)
    for name in (
        "export_ics",
        "export_json",
        "export_schedule_xml",
        "export_schedule_json",
        "export_sessions_csv",
        "export_speakers_csv",
    ):
        assert client.get(reverse(f"programme:{name}", args=[draft.slug])).status_code == 404


def test_ical_of_the_whole_programme(client, edition, sessions):
    response = client.get(reverse("programme:export_ics", args=[edition.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]) == "Médiation numérique : retours d'expérience"
    assert str(first["location"]) == "Salle Volcans"
    assert first.decoded("dtstart").isoformat() == "2026-10-05T09:30:00+02:00"
    assert len({str(e["uid"]) for e in events}) == 4


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_public_csvs_have_no_personal_data(client, edition, sessions):
    rows = read_csv(client.get(reverse("programme:export_sessions_csv", args=[edition.slug])))
    assert len(rows) == 4
    assert rows[0]["salle"] == "Salle Volcans"
    assert rows[0]["début"] == "2026-10-05 09:30"
    speakers = read_csv(client.get(reverse("programme:export_speakers_csv", args=[edition.slug])))
    assert {r["nom"] for r in speakers} == {
        "Camille Martin",
        "Louis Bernard",
        "Inès Petit",
        "Nour Haddad",
    }
    assert "e-mail" not in speakers[0]
    louis = next(r for r in speakers if r["nom"] == "Louis Bernard")
    assert louis["sessions"].count("|") == 1


def test_exports_page_of_a_draft_edition_has_no_dead_public_links(client, edition):
    # regression: the page linked the public exports of a draft edition, which are 404
    draft = make_edition("nec-brouillon", status=Edition.Status.DRAFT)
    organiser = make_member("orga@example.org", draft, Membership.Role.ORGANISER)
    client.force_login(organiser)
    html = client.get(reverse("programme:orga_exports", args=[draft.slug])).content.decode()
    assert reverse("programme:export_json", args=[draft.slug]) not in html
    assert reverse("programme:orga_export", args=[draft.slug, "programme.json"]) in html
    assert 'class="orga-nav"' in html  # the edition's navigation, like every orga page
    Membership.objects.create(user=organiser, edition=edition, role=Membership.Role.ORGANISER)
    html = client.get(reverse("programme:orga_exports", args=[edition.slug])).content.decode()
    assert reverse("programme:export_json", args=[edition.slug]) in html


def test_orga_speakers_csv_has_emails_and_is_restricted(client, edition, sessions):
    url = reverse("programme:orga_export", args=[edition.slug, "intervenants.csv"])
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    client.force_login(reviewer)
    assert client.get(url).status_code == 403
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    client.force_login(organiser)
    rows = read_csv(client.get(url))
    sacha = next(r for r in rows if r["nom"] == "Sacha Durand")
    assert sacha["e-mail"] == "sacha@example.org"
    assert sacha["présentation publique acceptée"] == "non"
    assert "genre" not in rows[0]
    other = make_edition("nec-autre")
    assert (
        client.get(
            reverse("programme:orga_export", args=[other.slug, "intervenants.csv"])
        ).status_code
        == 403
    )
    assert client.get(reverse("programme:orga_exports", args=[edition.slug])).status_code == 200
    assert (
        client.get(reverse("programme:orga_export", args=[edition.slug, "nope.txt"])).status_code
        == 404
    )


def snapshot(edition):
    """Sessions, speakers, rooms and slots of an edition, independent of primary keys."""
    sessions = set()
    for s in Session.objects.filter(edition=edition).select_related("room", "slot", "track"):
        names = tuple(
            SessionSpeaker.objects.filter(session=s)
            .order_by("position")
            .values_list("speaker__name", flat=True)
        )
        sessions.add(
            (
                s.title,
                s.summary,
                s.description,
                s.format_type.name if s.format_type else None,
                s.track.name if s.track else None,
                s.room.name,
                s.slot.start,
                s.slot.end,
                names,
            )
        )
    return {
        "sessions": sessions,
        "speakers": set(Speaker.objects.filter(edition=edition).values_list("name", flat=True)),
        "rooms": set(Room.objects.filter(edition=edition).values_list("name", flat=True)),
        "slots": set(TimeSlot.objects.filter(edition=edition).values_list("start", "end")),
    }


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_export_then_import_into_a_new_edition_gives_the_same_programme(edition, sessions, kind):
    if kind == "xml":
        content = exchange_frab.schedule_xml(edition, public=False)
    else:
        content = json.dumps(exchange_frab.schedule_json(edition, public=False)).encode()
    target = make_edition("nec-copie", start_date=edition.start_date)
    parsed = exchange_parse.parse_schedule(content)
    assert parsed.errors == []
    plan = exchange_import.apply_import(target, parsed, actor=None)
    assert plan.ok and len(plan.sessions_created) == 4
    assert snapshot(target) == snapshot(edition)
    rooms = {r.name: r.capacity for r in Room.objects.filter(edition=target)}
    if kind == "json":
        assert rooms == {"Salle Volcans": 120, "Amphi Pascal": 400}
    # re-import: updates, no duplicates
    again = exchange_import.apply_import(target, exchange_parse.parse_schedule(content), actor=None)
    assert len(again.sessions_updated) == 4 and not again.sessions_created
    assert Session.objects.filter(edition=target).count() == 4
    assert Speaker.objects.filter(edition=target).count() == 5
    assert TimeSlot.objects.filter(edition=target).count() == 3
    assert snapshot(target) == snapshot(edition)


def test_reimport_with_changes_updates_in_place(edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    content = exchange_frab.schedule_xml(edition, public=False)
    exchange_import.apply_import(target, exchange_parse.parse_schedule(content), actor=None)
    ids = set(Session.objects.filter(edition=target).values_list("pk", flat=True))
    changed = content.replace(b"Fresque du num\xc3\xa9rique", b"Fresque du climat")
    plan = exchange_import.apply_import(target, exchange_parse.parse_schedule(changed), actor=None)
    assert len(plan.sessions_updated) == 4
    assert set(Session.objects.filter(edition=target).values_list("pk", flat=True)) == ids
    assert Session.objects.filter(edition=target, title="Fresque du climat").exists()
    assert ImportedItem.objects.filter(edition=target, kind="session").count() == 4


def test_reimporting_our_own_export_into_the_same_edition_does_not_duplicate(edition, sessions):
    content = exchange_frab.schedule_xml(edition, public=False)
    plan = exchange_import.apply_import(edition, exchange_parse.parse_schedule(content), actor=None)
    assert len(plan.sessions_updated) == 4
    assert Session.objects.filter(edition=edition).count() == 4
    assert Speaker.objects.filter(edition=edition).count() == 5


def test_malformed_xml_gives_line_number_and_nothing_applied():
    target = make_edition("nec-copie")
    content = (
        b'<?xml version="1.0"?>\n<schedule>\n  <version>1</version>\n'
        b'  <day index="1">\n</schedule>\n'
    )
    parsed = exchange_parse.parse_schedule(content, "schedule.xml")
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("Ligne 5 : XML mal formé")
    plan = exchange_import.apply_import(target, parsed, actor=None)
    assert not plan.ok
    assert not Session.objects.filter(edition=target).exists()


def test_per_item_errors_in_xml_have_the_event_line(edition, sessions):
    content = exchange_frab.schedule_xml(edition, public=False).decode()
    content = content.replace("<duration>01:30</duration>", "<duration>une heure</duration>", 1)
    content = content.replace("<title>Fresque du numérique</title>", "<title></title>")
    parsed = exchange_parse.parse_schedule(content.encode())
    assert len(parsed.errors) == 2
    lines = content.splitlines()
    for error in parsed.errors:
        assert error.startswith("Ligne ")
        line = int(error.split()[1])
        assert lines[line - 1].strip().startswith("<event ")
    assert any("durée illisible « une heure »" in e for e in parsed.errors)
    assert any("titre manquant" in e for e in parsed.errors)
    target = make_edition("nec-copie", start_date=edition.start_date)
    assert not exchange_import.apply_import(target, parsed, actor=None).ok
    assert not Session.objects.filter(edition=target).exists()
    assert not Room.objects.filter(edition=target).exists()


def test_malformed_json_and_item_paths(edition, sessions):
    parsed = exchange_parse.parse_schedule(b'{\n  "schedule": {\n    "conference": [,]\n}')
    assert parsed.errors[0].startswith("Ligne 3, colonne")
    data = exchange_frab.schedule_json(edition, public=False)
    day = data["schedule"]["conference"]["days"][0]
    day["rooms"]["Salle Volcans"][0]["date"] = "demain"
    parsed = exchange_parse.parse_schedule(json.dumps(data).encode())
    assert parsed.errors == [
        'schedule.conference.days[0].rooms["Salle Volcans"][0] '
        "(« Médiation numérique : retours d'expérience ») : date illisible « demain »."
    ]
    assert exchange_parse.parse_schedule(b'{"foo": 1}').errors


def test_import_views_dry_run_then_apply(client, edition, sessions):
    target = make_edition("nec-copie", start_date=edition.start_date)
    organiser = make_member("orga@example.org", target, Membership.Role.ORGANISER)
    client.force_login(organiser)
    url = reverse("programme:import_schedule", args=[target.slug])
    assert client.get(url).status_code == 200
    upload = io.BytesIO(exchange_frab.schedule_xml(edition, public=False))
    upload.name = "schedule.xml"
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "4 sessions créées" in body
    assert not Session.objects.filter(edition=target).exists()  # dry run
    digest = response.context["digest"]
    response = client.post(
        reverse("programme:import_apply", args=[target.slug]), {"digest": digest}
    )
    assert response.status_code == 302
    assert Session.objects.filter(edition=target).count() == 4
    assert AuditEntry.objects.filter(action="programme.schedule_imported").count() == 1
    # the stored preview is used up
    response = client.post(
        reverse("programme:import_apply", args=[target.slug]), {"digest": digest}
    )
    assert response.status_code == 302
    assert Session.objects.filter(edition=target).count() == 4


def test_import_view_bad_file_lists_errors(client):
    target = make_edition("nec-copie")
    organiser = make_member("orga@example.org", target, Membership.Role.ORGANISER)
    client.force_login(organiser)
    url = reverse("programme:import_schedule", args=[target.slug])
    upload = io.BytesIO(b"<schedule>\n<day>\n</schedule>")
    upload.name = "schedule.xml"
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Ligne 3 : XML mal formé" in response.content.decode()
    assert "digest" not in response.context
    assert client.post(url, {}).status_code == 400


def test_import_requires_manage_permission(client):
    target = make_edition("nec-copie")
    reviewer = make_member("relecture@example.org", target, Membership.Role.REVIEWER)
    client.force_login(reviewer)
    assert client.get(reverse("programme:import_schedule", args=[target.slug])).status_code == 403
    assert (
        client.post(
            reverse("programme:import_apply", args=[target.slug]), {"digest": "x"}
        ).status_code
        == 403
    )


def test_programme_json_points_to_its_served_schema(client, edition, sessions):
    data = client.get(reverse("programme:export_json", args=[edition.slug])).json()
    assert data["$schema"].endswith("/schemas/programme.schema.json")
    response = client.get(reverse("programme:programme_schema"))
    assert response.status_code == 200
    assert response.json()["title"].startswith("Programme d'une édition")


def test_control_characters_do_not_break_the_xml(client, edition, sessions, xsd):
    sessions[0].summary = "Copié depuis un traitement de texte\x0b avec un saut\x0c"
    sessions[0].save()
    response = client.get(reverse("programme:export_schedule_xml", args=[edition.slug]))
    assert response.status_code == 200
    assert_valid_xml(xsd, response.content)
