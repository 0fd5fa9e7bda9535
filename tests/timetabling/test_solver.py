"""The solver core, without Django: reading instances, bad input, hard constraints on results,
determinism, early stop."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from nec.timetabling.command import solve_command
from nec.timetabling.solver import (
    InstanceError,
    NoGridFound,
    evaluate,
    greedy_grid,
    load_instance,
    parse_instance,
    random_grid,
    solve,
    violations,
)
from nec.timetabling.solver.generate import national_instance
from nec.timetabling.solver.instance import schema

EXAMPLE = Path(__file__).parent / "data" / "example-instance.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def small_national(seed=3):
    return national_instance(seed, sessions=40, slots=8, people=300, themes=4, shared_speakers=15)


def assert_hard_constraints(problem, grid):
    """Checked here independently of `violations()`, from the instance's own words."""
    slots, rooms = grid
    assert len(slots) == len(rooms) == problem.n_sessions
    places = {(slots[s], rooms[s]) for s in range(problem.n_sessions)}
    assert len(places) == problem.n_sessions, "two sessions in one room at one slot"
    for s in range(problem.n_sessions):
        assert slots[s] not in problem.unavailable[s]
        if problem.fixed_slot[s] is not None:
            assert slots[s] == problem.fixed_slot[s]
        if problem.fixed_room[s] is not None:
            assert rooms[s] == problem.fixed_room[s]
        if problem.needs_step_free[s]:
            assert problem.step_free[rooms[s]]
        for t in range(s + 1, problem.n_sessions):
            if slots[s] == slots[t]:
                assert not set(problem.speakers[s]) & set(problem.speakers[t])
    assert violations(problem, grid) == []


def test_example_is_solved_and_the_solution_validates():
    problem = load_instance(EXAMPLE)
    result = solve(problem, time_limit=5, seed=1, iterations=20_000)
    assert_hard_constraints(problem, result.grid)
    solution = result.solution()
    jsonschema.validate(solution, schema("solution"))
    by_session = {a["session"]: a for a in solution["assignments"]}
    assert by_session["pleniere"] == {"session": "pleniere", "slot": "apm-1", "room": "amphi"}
    assert by_session["atelier-1"]["room"] == "amphi"  # the only step-free room
    assert by_session["retex-a"]["slot"] != "apm-1"
    # p2 speaks in both retex sessions: never side by side
    assert by_session["retex-a"]["slot"] != by_session["retex-b"]["slot"]
    assert result.metrics.total_wishes == 13
    assert result.metrics.missed_wishes <= result.start_metrics.missed_wishes


def test_missed_wishes_and_overflow_are_counted_as_the_format_says():
    problem = load_instance(EXAMPLE)
    # everything in one slot is impossible, so evaluate a hand-made grid: a1 wishes masterclass,
    # retex-a, atelier-1; put masterclass and retex-a together (one miss for a1)
    index = {sid: i for i, sid in enumerate(problem.session_ids)}
    place = {
        "masterclass": ("mat-1", "amphi"),
        "retex-a": ("mat-1", "atelier"),
        "retex-b": ("mat-2", "atelier"),
        "atelier-1": ("mat-2", "amphi"),
        "atelier-2": ("apm-1", "atelier"),
        "pleniere": ("apm-1", "amphi"),
    }
    slots = [problem.slot_ids.index(place[sid][0]) for sid in problem.session_ids]
    rooms = [problem.room_ids.index(place[sid][1]) for sid in problem.session_ids]
    metrics = evaluate(problem, (slots, rooms))
    # a1: masterclass+retex-a (1); a2: none;
    # a3: none (retex-a mat-1, retex-b mat-2, atelier-2 apm-1)
    # a4: atelier-2+pleniere (1); a5: none
    assert metrics.missed_wishes == 2
    # demand: masterclass 3 in amphi (3) → 0; retex-b 2 in atelier (2) → 0;
    # atelier-2 3 in atelier (2) → 1
    assert problem.demand[index["atelier-2"]] == 3
    assert metrics.overflow_seats == 1


def test_generated_national_instance_all_methods_respect_hard_constraints():
    problem = parse_instance(small_national())
    for grid in (random_grid(problem, 1), greedy_grid(problem, 1)):
        assert_hard_constraints(problem, grid)
    result = solve(problem, time_limit=30, seed=2, iterations=15_000)
    assert_hard_constraints(problem, result.grid)
    assert result.stopped == "done"
    assert result.metrics.missed_wishes <= evaluate(problem, greedy_grid(problem, 2)).missed_wishes
    assert result.metrics.missed_wishes < evaluate(problem, random_grid(problem, 2)).missed_wishes


