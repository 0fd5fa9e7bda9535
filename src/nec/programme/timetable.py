"""The timetable: the rooms × slots grid of an edition and the conflicts of its placements.

Read-only: placing, moving and unplacing are in `nec.programme.services.schedule`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.editions.models import Edition
from nec.programme.models import Room, Session, SessionSpeaker, TimeSlot

ROOM_DOUBLE_BOOKED = "room_double_booked"
SPEAKER_TWO_PLACES = "speaker_two_places"
ROOM_TOO_SMALL = "room_too_small"
ROOM_UNAVAILABLE = "room_unavailable"
STEP_FREE_MISSING = "step_free_missing"


@dataclass
class Conflict:
    code: str
    message: str
    sessions: list[Session] = field(default_factory=list)


def placed_sessions(edition: Edition):
    """The sessions of `edition` that are in the grid, with what the conflict checks need."""
    return (
        Session.objects.filter(
            edition=edition,
            status__in=Session.PLACED_STATUSES,
            slot__isnull=False,
            room__isnull=False,
        )
        .select_related("slot", "room", "format_type")
        .prefetch_related(
            Prefetch("speaker_roles", queryset=SessionSpeaker.objects.select_related("speaker"))
        )
    )


def _overlap(a: TimeSlot, b: TimeSlot) -> bool:
    return a.start < b.end and b.start < a.end


def _when(slot: TimeSlot) -> str:
    return str(slot)


def _overlapping_pairs(group: list[Session]):
    """The pairs (earlier, later) of sessions of `group` whose slots overlap."""
    group = sorted(group, key=lambda s: (s.slot.start, s.pk))
    for i, first in enumerate(group):
        for second in group[i + 1 :]:
            if _overlap(first.slot, second.slot):
                yield first, second


def conflicts(sessions) -> list[Conflict]:
    """Every conflict among placed `sessions` (use `placed_sessions(edition)`)."""
    sessions = [s for s in sessions if s.slot_id and s.room_id]
    found: list[Conflict] = []
    for session in sessions:
        room, slot = session.room, session.slot
        capacity = session.capacity_override
        if capacity is not None and capacity > room.capacity:
            found.append(
                Conflict(
                    ROOM_TOO_SMALL,
                    _(
                        "« %(title)s » attend %(wanted)d personnes mais la salle %(room)s n'en "
                        "accueille que %(capacity)d."
                    )
                    % {
                        "title": session.title,
                        "wanted": capacity,
                        "room": room.name,
                        "capacity": room.capacity,
                    },
                    [session],
                )
            )
        if not room.is_available(slot.start, slot.end):
            found.append(
                Conflict(
                    ROOM_UNAVAILABLE,
                    _("La salle %(room)s n'est pas disponible le %(when)s (« %(title)s »).")
                    % {"room": room.name, "when": _when(slot), "title": session.title},
                    [session],
                )
            )
        if session.needs_step_free and not room.step_free:
            found.append(
                Conflict(
                    STEP_FREE_MISSING,
                    _(
                        "« %(title)s » demande un accès de plain-pied, que la salle %(room)s "
                        "n'offre pas."
                    )
                    % {"title": session.title, "room": room.name},
                    [session],
                )
            )
    # pairs: same room or same speaker at overlapping times
    by_room: dict[int, list[Session]] = defaultdict(list)
    by_speaker: dict[int, list[Session]] = defaultdict(list)
    speaker_names: dict[int, str] = {}
    for session in sessions:
        by_room[session.room_id].append(session)
        for role in session.speaker_roles.all():
            by_speaker[role.speaker_id].append(session)
            speaker_names[role.speaker_id] = role.speaker.name
    for group in by_room.values():
        for first, second in _overlapping_pairs(group):
            found.append(
                Conflict(
                    ROOM_DOUBLE_BOOKED,
                    _(
                        "La salle %(room)s est occupée deux fois le %(when)s : "
                        "« %(first)s » et « %(second)s »."
                    )
                    % {
                        "room": first.room.name,
                        "when": _when(second.slot),
                        "first": first.title,
                        "second": second.title,
                    },
                    [first, second],
                )
            )
    for speaker_id, group in by_speaker.items():
        for first, second in _overlapping_pairs(group):
            found.append(
                Conflict(
                    SPEAKER_TWO_PLACES,
                    _(
                        "%(speaker)s est attendu·e à deux endroits le %(when)s : "
                        "« %(first)s » (%(first_room)s) et « %(second)s » "
                        "(%(second_room)s)."
                    )
                    % {
                        "speaker": speaker_names[speaker_id],
                        "when": _when(second.slot),
                        "first": first.title,
                        "first_room": first.room.name,
                        "second": second.title,
                        "second_room": second.room.name,
                    },
                    [first, second],
                )
            )
    return found


def edition_conflicts(edition: Edition) -> list[Conflict]:
    return conflicts(placed_sessions(edition))


def days(edition: Edition) -> list[date]:
    """The days that have at least one slot, in order."""
    found = []
    for start in TimeSlot.objects.filter(edition=edition).values_list("start", flat=True):
        day = timezone.localtime(start).date()
        if day not in found:
            found.append(day)
    return sorted(found)


@dataclass
class GridRow:
    slot: TimeSlot
    cells: list[tuple[Room, list[Session]]]


def grid(edition: Edition, day: date | None, sessions=None) -> tuple[list[Room], list[GridRow]]:
    """Rooms (columns) and one row per slot of `day`, each cell listing the sessions placed there
    (more than one means a double booking)."""
    rooms = list(Room.objects.filter(edition=edition))
    slots = [
        slot
        for slot in TimeSlot.objects.filter(edition=edition)
        if day is None or timezone.localtime(slot.start).date() == day
    ]
    if sessions is None:
        sessions = placed_sessions(edition)
    cells: dict[tuple[int, int], list[Session]] = defaultdict(list)
    for session in sessions:
        cells[(session.slot_id, session.room_id)].append(session)
    rows = [
        GridRow(slot, [(room, cells.get((slot.pk, room.pk), [])) for room in rooms])
        for slot in slots
    ]
    return rooms, rows
