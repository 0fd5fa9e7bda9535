"""The web side: wishes on the programme, the export of an edition, "Proposer une grille" (run,
progress, stop, proposal, apply part of it) and its access rules."""

import json

import jsonschema
import pytest
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.programme.models import Session
from nec.timetabling import services
from nec.timetabling.command import main as command_main
from nec.timetabling.export import edition_instance
from nec.timetabling.models import SolverRun, Wish
from nec.timetabling.solver import parse_instance, violations
from nec.timetabling.solver.instance import schema
from tests.factories import make_registration
from tests.timetabling.builders import small_programme

pytestmark = pytest.mark.django_db


def test_export_is_a_valid_instance_and_counts_ignored_wishes(edition, other_edition):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    # a wish on a session later cancelled is ignored and counted
    Wish.objects.create(registration=built["registrations"][1], session=d)
    Session.objects.filter(pk=d.pk).update(status=Session.Status.CANCELLED)
    small_programme(other_edition)  # never exported with `edition`
    exported = edition_instance(edition)
    jsonschema.validate(exported.data, schema("instance"))
    assert [s["id"] for s in exported.data["sessions"]] == [f"session-{s.pk}" for s in (a, b, c)]
    assert exported.ignored_wishes == 1
    assert len(exported.data["attendees"]) == 6
    speakers = {s["id"]: s["speakers"] for s in exported.data["sessions"]}
    assert speakers[f"session-{a.pk}"] == speakers[f"session-{c.pk}"] != []
    assert exported.current == {a.pk: (a.slot_id, a.room_id), b.pk: (b.slot_id, b.room_id)}
    problem = exported.problem(move_placed=False)
    assert problem.fixed_slot[0] is not None and problem.fixed_slot[2] is None


def test_export_command_writes_the_file(edition, tmp_path, capsys):
    small_programme(edition)
    target = tmp_path / "instance.json"
    assert command_main(["export", edition.slug, str(target)], lambda: None) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    parse_instance(data)
    assert "4 séances" in capsys.readouterr().out
    assert command_main(["export", "inconnue", str(target)], lambda: None) == 1
    assert "Édition inconnue" in capsys.readouterr().err


def publish(session, built):
    """On the public programme (the public pages show the published placement)."""
    slot, room = built["slots"][2], built["rooms"][1]
    Session.objects.filter(pk=session.pk).update(
        status=Session.Status.PUBLISHED, published_slot=slot, published_room=room
    )


def test_wish_button_on_the_session_page_and_toggle(client, edition):
    built = small_programme(edition)
    d = built["sessions"][3]
    publish(d, built)
    registration = make_registration(edition)
    client.force_login(registration.user)
    page = client.get(d.get_absolute_url())
    assert "Ça m&#x27;intéresse" in page.text or "Ça m'intéresse" in page.text
    url = reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": d.pk})
    response = client.post(url, {"wanted": "1", "next": d.get_absolute_url()})
    assert response.status_code == 302 and response.url == d.get_absolute_url()
    assert Wish.objects.filter(registration=registration, session=d).exists()
    client.post(url, {"wanted": "1"})  # twice: still one wish
    assert Wish.objects.filter(registration=registration, session=d).count() == 1
    assert 'aria-pressed="true"' in client.get(d.get_absolute_url()).text
    client.post(url, {"wanted": "0", "next": "https://evil.example/"})
    assert not Wish.objects.filter(registration=registration, session=d).exists()
    assert AuditEntry.objects.filter(action="timetabling.wish_removed").exists()


def test_wish_refused_without_registration_or_on_cancelled_session(client, edition, other_edition):
    built = small_programme(edition)
    d = built["sessions"][3]
    url = reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": d.pk})
    anonymous = client.post(url, {"wanted": "1"})
    assert anonymous.status_code == 302 and "connexion" in anonymous.url
    stranger = make_registration(other_edition)
    client.force_login(stranger.user)
    client.post(url, {"wanted": "1"})
    assert not Wish.objects.exists() or not Wish.objects.filter(registration=stranger).exists()
    registration = make_registration(edition)
    client.force_login(registration.user)
    Session.objects.filter(pk=d.pk).update(status=Session.Status.CANCELLED)
    response = client.post(url, {"wanted": "1"}, follow=True)
    assert "ne fait pas partie du programme" in response.text
    assert not Wish.objects.filter(registration=registration).exists()
    # a session of another edition under this edition's address: 404
    other = small_programme(other_edition)["sessions"][0]
    wrong = reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": other.pk})
    assert client.post(wrong, {"wanted": "1"}).status_code == 404


