"""The search state: a grid being built or improved, with counters kept up to date so that the
cost change of a move is computed without re-evaluating the grid (incremental delta evaluation).

Missed wishes are counted exactly: `count[t, p]` is how many sessions person `p` wished in slot
`t`; a session's move changes only its wishers' counters (numpy gathers over those people)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nec.timetabling.solver.grid import Grid, RoomPlanner
from nec.timetabling.solver.instance import Problem


@dataclass(frozen=True)
class Weights:
    """Cost = missed × missed_wish + overflow × overflow_seat + …; missed wishes come first."""

    missed_wish: float = 10.0
    overflow_seat: float = 1.0
    track_clash: float = 4.0
    moved_session: float = 3.0


class State:
    def __init__(self, problem: Problem, weights: Weights):
        self.problem = problem
        self.weights = weights
        self.planner = RoomPlanner(problem)
        n_slots = problem.n_slots
        self.n_slots = n_slots
        self.slot_of = [-1] * problem.n_sessions
        self.members: list[list[int]] = [[] for _ in range(n_slots)]
        self.plans: list[tuple[int, dict[int, int]]] = [(0, {}) for _ in range(n_slots)]
        self.count = np.zeros((n_slots, len(problem.wishes)), dtype=np.int16)
        self.wisher_arrays = [np.array(people, dtype=np.intp) for people in problem.wishers]
        self.wishes_matrix = np.zeros((problem.n_sessions, len(problem.wishes)), dtype=bool)
        for s, people in enumerate(self.wisher_arrays):
            self.wishes_matrix[s, people] = True
        n_speakers = max(len(problem.speaker_ids), _max_speaker(problem))
        self.speaker_count = [0] * (n_speakers * n_slots)
        n_tracks = 1 + max((t for t in problem.tracks if t is not None), default=0)
        self.track_count = [0] * (n_tracks * n_slots)
        self.current_slot = [place[0] if place else None for place in problem.current]
        self.missed = 0
        self.overflow = 0
        self.track_clashes = 0
        self.moved = 0

    # -- reading --------------------------------------------------------------------------------

    @property
    def cost(self) -> float:
        w = self.weights
        return (
            w.missed_wish * self.missed
            + w.overflow_seat * self.overflow
            + w.track_clash * self.track_clashes
            + w.moved_session * self.moved
        )

    def grid(self) -> Grid:
        rooms = [-1] * self.problem.n_sessions
        for _, placed in self.plans:
            for s, room in placed.items():
                rooms[s] = room
        return list(self.slot_of), rooms

    def speakers_free(self, s: int, slot: int, leaving: int | None = None) -> bool:
        """No speaker of `s` already in `slot` (besides session `leaving`, which goes away)."""
        base = slot
        gone = self.problem.speakers[leaving] if leaving is not None else ()
        for speaker in self.problem.speakers[s]:
            if self.speaker_count[speaker * self.n_slots + base] - (speaker in gone) > 0:
                return False
        return True

    def missed_if_added(self, s: int, slot: int) -> int:
        return int(np.count_nonzero(self.count[slot, self.wisher_arrays[s]]))

    def missed_if_moved(self, s: int, to: int) -> int:
        people, origin = self.wisher_arrays[s], self.slot_of[s]
        arriving = np.count_nonzero(self.count[to, people])
        leaving = np.count_nonzero(self.count[origin, people] >= 2)
        return int(arriving - leaving)

    def missed_if_swapped(self, s: int, t: int) -> int:
        """Exact: people wishing both sessions keep their counts; the others move with one."""
        a, b = self.slot_of[s], self.slot_of[t]
        delta = 0
        for mover, other, origin, to in ((s, t, a, b), (t, s, b, a)):
            people = self.wisher_arrays[mover]
            alone = ~self.wishes_matrix[other, people]
            arriving = np.count_nonzero((self.count[to, people] >= 1) & alone)
            leaving = np.count_nonzero((self.count[origin, people] >= 2) & alone)
            delta += int(arriving - leaving)
        return delta

    def track_delta(self, s: int, to: int, leaving: int | None = None) -> int:
        track = self.problem.tracks[s]
        if track is None:
            return 0
        if leaving is not None and self.problem.tracks[leaving] == track:
            return 0
        origin = self.slot_of[s]
        arriving = self.track_count[track * self.n_slots + to]
        staying = self.track_count[track * self.n_slots + origin] - 1 if origin >= 0 else 0
        return arriving - staying

    def moved_delta(self, s: int, to: int) -> int:
        current = self.current_slot[s]
        if current is None:
            return 0
        return (to != current) - (self.slot_of[s] >= 0 and self.slot_of[s] != current)

    # -- changing -------------------------------------------------------------------------------

    def _touch(self, s: int, slot: int, sign: int) -> None:
        n = self.n_slots
        people = self.wisher_arrays[s]
        if sign > 0:
            self.missed += int(np.count_nonzero(self.count[slot, people]))
            self.count[slot, people] += 1
        else:
            self.count[slot, people] -= 1
            self.missed -= int(np.count_nonzero(self.count[slot, people]))
        for speaker in self.problem.speakers[s]:
            self.speaker_count[speaker * n + slot] += sign
        track = self.problem.tracks[s]
        if track is not None:
            index = track * n + slot
            if sign > 0:
                self.track_clashes += self.track_count[index]
                self.track_count[index] += 1
            else:
                self.track_count[index] -= 1
                self.track_clashes -= self.track_count[index]
        current = self.current_slot[s]
        if current is not None and current != slot:
            self.moved += sign

    def _set_plan(self, slot: int, plan: tuple[int, dict[int, int]]) -> None:
        self.overflow += plan[0] - self.plans[slot][0]
        self.plans[slot] = plan

    def place(self, s: int, slot: int, plan: tuple[int, dict[int, int]]) -> None:
        self.slot_of[s] = slot
        self.members[slot].append(s)
        self._touch(s, slot, +1)
        self._set_plan(slot, plan)

    def move(self, s: int, to: int, plan_from, plan_to) -> None:
        origin = self.slot_of[s]
        self._touch(s, origin, -1)
        self.members[origin].remove(s)
        self.slot_of[s] = to
        self.members[to].append(s)
        self._touch(s, to, +1)
        self._set_plan(origin, plan_from)
        self._set_plan(to, plan_to)

    def swap(self, s: int, t: int, plan_a, plan_b) -> None:
        a, b = self.slot_of[s], self.slot_of[t]
        self._touch(s, a, -1)
        self._touch(t, b, -1)
        self.members[a].remove(s)
        self.members[b].remove(t)
        self.slot_of[s], self.slot_of[t] = b, a
        self.members[b].append(s)
        self.members[a].append(t)
        self._touch(s, b, +1)
        self._touch(t, a, +1)
        self._set_plan(a, plan_a)
        self._set_plan(b, plan_b)


def _max_speaker(problem: Problem) -> int:
    return 1 + max((sp for speakers in problem.speakers for sp in speakers), default=0)
