"""Generated instances shaped like a national edition, for the benchmark, the tests and the demo.

Defaults: 100 sessions in 8 themes, 14 slots, 10 rooms of 40 to 400 seats (two not step-free),
1 800 people wishing 4 to 10 sessions each, mostly in one or two favourite themes and with a few
very popular sessions, 60 speakers in two sessions, 15 % of sessions unavailable in 3 slots, an
opening plenary fixed in the first slot. Themes are what gives wishes their structure: people who
like one theme want several of its sessions, which a good grid spreads over different slots."""

from __future__ import annotations

import random

from nec.timetabling.solver.instance import INSTANCE_FORMAT

ROOM_CAPACITIES = (400, 250, 200, 150, 120, 100, 80, 60, 50, 40)


def national_instance(
    seed: int = 1,
    *,
    sessions: int = 100,
    slots: int = 14,
    people: int = 1800,
    themes: int = 8,
    shared_speakers: int = 60,
    popular: int = 6,
) -> dict:
    rng = random.Random(seed)
    slot_ids = [f"c{t + 1:02d}" for t in range(slots)]
    rooms = [
        {"id": f"salle-{i + 1}", "capacity": cap, "step_free": i not in (6, 8)}
        for i, cap in enumerate(ROOM_CAPACITIES)
    ]
    session_ids = [f"s{i + 1:03d}" for i in range(sessions)]
    theme_of = [i % themes for i in range(sessions)]
    weight = [rng.paretovariate(2.5) for _ in range(sessions)]
    for i in rng.sample(range(1, sessions), popular):
        weight[i] *= 8
    speakers = [[f"p{i + 1:03d}"] for i in range(sessions)]
    for k in range(shared_speakers):  # speakers in two sessions (moderators, duos)
        for i in rng.sample(range(1, sessions), 2):
            speakers[i].append(f"q{k + 1:03d}")
    unavailable = {
        i: rng.sample(slot_ids[1:], 3) for i in rng.sample(range(1, sessions), sessions * 15 // 100)
    }
    needs_step_free = set(rng.sample(range(1, sessions), 5))
    session_list = []
    for i, sid in enumerate(session_ids):
        session = {
            "id": sid,
            "title": f"Séance {i + 1} (thème {theme_of[i] + 1})",
            "speakers": speakers[i],
        }
        if i in unavailable:
            session["unavailable_slots"] = unavailable[i]
        if i in needs_step_free:
            session["needs_step_free"] = True
        session_list.append(session)
    session_list[0].update(
        title="Plénière d'ouverture", fixed_slot=slot_ids[0], fixed_room=rooms[0]["id"]
    )
    by_theme = [[i for i in range(1, sessions) if theme_of[i] == th] for th in range(themes)]
    everyone = list(range(1, sessions))
    attendees = []
    for p in range(people):
        favourites = rng.sample(range(themes), rng.choice((1, 1, 2)))
        count = rng.randint(4, 10)
        wished: set[int] = set()
        if rng.random() < 0.3:
            wished.add(0)
        while len(wished) < count:
            pool = by_theme[rng.choice(favourites)] if rng.random() < 0.75 else everyone
            wished.add(rng.choices(pool, weights=[weight[i] for i in pool])[0])
        attendees.append(
            {"id": f"a{p + 1:04d}", "wishes": [session_ids[i] for i in sorted(wished)]}
        )
    return {
        "format": INSTANCE_FORMAT,
        "name": f"édition nationale générée (graine {seed})",
        "slots": [{"id": sid} for sid in slot_ids],
        "rooms": rooms,
        "sessions": session_list,
        "attendees": attendees,
    }
