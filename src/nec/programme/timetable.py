"""The timetable: the rooms × slots grid of an edition and the conflicts of its placements.

The grid is a draft (`Session.slot`, `Session.room`): the public sees the placement of the last
published version until the next publication. Seats held in sessions come from the app that
books them, through `nec.programme.capacity_hooks`.

Read-only: placing, moving and unplacing are in `nec.programme.services.schedule`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nec.editions.models import Edition
from nec.programme import capacity_hooks, conflict_checks
from nec.programme.models import Room, Session, SessionSpeaker, TimeSlot

ROOM_DOUBLE_BOOKED = "room_double_booked"
SPEAKER_TWO_PLACES = "speaker_two_places"
ROOM_TOO_SMALL = "room_too_small"
ROOM_UNAVAILABLE = "room_unavailable"
STEP_FREE_MISSING = "step_free_missing"
MORE_BOOKINGS_THAN_SEATS = "more_bookings_than_seats"

#: the kind of each conflict, as the grid names it
LABELS = {
    ROOM_DOUBLE_BOOKED: gettext_lazy("Salle occupée deux fois"),
    SPEAKER_TWO_PLACES: gettext_lazy("Intervenant·e à deux endroits"),
    ROOM_TOO_SMALL: gettext_lazy("Salle trop petite"),
    ROOM_UNAVAILABLE: gettext_lazy("Salle indisponible"),
    STEP_FREE_MISSING: gettext_lazy("Pas d'accès de plain-pied"),
    MORE_BOOKINGS_THAN_SEATS: gettext_lazy("Plus de réservations que de places"),
}


@dataclass
class Conflict:
    code: str
    message: str
    sessions: list[Session] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS.get(self.code) or conflict_checks.label(self.code)


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


def _overflow(session: Session, room: Room, held: int) -> Conflict | None:
    """The conflict of moving `session` (with `held` seats taken) to `room`, if the seats it
    would have there are fewer than the seats taken and its published room is another one."""
    capacity = session.capacity_in(room)
    if capacity is None or held <= capacity or session.published_room_id == room.pk:
        return None
    extra = held - capacity
    message = _(
        "« %(title)s » a %(held)d places réservées mais n'en aurait que %(capacity)d dans la "
        "nouvelle salle (%(room)s)."
    ) % {"title": session.title, "held": held, "capacity": capacity, "room": room.name}
    consequence = ngettext(
        "À la publication, la dernière réservation repassera en liste d'attente (la personne "
        "est prévenue par e-mail).",
        "À la publication, les %(extra)d dernières réservations repasseront en liste "
        "d'attente (chaque personne est prévenue par e-mail).",
        extra,
    ) % {"extra": extra}
    return Conflict(MORE_BOOKINGS_THAN_SEATS, f"{message} {consequence}", [session])


def bookings_overflow(session: Session, room: Room) -> Conflict | None:
    """The "more bookings than seats" conflict that moving `session` to `room` would make."""
    held = capacity_hooks.seats_held([session.pk]).get(session.pk, 0)
    return _overflow(session, room, held)


def conflicts(sessions) -> list[Conflict]:
    """Every conflict among placed `sessions` (use `placed_sessions(edition)`)."""
    sessions = [s for s in sessions if s.slot_id and s.room_id]
    found: list[Conflict] = []
    held = capacity_hooks.seats_held(s.pk for s in sessions)
    for session in sessions:
        overflow = _overflow(session, session.room, held.get(session.pk, 0))
        if overflow is not None:
            found.append(overflow)
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
    for extra in conflict_checks.checks():
        found.extend(extra.check(sessions))
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
