"""The sessions' unavailable slots: the team's page and service (saved, audited, bad slots
refused, access), the speakers' own page, the instance and the solver honouring them, the
warnings of the grid, and the demo."""

import json
import random

import jsonschema
import pytest
from django.urls import reverse

from nec.core.demo import DemoContext
from nec.core.models import AuditEntry
from nec.programme.models import Session
from nec.timetabling import availability_services, services
from nec.timetabling.command import main as command_main
from nec.timetabling.demo import _load_unavailabilities
from nec.timetabling.export import edition_instance
from nec.timetabling.models import SessionUnavailability, SolverRun
from nec.timetabling.solver import solve, violations
from nec.timetabling.solver.instance import schema
from tests.factories import add_speaker, make_edition, make_registration, make_user
from tests.timetabling.builders import small_programme

pytestmark = pytest.mark.django_db


def team_url(edition, session=None) -> str:
    if session is None:
        return reverse("timetabling:availability", kwargs={"edition": edition.slug})
    return reverse(
        "timetabling:availability_edit", kwargs={"edition": edition.slug, "pk": session.pk}
    )


def unavailable(session) -> set[int]:
    return set(
        SessionUnavailability.objects.filter(session=session).values_list("slot_id", flat=True)
    )


def test_team_saves_audits_and_warns(client, edition, organiser):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    slots = built["slots"]
    client.force_login(organiser)
    page = client.get(team_url(edition))
    assert page.status_code == 200 and c.title in page.text
    assert "Indisponibilités des sessions" in client.get(team_url(edition)).text
    edit = client.get(team_url(edition, c))
    assert edit.status_code == 200 and 'type="checkbox"' in edit.text
    response = client.post(
        team_url(edition, c), {"slots": [slots[0].pk, slots[1].pk], "note": "Arrive à 11 h"}
    )
    assert response.status_code == 302 and response.url == team_url(edition)
    assert unavailable(c) == {slots[0].pk, slots[1].pk}
    assert set(SessionUnavailability.objects.values_list("note", flat=True)) == {"Arrive à 11 h"}
    entry = AuditEntry.objects.get(action="timetabling.unavailability_set")
    assert entry.edition == edition and entry.actor == organiser
    # the same again: nothing changes, no second entry
    client.post(
        team_url(edition, c), {"slots": [slots[0].pk, slots[1].pk], "note": "Arrive à 11 h"}
    )
    assert AuditEntry.objects.filter(action="timetabling.unavailability_set").count() == 1
    # "A" sits in slot 1 of the grid: marking it unavailable there shows the warning
    assert "placée sur un créneau indisponible" not in client.get(team_url(edition)).text
    client.post(team_url(edition, a), {"slots": [slots[0].pk]})
    page = client.get(team_url(edition))
    assert "placée sur un créneau indisponible" in page.text
    assert [row.session for row in page.context["broken"]] == [a]
    assert "placée sur un créneau indisponible" in client.get(team_url(edition, a)).text
    # the programme's grid lists it with its own conflicts, as long as it sits there
    grid = reverse("programme:orga_grid", kwargs={"edition": edition.slug})
    codes = [conflict.code for conflict in client.get(grid).context["conflicts"]]
    assert codes.count(availability_services.UNAVAILABLE_CODE) == 1
    assert "Session sur un créneau indisponible" in client.get(grid).text
    # the table lists the sessions with unavailabilities; the others are a short folded list
    listed = client.get(team_url(edition))
    assert [s.pk for s in listed.context["sessions"]] == [a.pk, c.pk]
    assert [s.pk for s in listed.context["available"]] == [b.pk, d.pk]
    assert "2 sessions disponibles partout" in listed.text
    # searching by a speaker's name (case aside) or a title word narrows both lists
    by_speaker = client.get(team_url(edition), {"q": "alex MARTIN"})
    assert [s.pk for s in by_speaker.context["sessions"]] == [a.pk, c.pk]
    assert by_speaker.context["available"] == []
    by_title = client.get(team_url(edition), {"q": "territoires"})
    assert (by_title.context["sessions"], [s.pk for s in by_title.context["available"]]) == (
        [],
        [d.pk],
    )
    assert "1 session correspond à « territoires »." in by_title.text
    nothing = client.get(team_url(edition), {"q": "x" * 500 + " introuvable"})
    assert nothing.status_code == 200
    assert "Aucune session ne correspond à cette recherche." in nothing.text
    # a NUL character (refused by PostgreSQL) separates words like a space
    assert client.get(team_url(edition), {"q": "territ\x00oires"}).status_code == 200
    # unchecking everything makes the session available again
    client.post(team_url(edition, c), {"note": ""})
    assert unavailable(c) == set()
    assert AuditEntry.objects.filter(action="timetabling.unavailability_set").count() == 3


