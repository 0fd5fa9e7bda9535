"""Fair seat allocation vs first-come-first-served on a generated national-size instance.

1 800 people rank sessions of a programme of 14 slots × 7 sessions (rooms of 40 to 400 seats,
placed without looking at demand, seats halved by default so that a slot has about as many
seats as people ranking it, a few very popular sessions): each person ranks 1 to 3 sessions in
2 to 6 slots, drawn by popularity. Prints, for our serpentine draft (one seed) and
for first-come-first-served averaged over N random arrival orders, the shares of people who got
a first choice, at least one of their choices, nothing, the seats per person, whether the
fairness criterion holds (nobody gets nothing while someone else gets three first choices), and
the time. No database: the algorithm is pure Python.

    uv run python benchmarks/allocation.py [--people 1800] [--seeds 1 2 3] [--runs 20]"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from nec.timetabling.allocation import (  # noqa: E402
    Problem,
    allocate_fair,
    random_order,
    satisfaction,
    simulate_fcfs,
)

SLOTS, PER_SLOT = 14, 7
ROOMS = [40, 40, 60, 80, 100, 120, 150, 200, 300, 400]


def instance(people: int, seed: int, factor: float) -> Problem:
    rng = random.Random(seed)
    capacity, weight, by_slot = {}, {}, {}
    for slot in range(SLOTS):
        rooms = rng.sample(ROOMS, PER_SLOT)
        by_slot[slot] = []
        for n in range(PER_SLOT):
            session = slot * 100 + n
            capacity[session] = max(1, round(rooms[n] * factor))
            weight[session] = rng.paretovariate(1.8)
            by_slot[slot].append(session)
    for session in rng.sample(sorted(weight), 6):  # a few very popular sessions
        weight[session] *= 8
    choices = {}
    for person in range(people):
        wanted = []
        for slot in rng.sample(range(SLOTS), rng.randint(2, 6)):
            pool = list(by_slot[slot])
            picks = []
            for _ in range(rng.randint(1, 3)):
                pick = rng.choices(pool, weights=[weight[s] for s in pool])[0]
                pool.remove(pick)
                picks.append(pick)
            wanted += [(slot, session, rank + 1) for rank, session in enumerate(picks)]
        choices[person] = wanted
    return Problem(choices=choices, capacity=capacity)


def _row(seed: int, method: str, figures: dict, fair: str, seconds: float) -> str:
    return (
        f"| {seed} | {method} | {figures['first']:.1%} | {figures['top3']:.1%} | "
        f"{figures['nothing']:.1%} | {figures['seats']:.2f} | {fair} | {seconds * 1000:.0f} ms |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1800)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--seats-factor",
        type=float,
        default=0.5,
        help="room seats × this (default 0.5: about as many seats per slot as people ranking it)",
    )
    parser.add_argument("--runs", type=int, default=20, help="FCFS arrival orders (default 20)")
    args = parser.parse_args()
    print(
        "| seed | method | 1st choice | ≥ 1 of top 3 | nothing | seats / person | "
        "criterion | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for seed in args.seeds:
        problem = instance(args.people, seed, args.seats_factor)
        started = time.perf_counter()
        fair = satisfaction(problem, allocate_fair(problem, seed).seats)
        fair_time = time.perf_counter() - started
        started = time.perf_counter()
        samples = [
            satisfaction(problem, simulate_fcfs(problem, random_order(problem.choices, seed + n)))
            for n in range(1, args.runs + 1)
        ]
        fcfs_time = (time.perf_counter() - started) / max(args.runs, 1)
        mean = {
            key: sum(s[key] for s in samples) / len(samples)
            for key in ("first", "top3", "nothing", "seats")
        }
        held = sum(1 for s in samples if s["fair"])
        print(
            _row(seed, "fair (serpentine draft)", fair, "yes" if fair["fair"] else "NO", fair_time)
        )
        print(_row(seed, f"FCFS (mean of {args.runs})", mean, f"{held}/{args.runs}", fcfs_time))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