def test_same_seed_same_grid_other_seed_may_differ():
    problem = parse_instance(small_national())
    first = solve(problem, time_limit=30, seed=7, iterations=8_000)
    again = solve(problem, time_limit=30, seed=7, iterations=8_000)
    assert first.grid == again.grid
    assert first.solution()["assignments"] == again.solution()["assignments"]


def test_stop_request_keeps_the_best_grid_so_far():
    problem = parse_instance(small_national())
    seen = []
    result = solve(
        problem,
        time_limit=30,
        seed=1,
        iterations=1_000_000,
        on_progress=seen.append,
        should_stop=lambda: True,
    )
    assert result.stopped == "stopped"
    assert result.iterations < 1_000_000
    assert_hard_constraints(problem, result.grid)
    assert result.metrics.missed_wishes <= result.start_metrics.missed_wishes
    assert seen and seen[-1].fraction < 1


def test_time_limit_must_be_positive():
    problem = load_instance(EXAMPLE)
    for limit in (0, -5):
        with pytest.raises(ValueError, match="strictement positive"):
            solve(problem, time_limit=limit)


def _problems(data) -> str:
    with pytest.raises(InstanceError) as error:
        parse_instance(data)
    return "\n".join(error.value.problems)


def test_schema_errors_are_reported():
    data = example()
    data["rooms"][0]["capacity"] = -1
    del data["slots"][0]["id"]
    text = _problems(data)
    assert "rooms/0/capacity" in text
    assert "slots/0" in text
    assert "Schéma" in _problems({"format": "autre"})
    assert "(racine)" in _problems([1, 2])


def test_unknown_ids_are_named():
    data = example()
    data["sessions"][1]["unavailable_slots"] = ["nuit"]
    data["sessions"][5]["fixed_room"] = "cave"
    data["attendees"][0]["wishes"].append("fantome")
    text = _problems(data)
    assert "retex-a" in text and "« nuit »" in text
    assert "pleniere" in text and "« cave »" in text
    assert "a1" in text and "« fantome »" in text


def test_session_that_fits_nowhere_is_named_with_its_reason():
    data = example()
    data["sessions"][4]["unavailable_slots"] = ["mat-1", "mat-2", "apm-1"]
    assert "atelier-2 : indisponible sur tous les créneaux" in _problems(data)
    data = example()
    data["rooms"][0]["step_free"] = False
    assert "atelier-1 : elle demande une salle de plain-pied et aucune" in _problems(data)
    data = example()
    data["sessions"][5]["unavailable_slots"] = ["apm-1"]
    assert "pleniere : son créneau imposé apm-1" in _problems(data)
    data = example()
    data["sessions"][0].update(fixed_slot="apm-1", fixed_room="amphi")
    assert "masterclass et pleniere" in _problems(data)


def test_more_sessions_than_places():
    data = example()
    data["slots"] = data["slots"][:2]
    for session in data["sessions"]:
        session.pop("fixed_slot", None)
        session["unavailable_slots"] = []
    data["sessions"] += [{"id": "extra"}]
    assert "7 séances pour 2 créneaux × 2 salles = 4 places" in _problems(data)


def test_duplicates_and_bad_json(tmp_path):
    data = copy.deepcopy(example())
    data["sessions"].append({"id": "masterclass"})
    assert "séance en double : masterclass" in _problems(data)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(InstanceError, match="JSON invalide"):
        load_instance(broken)


def test_no_grid_when_a_speaker_has_too_many_sessions():
    data = example()
    data["slots"] = data["slots"][:2]
    data["sessions"] = [{"id": f"s{i}", "speakers": ["p1"]} for i in range(3)]
    data["attendees"] = []
    problem = parse_instance(data)  # 3 sessions fit 4 places: the check cannot see it
    with pytest.raises(NoGridFound, match="ne trouve plus de place"):
        solve(problem, time_limit=1)


def test_solve_command(tmp_path, capsys):
    output = tmp_path / "solution.json"
    code = solve_command(
        [str(EXAMPLE), "--time-limit", "2", "--seed", "1", "--output", str(output), "--quiet"]
    )
    assert code == 0
    solution = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(solution, schema("solution"))
    out = capsys.readouterr().out
    assert "Souhaits manqués" in out and "Places manquantes" in out and "Temps" in out
    bad = tmp_path / "bad.json"
    data = example()
    data["attendees"][0]["wishes"].append("fantome")
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert solve_command([str(bad), "--quiet"]) == 1
    assert "« fantome »" in capsys.readouterr().err
    for limit in ("0", "-1"):
        with pytest.raises(SystemExit):
            solve_command([str(EXAMPLE), "--time-limit", limit])
    assert "strictement positive" in capsys.readouterr().err
