"""Demand-aware timetabling: missed wishes and overflow seats of a random feasible grid, a greedy
grid and our solver (greedy + simulated annealing) on generated national-size instances.

Instances (`nec.timetabling.solver.generate.national_instance`): 100 sessions in 8 themes, 14
slots, 10 rooms of 40 to 400 seats, 1 800 people wishing 4 to 10 sessions (mostly in one or two
favourite themes, a few very popular sessions), 60 speakers in two sessions, 15 % of sessions
unavailable in 3 slots, one fixed plenary. No database: the solver is pure Python.

    uv run python benchmarks/timetabling.py [--seeds 1 2 3] [--time-limit 60]

Aim: at most 10 % of wishes missed by our solver (a random grid misses about 20 %)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from nec.timetabling.solver import (
    evaluate,
    greedy_grid,
    parse_instance,
    random_grid,
    solve,
    violations,
)  # noqa: E402
from nec.timetabling.solver.generate import national_instance  # noqa: E402


def _row(seed: int, method: str, metrics, seconds: float) -> str:
    return (
        f"| {seed} | {method} | {metrics.missed_wishes} / {metrics.total_wishes} | "
        f"{metrics.missed_share:.1%} | {metrics.overflow_seats} | {seconds:.1f} s |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per seed (default 60)"
    )
    args = parser.parse_args()
    print("| seed | method | missed wishes | share | overflow seats | time |")
    print("|---|---|---|---|---|---|")
    shares = []
    for seed in args.seeds:
        problem = parse_instance(national_instance(seed))
        for method, build in (("random", random_grid), ("greedy", greedy_grid)):
            started = time.monotonic()
            grid = build(problem, seed)
            seconds = time.monotonic() - started
            assert not violations(problem, grid)
            print(_row(seed, method, evaluate(problem, grid), seconds), flush=True)
        result = solve(problem, time_limit=args.time_limit, seed=seed)
        assert not violations(problem, result.grid)
        shares.append(result.metrics.missed_share)
        label = f"ours ({result.iterations} it., {result.stopped})"
        print(_row(seed, label, result.metrics, result.elapsed), flush=True)
    worst = max(shares)
    print(
        f"\nworst share of missed wishes (ours): {worst:.1%} — aim ≤ 10 %: "
        f"{'met' if worst <= 0.10 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
