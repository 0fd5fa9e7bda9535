"""Fair seat allocation, the pure algorithm (no database): who gets a seat in which session from
the participants' rankings (first, second, third choice per time slot), and what
first-come-first-served would have given on the same rankings.

The choice: a **round-robin draft in serpentine order, then a repair**.

1. People are put in a random order drawn from a recorded seed (same seed, same rankings, same
   result).
2. Rounds: in each round every person still in play takes ONE seat: their best remaining choice
   (lowest rank first; between equal ranks, the session whose demand is the lowest for its
   seats, then the earliest slot) among sessions that still have a seat, in a slot where they
   have no seat yet and that overlaps none of their seats. Nobody gets a second seat before
   everybody had the chance of a first one, nor a third before everybody had a second. The order
   is reversed every round (serpentine: last of round 1 is first of round 2) so being drawn late
   is compensated. A person who gets nothing in a round leaves (capacities only shrink).
3. Repair: a person left with nothing takes back a seat of a session they ranked from someone
   holding at least two seats (the one holding most, latest in the order); that person gets
   their next choice in that slot when it has a seat.

Why not an optimisation (max of total satisfaction under a fairness constraint)? The draft is
what people understand ("everyone gets one before anyone gets two"), is strategy-light (ranking
honestly is the best a person can do in each round), runs in milliseconds on 1 800 people, and
directly targets the criterion the team asked for: nobody gets nothing while someone else gets
three top choices. First-come-first-served instead gives each early arrival every first choice
they ranked, so later arrivals find the popular sessions full.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

Person = int
SessionId = int
SlotId = int


@dataclass
class Problem:
    """Rankings and seats. `choices`: {person: [(slot, session, rank), …]}; `capacity`: {session:
    seats left}; `conflicts`: {slot: slots overlapping it, itself included} (a slot missing here
    overlaps only itself); `blocked`: {person: slots where they already hold a seat}."""

    choices: dict[Person, list[tuple[SlotId, SessionId, int]]]
    capacity: dict[SessionId, int]
    conflicts: dict[SlotId, frozenset[SlotId]] = field(default_factory=dict)
    blocked: dict[Person, set[SlotId]] = field(default_factory=dict)

    def overlapping(self, slot: SlotId) -> frozenset[SlotId]:
        return self.conflicts.get(slot, frozenset((slot,)))


@dataclass
class Allocation:
    #: {person: [(slot, session, rank), …]} of the seats given
    seats: dict[Person, list[tuple[SlotId, SessionId, int]]]
    #: the random order of people (round 1)
    order: list[Person]


class _State:
    """Seats left and each person's occupied slots, shared by the draft and the simulation."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.left = dict(problem.capacity)
        self.busy: dict[Person, set[SlotId]] = {}
        for person, slots in problem.blocked.items():
            busy = self.busy.setdefault(person, set())
            for slot in slots:
                busy |= problem.overlapping(slot)
        self.seats: dict[Person, list[tuple[SlotId, SessionId, int]]] = {
            person: [] for person in problem.choices
        }

    def available(self, person: Person, slot: SlotId, session: SessionId) -> bool:
        return self.left.get(session, 0) > 0 and slot not in self.busy.get(person, ())

    def take(self, person: Person, choice: tuple[SlotId, SessionId, int]) -> None:
        slot, session, _rank = choice
        self.left[session] -= 1
        self.busy.setdefault(person, set()).update(self.problem.overlapping(slot))
        self.seats[person].append(choice)

    def give_back(self, person: Person, choice: tuple[SlotId, SessionId, int]) -> None:
        self.left[choice[1]] += 1
        self.seats[person].remove(choice)
        busy = set()
        for slot in self.problem.blocked.get(person, ()):
            busy |= self.problem.overlapping(slot)
        for slot, _session, _rank in self.seats[person]:
            busy |= self.problem.overlapping(slot)
        self.busy[person] = busy


def random_order(people, seed: int) -> list[Person]:
    order = sorted(people)
    random.Random(seed).shuffle(order)
    return order


def allocate_fair(problem: Problem, seed: int) -> Allocation:
    """The serpentine round-robin draft then the repair (see the module's docstring)."""
    demand = Counter(session for choices in problem.choices.values() for _s, session, _r in choices)
    pressure = {
        session: count / max(problem.capacity.get(session, 0), 1)
        for session, count in demand.items()
    }
    state = _State(problem)
    queues = {
        person: sorted(choices, key=lambda c: (c[2], pressure[c[1]], c[0], c[1]))
        for person, choices in problem.choices.items()
    }
    order = random_order(problem.choices, seed)
    active = [person for person in order if queues[person]]
    forward = True
    while active:
        served = set()
        for person in active if forward else reversed(active):
            queue = queues[person]
            # drop what can never come back (full sessions, occupied slots), then take the best
            while queue and not state.available(person, queue[0][0], queue[0][1]):
                queue.pop(0)
            if queue:
                state.take(person, queue.pop(0))
                served.add(person)
        active = [person for person in active if person in served]
        forward = not forward
    _repair(problem, state, order)
    return Allocation(seats=state.seats, order=order)