def test_propose_run_apply_part_then_all(client, edition, organiser):
    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    client.force_login(organiser)
    runs_url = reverse("timetabling:runs", kwargs={"edition": edition.slug})
    assert client.get(runs_url).status_code == 200
    response = client.post(runs_url, {"time_limit": "2", "seed": "3", "move_placed": "on"})
    run = SolverRun.objects.get(edition=edition)
    assert response.url == reverse(
        "timetabling:run", kwargs={"edition": edition.slug, "pk": run.pk}
    )
    assert run.status == SolverRun.Status.DONE  # immediate backend in tests
    assert run.before["missed_wishes"] == 6 and run.after["missed_wishes"] == 0
    placed = {item["session"]: (item["slot"], item["room"]) for item in run.proposal}
    assert placed[a.pk][0] != placed[b.pk][0] and placed[a.pk][0] != placed[c.pk][0]
    page = client.get(response.url)
    assert "Avant / après" in page.text and "Créneau par créneau" in page.text
    moves = [m["session"].pk for m in page.context["comparison"].moves]
    assert d.pk in moves
    # a move into a cell held by a session not chosen is refused; one into a free cell is applied
    apply_url = reverse("timetabling:apply", kwargs={"edition": edition.slug, "pk": run.pk})
    held = {(s.slot_id, s.room_id): s.pk for s in (a, b)}
    blocked = [pk for pk in moves if held.get(placed[pk]) not in (None, pk)]
    for pk in blocked:
        answer = client.post(apply_url, {"scope": "selected", "session": [str(pk)]}, follow=True)
        assert "occupée par une session que vous ne déplacez pas" in answer.text
        assert not Session.objects.get(pk=pk).is_placed or pk in held.values()
    free = [pk for pk in moves if placed[pk] not in held]
    assert free
    client.post(apply_url, {"scope": "selected", "session": [str(free[0])]})
    chosen = Session.objects.get(pk=free[0])
    assert (chosen.slot_id, chosen.room_id) == placed[chosen.pk]
    nothing = client.post(apply_url, {"scope": "selected"}, follow=True)
    assert "Cochez au moins une session" in nothing.text
    # then everything: the grid becomes the proposal, every hard constraint holds
    client.post(apply_url, {"scope": "all"})
    for session in (a, b, c, d):
        session.refresh_from_db()
        assert (session.slot_id, session.room_id) == placed[session.pk]
    exported = edition_instance(edition)
    problem = exported.problem(move_placed=True)
    grid = (
        [exported.slot_pks.index(exported.current[pk][0]) for pk in exported.session_pks],
        [exported.room_pks.index(exported.current[pk][1]) for pk in exported.session_pks],
    )
    assert violations(problem, grid) == []
    after = client.get(response.url).context["comparison"]
    assert after.before["missed_wishes"] == 0 and not after.moves
    assert AuditEntry.objects.filter(action="timetabling.proposal_applied").count() >= 2


def test_keep_placed_sessions_and_bad_form(client, edition, organiser):
    built = small_programme(edition)
    a, b, *_ = built["sessions"]
    client.force_login(organiser)
    runs_url = reverse("timetabling:runs", kwargs={"edition": edition.slug})
    for bad in (
        {"time_limit": "0", "seed": "1"},
        {"time_limit": "-3", "seed": "1"},
        {"time_limit": "x", "seed": "1"},
    ):
        response = client.post(runs_url, bad)
        assert response.status_code == 400 and "Le calcul n" in response.text
    assert not SolverRun.objects.exists()
    client.post(runs_url, {"time_limit": "2", "seed": "1"})  # move_placed unchecked
    run = SolverRun.objects.get()
    placed = {item["session"]: (item["slot"], item["room"]) for item in run.proposal}
    assert placed[a.pk] == (a.slot_id, a.room_id) and placed[b.pk] == (b.slot_id, b.room_id)
    assert run.after["missed_wishes"] == 6


def test_stop_and_failure(client, edition, organiser):
    built = small_programme(edition)
    run = SolverRun.objects.create(edition=edition, created_by=organiser)
    services.request_stop(run, actor=organiser)
    run.refresh_from_db()
    assert run.status == SolverRun.Status.STOPPED and not run.proposal
    # a running run: the task sees the request and keeps its best grid
    from nec.timetabling.tasks import run_solver

    running = SolverRun.objects.create(
        edition=edition, created_by=organiser, time_limit=60, stop_requested=True
    )
    run_solver.call(running.pk)
    running.refresh_from_db()
    assert running.status == SolverRun.Status.STOPPED and len(running.proposal) == 4
    # too many sessions for the grid: the run fails with a clear message
    a, b, c, d = built["sessions"]
    Session.objects.filter(edition=edition).exclude(pk__in=[a.pk, b.pk]).update(
        status=Session.Status.ACCEPTED
    )
    for n in range(4):
        from tests.factories import make_session

        make_session(edition, f"Extra {n}")
    failing = SolverRun.objects.create(edition=edition, created_by=organiser, time_limit=1)
    run_solver.call(failing.pk)
    failing.refresh_from_db()
    assert failing.status == SolverRun.Status.FAILED
    assert "8 séances pour 3 créneaux × 2 salles" in failing.message
    client.force_login(organiser)
    page = client.get(
        reverse("timetabling:run", kwargs={"edition": edition.slug, "pk": failing.pk})
    )
    assert "8 séances" in page.text


