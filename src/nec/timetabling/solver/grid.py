"""A grid (slot and room of every session): its quality, its hard-constraint violations, and the
best room plan of one slot. Quality follows the exchange format's README: missed wishes (for each
person and slot, every wished session beyond the first) and overflow seats (demand above the
room's capacity)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from nec.timetabling.solver.instance import SOLUTION_FORMAT, Problem


@dataclass(frozen=True)
class Metrics:
    missed_wishes: int
    total_wishes: int
    overflow_seats: int
    track_clashes: int = 0
    moved_sessions: int = 0

    @property
    def missed_share(self) -> float:
        return self.missed_wishes / self.total_wishes if self.total_wishes else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "missed_share": round(self.missed_share, 4)}


#: A grid: `slot[s]`, `room[s]` for every session `s`.
Grid = tuple[list[int], list[int]]


def evaluate(problem: Problem, grid: Grid) -> Metrics:
    slots, rooms = grid
    missed = 0
    for wished in problem.wishes:
        missed += len(wished) - len({slots[s] for s in wished})
    overflow = sum(
        max(0, problem.demand[s] - problem.capacity[rooms[s]]) for s in range(problem.n_sessions)
    )
    per_track = Counter(
        (problem.tracks[s], slots[s])
        for s in range(problem.n_sessions)
        if problem.tracks[s] is not None
    )
    clashes = sum(count * (count - 1) // 2 for count in per_track.values())
    moved = sum(
        1
        for s, place in enumerate(problem.current)
        if place is not None and place != (slots[s], rooms[s])
    )
    return Metrics(missed, problem.total_wishes, overflow, clashes, moved)


def violations(problem: Problem, grid: Grid) -> list[str]:
    """Every hard constraint the grid breaks (empty when valid)."""
    slots, rooms = grid
    found = []
    if len(slots) != problem.n_sessions or len(rooms) != problem.n_sessions:
        return ["chaque séance doit être placée exactement une fois"]
    places: dict[tuple[int, int], int] = {}
    speakers: dict[tuple[int, int], int] = {}
    for s, sid in enumerate(problem.session_ids):
        slot, room = slots[s], rooms[s]
        if not (0 <= slot < problem.n_slots and 0 <= room < problem.n_rooms):
            found.append(f"{sid} : créneau ou salle inconnu")
            continue
        other = places.setdefault((slot, room), s)
        if other != s:
            found.append(
                f"{sid} et {problem.session_ids[other]} dans la même salle au même créneau"
            )
        for speaker in problem.speakers[s]:
            other = speakers.setdefault((slot, speaker), s)
            if other != s:
                found.append(f"{sid} et {problem.session_ids[other]} partagent un·e intervenant·e")
        if slot in problem.unavailable[s]:
            found.append(f"{sid} sur un créneau indisponible")
        if problem.fixed_slot[s] is not None and problem.fixed_slot[s] != slot:
            found.append(f"{sid} hors de son créneau imposé")
        if problem.fixed_room[s] is not None and problem.fixed_room[s] != room:
            found.append(f"{sid} hors de sa salle imposée")
        if problem.needs_step_free[s] and not problem.step_free[room]:
            found.append(f"{sid} dans une salle qui n'est pas de plain-pied")
    return found


class RoomPlanner:
    """The rooms of one slot's sessions: fixed rooms first, then the most wanted session takes the
    largest room it may use, keeping enough step-free rooms for those who need one. (Sorted
    matching minimises the overflow when no room is restricted.)"""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.rooms_by_size = sorted(range(problem.n_rooms), key=lambda r: (-problem.capacity[r], r))
        self.capacities_desc = sorted(problem.capacity, reverse=True)
        self.restricted = [
            problem.fixed_room[s] is not None or problem.needs_step_free[s]
            for s in range(problem.n_sessions)
        ]

    def overflow(self, sessions: list[int]) -> int | None:
        """The overflow of `plan(sessions)`, faster when no session is restricted to some rooms."""
        restricted = self.restricted
        if len(sessions) > len(self.capacities_desc) or any(restricted[s] for s in sessions):
            plan = self.plan(sessions)
            return None if plan is None else plan[0]
        demand = self.problem.demand
        wanted = sorted((demand[s] for s in sessions), reverse=True)
        return sum(max(0, d - c) for d, c in zip(wanted, self.capacities_desc, strict=False))

    def plan(self, sessions: list[int]) -> tuple[int, dict[int, int]] | None:
        """(overflow, {session: room}) or None when these sessions cannot share the slot."""
        problem = self.problem
        if len(sessions) > problem.n_rooms:
            return None
        taken: set[int] = set()
        placed: dict[int, int] = {}
        free_sessions = []
        for s in sessions:
            room = problem.fixed_room[s]
            if room is None:
                free_sessions.append(s)
            elif room in taken:
                return None
            else:
                taken.add(room)
                placed[s] = room
        free_sessions.sort(key=lambda s: (-problem.demand[s], s))
        needing = sum(1 for s in free_sessions if problem.needs_step_free[s])
        step_free_left = sum(
            1 for r in range(problem.n_rooms) if problem.step_free[r] and r not in taken
        )
        if needing > step_free_left:
            return None
        for s in free_sessions:
            needs = problem.needs_step_free[s]
            for room in self.rooms_by_size:
                if room in taken:
                    continue
                step_free = problem.step_free[room]
                if needs and not step_free:
                    continue
                if not needs and step_free and step_free_left <= needing:
                    continue
                break
            else:  # pragma: no cover - counts above guarantee a room
                return None
            taken.add(room)
            placed[s] = room
            if step_free:
                step_free_left -= 1
            if needs:
                needing -= 1
        overflow = sum(max(0, problem.demand[s] - problem.capacity[r]) for s, r in placed.items())
        return overflow, placed


def solution_json(problem: Problem, grid: Grid, metrics: Metrics | None = None, **extra) -> dict:
    """The grid in the exchange format (`solution.schema.json`)."""
    slots, rooms = grid
    data: dict = {
        "format": SOLUTION_FORMAT,
        "assignments": [
            {"session": sid, "slot": problem.slot_ids[slots[s]], "room": problem.room_ids[rooms[s]]}
            for s, sid in enumerate(problem.session_ids)
        ],
    }
    if metrics is not None:
        data["metrics"] = {**metrics.as_dict(), **extra}
    return data