def _repair(problem: Problem, state: _State, order: list[Person]) -> None:
    """Give a seat to whoever got nothing, taken from someone holding two or more."""
    position = {person: index for index, person in enumerate(order)}
    for person in order:
        if state.seats[person] or not problem.choices[person]:
            continue
        for choice in sorted(problem.choices[person], key=lambda c: (c[2], c[0], c[1])):
            slot, session, _rank = choice
            if slot in state.busy.get(person, ()):
                continue
            holders = [
                (other, held)
                for other, seats in state.seats.items()
                if len(seats) >= 2
                for held in seats
                if held[1] == session
            ]
            if not holders:
                continue
            other, held = max(holders, key=lambda h: (len(state.seats[h[0]]), position[h[0]]))
            state.give_back(other, held)
            state.take(person, choice)
            for alternative in sorted(problem.choices[other], key=lambda c: c[2]):
                if (
                    alternative[0] == slot
                    and alternative[1] != session
                    and state.available(other, alternative[0], alternative[1])
                ):
                    state.take(other, alternative)
                    break
            break


def simulate_fcfs(problem: Problem, order: list[Person]) -> dict[Person, list]:
    """First-come-first-served on the same rankings: people arrive in `order`; each books, slot
    after slot, their best-ranked session that still has a seat."""
    state = _State(problem)
    for person in order:
        by_slot: dict[SlotId, list[tuple[SlotId, SessionId, int]]] = {}
        for choice in problem.choices[person]:
            by_slot.setdefault(choice[0], []).append(choice)
        for slot in sorted(by_slot):
            for choice in sorted(by_slot[slot], key=lambda c: c[2]):
                if state.available(person, choice[0], choice[1]):
                    state.take(person, choice)
                    break
    return state.seats


def reachable(problem: Problem, person: Person) -> bool:
    """Whether one of the person's choices had a seat, in a slot free for them, before anyone
    was served (else nobody could give them anything)."""
    busy = set()
    for slot in problem.blocked.get(person, ()):
        busy |= problem.overlapping(slot)
    return any(
        problem.capacity.get(session, 0) > 0 and slot not in busy
        for slot, session, _rank in problem.choices[person]
    )


def satisfaction(problem: Problem, seats: dict[Person, list]) -> dict:
    """Shares of the people who ranked: got a first choice (in at least one slot), got at least
    one of their (top 3) choices, got nothing; and whether the fairness criterion holds: nobody
    gets nothing while someone else gets three first choices. A person whose every choice was
    already full (or clashing with a seat they held) before the allocation could get nothing
    whatever the method: they are counted in "nothing" and in "unreachable", not against the
    criterion."""
    people = [person for person, choices in problem.choices.items() if choices]
    count = len(people) or 1
    first = sum(1 for p in people if any(rank == 1 for *_x, rank in seats.get(p, ())))
    some = sum(1 for p in people if seats.get(p))
    three_firsts = sum(
        1 for p in people if sum(1 for *_x, rank in seats.get(p, ()) if rank == 1) >= 3
    )
    unreachable = sum(1 for p in people if not reachable(problem, p))
    deprived = sum(1 for p in people if not seats.get(p) and reachable(problem, p))
    return {
        "people": len(people),
        "first": first / count,
        "top3": some / count,
        "nothing": (len(people) - some) / count,
        "seats": sum(len(seats.get(p, ())) for p in people) / count,
        "three_firsts": three_firsts,
        "unreachable": unreachable,
        "deprived": deprived,
        "fair": not (deprived and three_firsts),
    }


def compare(problem: Problem, seed: int, runs: int = 20) -> dict:
    """The fair allocation's satisfaction beside first-come-first-served's, averaged over `runs`
    random arrival orders (seeded from `seed`), with how many of those orders were fair."""
    fair = satisfaction(problem, allocate_fair(problem, seed).seats)
    samples = [
        satisfaction(problem, simulate_fcfs(problem, random_order(problem.choices, seed + 1 + n)))
        for n in range(runs)
    ]
    fcfs = {
        key: sum(sample[key] for sample in samples) / max(len(samples), 1)
        for key in ("first", "top3", "nothing", "seats")
    }
    fcfs["fair_runs"] = sum(1 for sample in samples if sample["fair"])
    fcfs["worst_nothing"] = max((sample["nothing"] for sample in samples), default=0.0)
    return {"fair": fair, "fcfs": fcfs, "runs": runs, "people": fair["people"]}
