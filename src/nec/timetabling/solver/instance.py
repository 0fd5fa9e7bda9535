"""The timetabling problem: reading and checking a `nec-timetabling/1` instance (JSON schema, then
the meaning: known ids, a place for every session, enough places) into index-based arrays the
solver works on. Pure Python: no Django here, so the command runs without a database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jsonschema

INSTANCE_FORMAT = "nec-timetabling/1"
SOLUTION_FORMAT = "nec-timetabling-solution/1"
_SCHEMAS = Path(__file__).parent / "schemas"


class InstanceError(ValueError):
    """An instance that cannot be solved; `problems` lists every reason, in French."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@cache
def schema(name: str) -> dict:
    """`instance` or `solution`: the JSON schema shipped with the app."""
    return json.loads((_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@dataclass
class Problem:
    """An instance as indices: sessions `0..n-1`, slots `0..S-1`, rooms `0..R-1`, people `0..P-1`.

    `tracks` and `current` are not part of the exchange format: the web app adds them for the soft
    constraints (spread a track's sessions; keep what the team placed unless allowed to move)."""

    name: str
    session_ids: list[str]
    slot_ids: list[str]
    room_ids: list[str]
    capacity: list[int]
    step_free: list[bool]
    speakers: list[tuple[int, ...]]
    unavailable: list[frozenset[int]]
    fixed_slot: list[int | None]
    fixed_room: list[int | None]
    needs_step_free: list[bool]
    attendee_ids: list[str]
    wishes: list[tuple[int, ...]]
    speaker_ids: list[str] = field(default_factory=list)
    tracks: list[int | None] = field(default_factory=list)
    current: list[tuple[int, int] | None] = field(default_factory=list)
    ignored_wishes: int = 0

    def __post_init__(self) -> None:
        n = len(self.session_ids)
        self.tracks = self.tracks or [None] * n
        self.current = self.current or [None] * n
        self.demand = [0] * n
        self.wishers: list[list[int]] = [[] for _ in range(n)]
        for person, wished in enumerate(self.wishes):
            for session in wished:
                self.demand[session] += 1
                self.wishers[session].append(person)
        self.total_wishes = sum(self.demand)

    @property
    def n_sessions(self) -> int:
        return len(self.session_ids)

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_rooms(self) -> int:
        return len(self.room_ids)

    def allowed_slots(self, session: int) -> list[int]:
        if self.fixed_slot[session] is not None:
            return [self.fixed_slot[session]]
        return [t for t in range(self.n_slots) if t not in self.unavailable[session]]

    def allowed_rooms(self, session: int) -> list[int]:
        if self.fixed_room[session] is not None:
            return [self.fixed_room[session]]
        if self.needs_step_free[session]:
            return [r for r in range(self.n_rooms) if self.step_free[r]]
        return list(range(self.n_rooms))


def load_instance(path: str | Path) -> Problem:
    """Read a JSON file; `InstanceError` if it is not valid JSON or not a solvable instance."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceError([f"Fichier illisible : {error}"]) from error
    except json.JSONDecodeError as error:
        raise InstanceError([f"JSON invalide (ligne {error.lineno}) : {error.msg}"]) from error
    return parse_instance(data)


def _schema_problems(data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema("instance"))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(racine)"
        problems.append(f"Schéma : {where} : {error.message}")
    return problems


def _duplicates(kind: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    twice = sorted({item for item in ids if item in seen or seen.add(item)})
    return [f"Identifiant de {kind} en double : {item}" for item in twice]


def parse_instance(data: object) -> Problem:
    """Check `data` against the schema, then its meaning; build the `Problem`."""
    problems = _schema_problems(data)
    if problems:
        raise InstanceError(problems)
    assert isinstance(data, dict)
    slot_ids = [slot["id"] for slot in data["slots"]]
    room_ids = [room["id"] for room in data["rooms"]]
    session_ids = [session["id"] for session in data["sessions"]]
    problems += _duplicates("créneau", slot_ids)
    problems += _duplicates("salle", room_ids)
    problems += _duplicates("séance", session_ids)
    problems += _duplicates("participant", [person["id"] for person in data["attendees"]])
    slot_index = {sid: i for i, sid in enumerate(slot_ids)}
    room_index = {rid: i for i, rid in enumerate(room_ids)}
    session_index = {sid: i for i, sid in enumerate(session_ids)}
    speaker_index: dict[str, int] = {}
    speakers, unavailable, fixed_slot, fixed_room = [], [], [], []
    for session in data["sessions"]:
        sid = session["id"]
        speakers.append(
            tuple(
                speaker_index.setdefault(p, len(speaker_index)) for p in session.get("speakers", [])
            )
        )
        unknown = [t for t in session.get("unavailable_slots", []) if t not in slot_index]
        problems += [f"Séance {sid} : créneau indisponible inconnu « {t} »" for t in unknown]
        unavailable.append(
            frozenset(
                slot_index[t] for t in session.get("unavailable_slots", []) if t in slot_index
            )
        )
        for key, index, kind, target in (
            ("fixed_slot", slot_index, "créneau", fixed_slot),
            ("fixed_room", room_index, "salle", fixed_room),
        ):
            value = session.get(key)
            if value is not None and value not in index:
                problems.append(f"Séance {sid} : {kind} imposé inconnu « {value} »")
            target.append(index.get(value) if value is not None else None)
    wishes = []
    for person in data["attendees"]:
        unknown = [s for s in person["wishes"] if s not in session_index]
        problems += [
            f"Participant {person['id']} : séance souhaitée inconnue « {s} »" for s in unknown
        ]
        wishes.append(tuple(session_index[s] for s in person["wishes"] if s in session_index))
    if problems:
        raise InstanceError(problems)
    problem = Problem(
        name=data.get("name", ""),
        session_ids=session_ids,
        slot_ids=slot_ids,
        room_ids=room_ids,
        capacity=[room["capacity"] for room in data["rooms"]],
        step_free=[room.get("step_free", True) for room in data["rooms"]],
        speakers=speakers,
        unavailable=unavailable,
        fixed_slot=fixed_slot,
        fixed_room=fixed_room,
        needs_step_free=[session.get("needs_step_free", False) for session in data["sessions"]],
        attendee_ids=[person["id"] for person in data["attendees"]],
        wishes=wishes,
        speaker_ids=list(speaker_index),
    )
    check_placeable(problem)
    return problem


def check_placeable(problem: Problem) -> None:
    """Impossible constraints, each named: a session with no slot or no room, too many sessions,
    fixed sessions on top of each other. (A grid may still not exist for subtler reasons: the
    solver then says so.)"""
    problems = []
    places = problem.n_slots * problem.n_rooms
    if problem.n_sessions > places:
        problems.append(
            f"{problem.n_sessions} séances pour {problem.n_slots} créneaux × {problem.n_rooms} "
            f"salles = {places} places : il manque {problem.n_sessions - places} places."
        )
    for s, sid in enumerate(problem.session_ids):
        fixed = problem.fixed_slot[s]
        if fixed is not None and fixed in problem.unavailable[s]:
            problems.append(
                f"Séance {sid} : son créneau imposé {problem.slot_ids[fixed]} fait partie de ses "
                "créneaux indisponibles."
            )
        elif not problem.allowed_slots(s):
            problems.append(
                f"Séance {sid} : indisponible sur tous les créneaux, elle ne peut aller nulle part."
            )
        room = problem.fixed_room[s]
        if problem.needs_step_free[s] and room is not None and not problem.step_free[room]:
            problems.append(
                f"Séance {sid} : elle demande une salle de plain-pied mais sa salle imposée "
                f"{problem.room_ids[room]} ne l'est pas."
            )
        elif not problem.allowed_rooms(s):
            problems.append(
                f"Séance {sid} : elle demande une salle de plain-pied et aucune salle ne l'est."
            )
    problems += _fixed_clashes(problem)
    if problems:
        raise InstanceError(problems)


def _fixed_clashes(problem: Problem) -> list[str]:
    problems = []
    by_place: dict[tuple[int, int], int] = {}
    by_speaker: dict[tuple[int, int], int] = {}
    for s in range(problem.n_sessions):
        slot, room = problem.fixed_slot[s], problem.fixed_room[s]
        if slot is None:
            continue
        if room is not None:
            other = by_place.setdefault((slot, room), s)
            if other != s:
                problems.append(
                    f"Séances {problem.session_ids[other]} et {problem.session_ids[s]} : "
                    f"toutes deux imposées en salle {problem.room_ids[room]} au créneau "
                    f"{problem.slot_ids[slot]}."
                )
        for speaker in problem.speakers[s]:
            other = by_speaker.setdefault((slot, speaker), s)
            if other != s:
                problems.append(
                    f"Séances {problem.session_ids[other]} et {problem.session_ids[s]} : "
                    "imposées au "
                    f"même créneau {problem.slot_ids[slot]} avec l'intervenant·e "
                    f"{problem.speaker_ids[speaker]}."
                )
    return problems