def test_bad_slots_are_refused_and_nothing_is_saved(client, edition, other_edition, organiser):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    slots = built["slots"]
    other = small_programme(other_edition)
    client.force_login(organiser)
    for bad in (
        {"slots": ["999999"]},
        {"slots": [str(other["slots"][0].pk)]},
        {"slots": ["abc"]},
        {"slots": [str(10**30)]},
        {"slots": [slots[0].pk, "999999"]},
    ):
        response = client.post(team_url(edition, c), bad)
        assert response.status_code == 400
        assert "Ce créneau n&#x27;existe pas dans cette édition." in response.text
    every = client.post(team_url(edition, c), {"slots": [s.pk for s in slots], "note": "x"})
    assert every.status_code == 400 and "Laissez au moins un créneau disponible" in every.text
    assert 'value="x"' in every.text  # the form keeps what was typed
    long = client.post(team_url(edition, c), {"slots": [slots[0].pk], "note": "x" * 300})
    assert long.status_code == 400
    assert not SessionUnavailability.objects.exists()
    assert not AuditEntry.objects.filter(action="timetabling.unavailability_set").exists()
    # the service refuses the same without a form
    with pytest.raises(Exception, match="n'existe pas"):
        availability_services.set_unavailable_slots(c, [other["slots"][0].pk], actor=organiser)
    # a session of another edition under this edition's address, a cancelled one: 404
    assert client.get(team_url(edition, other["sessions"][0])).status_code == 404
    Session.objects.filter(pk=d.pk).update(status=Session.Status.CANCELLED)
    assert client.post(team_url(edition, d), {"slots": [slots[0].pk]}).status_code == 404


def test_access(client, edition, other_edition, organiser, other_organiser, national):
    built = small_programme(edition)
    c = built["sessions"][2]
    urls = (team_url(edition), team_url(edition, c))
    for url in urls:
        assert "connexion" in client.get(url).url
    participant = make_registration(edition).user
    for user, status in ((participant, 403), (other_organiser, 403), (national, 200)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status
        post = client.post(team_url(edition, c), {"slots": [built["slots"][0].pk]})
        assert post.status_code == (302 if status == 200 else status)
    assert SessionUnavailability.objects.filter(created_by=national).count() == 1
    assert SessionUnavailability.objects.count() == 1


def test_speaker_edits_own_sessions_only(client, edition, other_edition):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    slots = built["slots"]
    speaker = make_user("sam@example.fr")
    add_speaker(d, "Sam Parole", user=speaker)
    past = make_edition("nec-2020", start_date=edition.start_date.replace(year=2020))
    old = small_programme(past)["sessions"][3]
    add_speaker(old, "Sam Parole", user=speaker)
    mine = reverse("timetabling:my_availability")
    assert "connexion" in client.get(mine).url
    client.force_login(speaker)
    assert "Mes disponibilités d" in client.get(reverse("accounts:home")).text
    page = client.get(mine)
    assert [s.pk for s in page.context["sessions"]] == [d.pk]  # not the past edition's
    edit = reverse("timetabling:my_availability_edit", kwargs={"pk": d.pk})
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"slots": [slots[2].pk], "note": "Repart tôt"})
    assert response.status_code == 302 and response.url == mine
    assert unavailable(d) == {slots[2].pk}
    assert AuditEntry.objects.get(action="timetabling.unavailability_set").actor == speaker
    assert "Indisponible :" in client.get(mine).text
    # another session, a past one, a bad slot
    for session in (a, old):
        url = reverse("timetabling:my_availability_edit", kwargs={"pk": session.pk})
        assert client.post(url, {"slots": [slots[0].pk]}).status_code == 404
    bad = client.post(edit, {"slots": ["999999"]})
    assert bad.status_code == 400 and unavailable(d) == {slots[2].pk}
    # somebody who speaks nowhere sees no link and an empty page
    client.force_login(make_user("personne@example.fr"))
    assert "Mes disponibilités d" not in client.get(reverse("accounts:home")).text
    assert "aucune session à venir" in client.get(mine).text


