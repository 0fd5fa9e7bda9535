"""Reading a proposal beside the current grid: which sessions move, missed wishes and missing
seats before and after, slot by slot. "Before" is the grid as it is now (only the sessions placed
in it count), so the comparison stays true after part of the proposal has been applied."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from nec.programme.models import Room, Session, TimeSlot
from nec.timetabling.export import ExportedInstance, edition_instance
from nec.timetabling.models import SolverRun

Placement = dict[int, tuple[int, int]]  # session pk → (slot pk, room pk)


def _wishes(exported: ExportedInstance) -> list[list[int]]:
    return [
        [int(s.removeprefix("session-")) for s in person["wishes"]]
        for person in exported.data["attendees"]
    ]


def figures(exported: ExportedInstance, placement: Placement) -> dict:
    """Missed wishes and missing seats of `placement` (sessions not in it are left out), in total
    and per slot pk."""
    capacity = {int(r["id"].removeprefix("room-")): r["capacity"] for r in exported.data["rooms"]}
    wishes = _wishes(exported)
    demand = Counter(pk for person in wishes for pk in person)
    per_slot: dict[int, dict[str, int]] = defaultdict(lambda: {"missed": 0, "overflow": 0})
    for person in wishes:
        counts = Counter(placement[pk][0] for pk in person if pk in placement)
        for slot, count in counts.items():
            if count > 1:
                per_slot[slot]["missed"] += count - 1
    for pk, (slot, room) in placement.items():
        per_slot[slot]["overflow"] += max(0, demand[pk] - capacity.get(room, 0))
    total = sum(demand.values())
    missed = sum(item["missed"] for item in per_slot.values())
    return {
        "missed_wishes": missed,
        "total_wishes": total,
        "missed_share": round(missed / total, 4) if total else 0.0,
        "missed_percent": round(100 * missed / total, 1) if total else 0.0,
        "overflow_seats": sum(item["overflow"] for item in per_slot.values()),
        "placed": len(placement),
        "per_slot": {str(slot): dict(item) for slot, item in per_slot.items()},
    }


def partial_metrics(exported: ExportedInstance) -> dict:
    return figures(exported, exported.current)


@dataclass
class Comparison:
    before: dict
    after: dict
    moves: list[dict] = field(default_factory=list)
    slots: list[dict] = field(default_factory=list)
    unchanged: int = 0


def compare(run: SolverRun) -> Comparison:
    """The run's proposal beside the edition's grid as it is now."""
    exported = edition_instance(run.edition)
    proposed: Placement = {item["session"]: (item["slot"], item["room"]) for item in run.proposal}
    # sessions no longer in the programme, slots or rooms deleted since the run: left out
    live, slot_pks, room_pks = (
        set(exported.session_pks),
        set(exported.slot_pks),
        set(exported.room_pks),
    )
    proposed = {
        pk: (slot, room)
        for pk, (slot, room) in proposed.items()
        if pk in live and slot in slot_pks and room in room_pks
    }
    before, after = figures(exported, exported.current), figures(exported, proposed)
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=proposed)}
    slots = {s.pk: s for s in TimeSlot.objects.filter(edition=run.edition)}
    rooms = {r.pk: r for r in Room.objects.filter(edition=run.edition)}
    demand = Counter(pk for person in _wishes(exported) for pk in person)
    moves, unchanged = [], 0
    for pk, (slot, room) in sorted(
        proposed.items(), key=lambda item: (slots[item[1][0]].start, item[0])
    ):
        current = exported.current.get(pk)
        if current == (slot, room):
            unchanged += 1
            continue
        moves.append(
            {
                "session": sessions[pk],
                "demand": demand[pk],
                "from_slot": slots.get(current[0]) if current else None,
                "from_room": rooms.get(current[1]) if current else None,
                "to_slot": slots[slot],
                "to_room": rooms[room],
            }
        )
    slot_rows = []
    for slot in sorted(slots.values(), key=lambda s: (s.start, s.pk)):
        key = str(slot.pk)
        slot_rows.append(
            {
                "slot": slot,
                "before": before["per_slot"].get(key, {"missed": 0, "overflow": 0}),
                "after": after["per_slot"].get(key, {"missed": 0, "overflow": 0}),
                "sessions_before": sum(
                    1 for place in exported.current.values() if place[0] == slot.pk
                ),
                "sessions_after": sum(1 for place in proposed.values() if place[0] == slot.pk),
            }
        )
    return Comparison(before=before, after=after, moves=moves, slots=slot_rows, unchanged=unchanged)