def test_access_is_scoped_to_the_edition(
    client, edition, other_edition, organiser, other_organiser
):
    small_programme(edition)
    run = services.start_run(edition, actor=organiser, time_limit=1, seed=1, move_placed=True)
    other_run_url = reverse("timetabling:run", kwargs={"edition": other_edition.slug, "pk": run.pk})
    client.force_login(other_organiser)
    assert (
        client.get(reverse("timetabling:runs", kwargs={"edition": edition.slug})).status_code == 403
    )
    assert (
        client.get(
            reverse("timetabling:run", kwargs={"edition": edition.slug, "pk": run.pk})
        ).status_code
        == 403
    )
    assert client.get(other_run_url).status_code == 404  # their edition, not their run
    stop_url = reverse("timetabling:stop", kwargs={"edition": other_edition.slug, "pk": run.pk})
    assert client.post(stop_url).status_code == 404
    participant = make_registration(edition)
    client.force_login(participant.user)
    assert (
        client.get(reverse("timetabling:runs", kwargs={"edition": edition.slug})).status_code == 403
    )


def test_kept_formats_stay_and_reserve_their_slot(client, edition, organiser):
    from nec.programme.models import FormatType

    built = small_programme(edition)
    a, b, c, d = built["sessions"]
    plenary = FormatType.objects.create(edition=edition, name="Plénière", slug="pleniere")
    Session.objects.filter(pk=b.pk).update(format_type=plenary)
    Session.objects.filter(pk=a.pk).update(slot=None, room=None, status=Session.Status.ACCEPTED)
    client.force_login(organiser)
    runs_url = reverse("timetabling:runs", kwargs={"edition": edition.slug})
    form = client.get(runs_url).context["form"]
    assert list(form.fields["keep_formats"].initial) == [plenary.pk]  # plenaries kept by default
    client.post(
        runs_url,
        {
            "time_limit": "2",
            "seed": "1",
            "move_placed": "on",
            "keep_formats": [str(plenary.pk)],
            "reserve_kept_slots": "on",
        },
    )
    run = SolverRun.objects.get()
    placed = {item["session"]: (item["slot"], item["room"]) for item in run.proposal}
    assert placed[b.pk] == (b.slot_id, b.room_id)
    # alone in its slot, the plenary keeps it for itself
    assert all(place[0] != b.slot_id for pk, place in placed.items() if pk != b.pk)
    # an unknown format id is refused by the form, nothing is started
    response = client.post(runs_url, {"time_limit": "2", "seed": "1", "keep_formats": ["999999"]})
    assert response.status_code == 400 and SolverRun.objects.count() == 1


def test_no_wish_on_a_draft_edition(client):
    from nec.editions.models import Edition
    from tests.factories import make_edition, make_session

    draft = make_edition("brouillon-souhaits", status=Edition.Status.DRAFT)
    session = make_session(draft, "Secrète")
    registration = make_registration(draft)
    client.force_login(registration.user)
    url = reverse("timetabling:wish", kwargs={"edition": draft.slug, "pk": session.pk})
    assert client.post(url, {"wanted": "1"}).status_code == 404
    assert not Wish.objects.exists()


def test_a_proposal_whose_slot_was_deleted_since(client, edition, organiser):
    built = small_programme(edition)
    run = services.start_run(edition, actor=organiser, time_limit=1, seed=1, move_placed=True)
    run.refresh_from_db()
    occupied = {s.slot_id for s in Session.objects.filter(edition=edition, slot__isnull=False)}
    gone = next(s for s in built["slots"] if s.pk not in occupied)
    proposed_there = {item["session"] for item in run.proposal if item["slot"] == gone.pk}
    assert proposed_there  # the proposal uses every slot (4 sessions, wishes to spread)
    gone.delete()
    client.force_login(organiser)
    page = client.get(reverse("timetabling:run", kwargs={"edition": edition.slug, "pk": run.pk}))
    assert page.status_code == 200
    moved = {move["session"].pk for move in page.context["comparison"].moves}
    assert not moved & proposed_there
    apply_url = reverse("timetabling:apply", kwargs={"edition": edition.slug, "pk": run.pk})
    answer = client.post(apply_url, {"scope": "all"}, follow=True)
    assert "créneau ou salle supprimé depuis" in answer.text


def test_a_run_whose_worker_died_does_not_block_the_next(edition, organiser):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    small_programme(edition)
    running = SolverRun.objects.create(
        edition=edition, status=SolverRun.Status.RUNNING, time_limit=60, started_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="déjà en cours"):
        services.start_run(edition, actor=organiser, time_limit=1, seed=1, move_placed=True)
    SolverRun.objects.filter(pk=running.pk).update(
        started_at=timezone.now() - timedelta(seconds=60 + services.STALE_AFTER + 1)
    )
    run = services.start_run(edition, actor=organiser, time_limit=1, seed=1, move_placed=True)
    running.refresh_from_db()
    assert running.status == SolverRun.Status.FAILED and "interrompu" in running.message
    assert run.status == SolverRun.Status.DONE
