"""Building a first grid (random feasible or greedy) and improving it by simulated annealing.

Annealing moves: put a session in another slot, or swap the slots of two sessions; the rooms of
the two slots touched are re-planned (`RoomPlanner`), so rooms follow demand. The temperature
falls with the number of iterations, not the clock, so a run is the same for a given seed as long
as it is not cut by the time limit or a stop request."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from nec.timetabling.solver.instance import Problem
from nec.timetabling.solver.state import State, Weights


class NoGridFound(Exception):
    """No feasible grid was found (the message, in French, says what blocked)."""


@dataclass(frozen=True)
class Progress:
    fraction: float
    iterations: int
    elapsed: float
    best_cost: float
    best_missed: int
    best_overflow: int


def _construction_order(problem: Problem, rng: random.Random, shuffle: bool) -> list[int]:
    def key(s: int) -> tuple:
        fixed = problem.fixed_slot[s] is not None
        return (
            not fixed,
            len(problem.allowed_slots(s)),
            -len(problem.speakers[s]),
            -problem.demand[s] if not shuffle else rng.random(),
        )

    return sorted(range(problem.n_sessions), key=key)


def construct(
    problem: Problem, weights: Weights, seed: int, *, greedy: bool, attempts: int = 30
) -> State:
    """Place sessions one by one, most constrained first: in the cheapest slot (greedy) or a random
    feasible one. Retries with other orders before giving up."""
    rng = random.Random(seed)
    blocked: dict[int, int] = {}
    for attempt in range(attempts):
        state = State(problem, weights)
        order = _construction_order(problem, rng, shuffle=not greedy or attempt > 0)
        failed = None
        for s in order:
            choice = _choose_slot(state, s, rng, greedy)
            if choice is None:
                failed = s
                break
            state.place(s, *choice)
        if failed is None:
            return state
        blocked[failed] = blocked.get(failed, 0) + 1
    worst = max(blocked, key=blocked.get)
    raise NoGridFound(
        f"Aucune grille trouvée : la séance {problem.session_ids[worst]} ne trouve plus de place "
        "(créneaux pris, intervenant·e déjà occupé·e ou salle imposée/de plain-pied déjà utilisée)."
    )


def _choose_slot(state: State, s: int, rng: random.Random, greedy: bool):
    problem, weights = state.problem, state.weights
    best, best_cost, ties = None, math.inf, 0
    candidates = problem.allowed_slots(s)
    if not greedy:
        candidates = rng.sample(candidates, len(candidates))
    for slot in candidates:
        if not state.speakers_free(s, slot):
            continue
        plan = state.planner.plan([*state.members[slot], s])
        if plan is None:
            continue
        if not greedy:
            return slot, plan
        cost = (
            weights.missed_wish * state.missed_if_added(s, slot)
            + weights.overflow_seat * (plan[0] - state.plans[slot][0])
            + weights.track_clash * state.track_delta(s, slot)
            + weights.moved_session * state.moved_delta(s, slot)
        )
        if cost < best_cost:
            best, best_cost, ties = (slot, plan), cost, 1
        elif cost == best_cost:
            ties += 1
            if rng.random() * ties < 1:  # uniform among equals, reproducible
                best = (slot, plan)
    return best


@dataclass
class AnnealingResult:
    grid: tuple[list[int], list[int]]
    iterations: int
    elapsed: float
    stopped: str  # "done", "time_limit" or "stopped"


def anneal(
    state: State,
    seed: int,
    *,
    iterations: int,
    time_limit: float,
    start_temperature: float = 12.0,
    end_temperature: float = 0.2,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    report_every: float = 0.5,
) -> AnnealingResult:
    problem = state.problem
    rng = random.Random(seed)
    movable = [s for s in range(problem.n_sessions) if problem.fixed_slot[s] is None]
    allowed = [problem.allowed_slots(s) for s in range(problem.n_sessions)]
    started = time.monotonic()
    best_cost, best_grid = state.cost, state.grid()
    best_missed, best_overflow = state.missed, state.overflow
    cooling = (end_temperature / start_temperature) ** (1 / max(1, iterations))
    temperature = start_temperature
    last_report = started
    stopped = "done"
    iteration = 0
    if not movable:
        iterations = 0
    w = state.weights
    plan, overflow = state.planner.plan, state.planner.overflow
    for iteration in range(1, iterations + 1):
        temperature *= cooling
        if iteration % 1000 == 0:
            now = time.monotonic()
            if now - started >= time_limit:
                stopped = "time_limit"
                break
            if should_stop is not None and should_stop():
                stopped = "stopped"
                break
            if on_progress is not None and now - last_report >= report_every:
                last_report = now
                on_progress(
                    Progress(
                        iteration / iterations,
                        iteration,
                        now - started,
                        best_cost,
                        best_missed,
                        best_overflow,
                    )
                )
        s = movable[rng.randrange(len(movable))]
        a = state.slot_of[s]
        b = allowed[s][rng.randrange(len(allowed[s]))]
        if b == a:
            continue
        members_b = state.members[b]
        swap_with = None
        if len(members_b) >= problem.n_rooms or rng.random() < 0.5:
            if not members_b:
                continue
            swap_with = members_b[rng.randrange(len(members_b))]
            if problem.fixed_slot[swap_with] is not None or a in problem.unavailable[swap_with]:
                continue
        if swap_with is None:
            if not state.speakers_free(s, b):
                continue
            new_a = [x for x in state.members[a] if x != s]
            new_b = [*members_b, s]
        else:
            t = swap_with
            if not state.speakers_free(s, b, leaving=t) or not state.speakers_free(t, a, leaving=s):
                continue
            new_a = [t if x == s else x for x in state.members[a]]
            new_b = [s if x == t else x for x in members_b]
        over_a = overflow(new_a)
        if over_a is None:
            continue
        over_b = overflow(new_b)
        if over_b is None:
            continue
        if swap_with is None:
            d_missed = state.missed_if_moved(s, b)
            d_track = state.track_delta(s, b)
            d_moved = state.moved_delta(s, b)
        else:
            d_missed = state.missed_if_swapped(s, swap_with)
            d_track = state.track_delta(s, b, leaving=swap_with) + state.track_delta(
                swap_with, a, leaving=s
            )
            d_moved = state.moved_delta(s, b) + state.moved_delta(swap_with, a)
        d_overflow = over_a + over_b - state.plans[a][0] - state.plans[b][0]
        delta = (
            w.missed_wish * d_missed
            + w.overflow_seat * d_overflow
            + w.track_clash * d_track
            + w.moved_session * d_moved
        )
        if delta > 0 and rng.random() >= math.exp(-delta / temperature):
            continue
        plan_a, plan_b = plan(new_a), plan(new_b)
        if swap_with is None:
            state.move(s, b, plan_a, plan_b)
        else:
            state.swap(s, swap_with, plan_a, plan_b)
        if state.cost < best_cost - 1e-9:
            best_cost, best_grid = state.cost, state.grid()
            best_missed, best_overflow = state.missed, state.overflow
    elapsed = time.monotonic() - started
    if on_progress is not None:
        fraction = 1.0 if stopped == "done" else iteration / max(1, iterations)
        on_progress(Progress(fraction, iteration, elapsed, best_cost, best_missed, best_overflow))
    return AnnealingResult(best_grid, iteration, elapsed, stopped)
