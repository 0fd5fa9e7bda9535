"""The demand-aware timetabling solver, independent of Django (`nec timetable solve` runs it on a
JSON file without a database).

    problem = load_instance("instance.json")
    result = solve(problem, time_limit=60, seed=1)
    result.metrics.missed_share, result.solution()   # the latter validates against the schema

Method, chosen by measurement (see `benchmarks/timetabling.py`): a greedy construction (most
constrained session first, into its cheapest slot) then simulated annealing over slot moves and
swaps with exact incremental evaluation; the rooms of a slot always go to its sessions by demand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from nec.timetabling.solver.grid import Grid, Metrics, evaluate, solution_json, violations
from nec.timetabling.solver.instance import InstanceError, Problem, load_instance, parse_instance
from nec.timetabling.solver.search import NoGridFound, Progress, anneal, construct
from nec.timetabling.solver.state import Weights

__all__ = [
    "InstanceError",
    "Metrics",
    "NoGridFound",
    "Problem",
    "Progress",
    "SolveResult",
    "Weights",
    "evaluate",
    "greedy_grid",
    "load_instance",
    "parse_instance",
    "random_grid",
    "solve",
    "violations",
]

#: Annealing iterations per second of time limit: the budget is set in iterations (so a seed gives
#: the same grid on any machine) and this rate makes a run end before its time limit on a shared
#: 2-core machine.
ITERATIONS_PER_SECOND = 6_000


@dataclass
class SolveResult:
    problem: Problem
    grid: Grid
    metrics: Metrics
    start_metrics: Metrics
    elapsed: float
    iterations: int
    stopped: str
    seed: int

    def solution(self) -> dict:
        return solution_json(
            self.problem,
            self.grid,
            self.metrics,
            seed=self.seed,
            seconds=round(self.elapsed, 2),
            iterations=self.iterations,
            stopped=self.stopped,
        )


def random_grid(problem: Problem, seed: int = 0) -> Grid:
    """A random feasible grid (the baseline of the benchmark)."""
    return construct(problem, Weights(), seed, greedy=False).grid()


def greedy_grid(problem: Problem, seed: int = 0, weights: Weights | None = None) -> Grid:
    return construct(problem, weights or Weights(), seed, greedy=True).grid()


def solve(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    seed: int = 1,
    iterations: int | None = None,
    weights: Weights | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SolveResult:
    """Best grid found within `time_limit` seconds (or `iterations` annealing steps, by default
    `ITERATIONS_PER_SECOND × time_limit`). `should_stop()` returning true ends the run early; the
    best grid so far is kept. `NoGridFound` when not even a feasible grid could be built."""
    if not time_limit > 0:
        raise ValueError("La limite de temps doit être strictement positive.")
    started = time.monotonic()
    weights = weights or Weights()
    state = construct(problem, weights, seed, greedy=True)
    start_grid = state.grid()
    budget = iterations if iterations is not None else int(ITERATIONS_PER_SECOND * time_limit)
    remaining = max(0.001, time_limit - (time.monotonic() - started))
    result = anneal(
        state,
        seed,
        iterations=budget,
        time_limit=remaining,
        on_progress=on_progress,
        should_stop=should_stop,
    )
    return SolveResult(
        problem=problem,
        grid=result.grid,
        metrics=evaluate(problem, result.grid),
        start_metrics=evaluate(problem, start_grid),
        elapsed=time.monotonic() - started,
        iterations=result.iterations,
        stopped=result.stopped,
        seed=seed,
    )