def test_export_and_solver_honour_unavailable_slots(edition, organiser, tmp_path):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    s1, s2, s3 = built["slots"]
    availability_services.set_unavailable_slots(c, [s1.pk, s2.pk], actor=organiser)
    availability_services.set_unavailable_slots(d, [s3.pk], actor=organiser)
    exported = edition_instance(edition)
    jsonschema.validate(exported.data, schema("instance"))
    by_id = {s["id"]: s["unavailable_slots"] for s in exported.data["sessions"]}
    assert by_id[f"session-{c.pk}"] == [f"slot-{s1.pk}", f"slot-{s2.pk}"]
    assert by_id[f"session-{d.pk}"] == [f"slot-{s3.pk}"]
    assert by_id[f"session-{a.pk}"] == []
    # the command writes them too
    target = tmp_path / "instance.json"
    assert command_main(["export", edition.slug, str(target)], lambda: None) == 0
    written = json.loads(target.read_text(encoding="utf-8"))
    assert {s["id"]: s["unavailable_slots"] for s in written["sessions"]} == by_id
    # the solver never uses them
    problem = exported.problem(move_placed=True)
    result = solve(problem, time_limit=1, seed=1)
    assert violations(problem, result.grid) == []
    slot_of = dict(zip(exported.session_pks, result.grid[0], strict=False))
    assert exported.slot_pks[slot_of[c.pk]] == s3.pk
    assert exported.slot_pks[slot_of[d.pk]] != s3.pk
    # "Proposer une grille" (immediate backend) too
    run = services.start_run(edition, actor=organiser, time_limit=1, seed=2, move_placed=True)
    assert run.status == SolverRun.Status.DONE
    placed = {item["session"]: item["slot"] for item in run.proposal}
    assert placed[c.pk] == s3.pk and placed[d.pk] != s3.pk


def test_a_session_kept_in_place_leaves_a_slot_it_cannot_take(edition, organiser):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    s1 = built["slots"][0]
    availability_services.set_unavailable_slots(a, [s1.pk], actor=organiser)
    run = services.start_run(edition, actor=organiser, time_limit=1, seed=1, move_placed=False)
    assert run.status == SolverRun.Status.DONE, run.message
    placed = {item["session"]: (item["slot"], item["room"]) for item in run.proposal}
    assert placed[a.pk][0] != s1.pk
    assert placed[b.pk] == (b.slot_id, b.room_id)  # the other placed session stays


def test_demo_unavailability_keeps_the_grid_valid(edition):
    built = small_programme(edition)
    for n in range(16):  # 20 sessions: 3 get unavailable slots
        Session.objects.create(edition=edition, title=f"S{n}", status=Session.Status.ACCEPTED)
    _load_unavailabilities(DemoContext(rng=random.Random(1)), edition)
    _load_unavailabilities(DemoContext(rng=random.Random(1)), edition)  # a second run adds nothing
    rows = list(SessionUnavailability.objects.select_related("session"))
    assert len({row.session_id for row in rows}) == 3
    per_session = {}
    for row in rows:
        assert row.slot_id != row.session.slot_id
        per_session[row.session_id] = per_session.get(row.session_id, 0) + 1
    assert all(1 <= n <= 3 for n in per_session.values())
    assert availability_services.misplaced(edition) == []
    assert len(built["slots"]) == 3
