"""An edition as a timetabling instance (`nec-timetabling/1`): its slots, rooms, sessions of the
programme (accepted, placed or published), their speakers, and the wishes of its registrations.

Ids in the file are prefixed database keys (`session-12`, `slot-3`, `room-4`, `speaker-9`,
`registration-77`) so a solution maps back to rows. What the format cannot say (tracks, where the
team placed a session) travels beside it for the web app's own solve."""

from __future__ import annotations

from dataclasses import dataclass, field

from nec.editions.models import Edition
from nec.programme.models import Room, Session, SessionSpeaker, TimeSlot
from nec.registrations.models import Registration
from nec.timetabling.availability_services import unavailable_by_session
from nec.timetabling.models import Wish
from nec.timetabling.solver import Problem, parse_instance
from nec.timetabling.solver.instance import INSTANCE_FORMAT


@dataclass
class ExportedInstance:
    data: dict
    ignored_wishes: int
    session_pks: list[int]
    slot_pks: list[int]
    room_pks: list[int]
    tracks: dict[int, int] = field(default_factory=dict)  # session pk → track pk
    current: dict[int, tuple[int, int]] = field(default_factory=dict)  # session pk → (slot, room)
    formats: dict[int, int] = field(default_factory=dict)  # session pk → format type pk
    unavailable: dict[int, set[int]] = field(default_factory=dict)  # session pk → slot pks

    def problem(
        self,
        *,
        move_placed: bool,
        keep_formats: frozenset[int] = frozenset(),
        reserve_kept_slots: bool = False,
    ) -> Problem:
        """The solver's problem. Placed sessions are fixed where they are unless `move_placed`
        (then keeping them is only preferred), and always those of `keep_formats` (plenaries,
        institutional times); with `reserve_kept_slots` the other rooms of the slots where they
        are alone stay empty. A session placed in a slot it cannot take is never kept there: its
        speakers' availability wins over the hand placement."""
        data = {**self.data, "sessions": [dict(s) for s in self.data["sessions"]]}
        kept_slots = set()
        for session, pk in zip(data["sessions"], self.session_pks, strict=False):
            if pk in self.current and (not move_placed or self.formats.get(pk) in keep_formats):
                slot, room = self.current[pk]
                if slot in self.unavailable.get(pk, ()):
                    continue
                session.update(fixed_slot=f"slot-{slot}", fixed_room=f"room-{room}")
                if self.formats.get(pk) in keep_formats:
                    kept_slots.add(slot)
        # a kept session alone in its slot (a plenary) keeps the whole slot
        kept_slots -= {
            slot
            for pk, (slot, _room) in self.current.items()
            if self.formats.get(pk) not in keep_formats
        }
        if reserve_kept_slots and kept_slots:
            taken = {
                (s["fixed_slot"], s["fixed_room"]) for s in data["sessions"] if s.get("fixed_room")
            }
            data["sessions"] += [
                {
                    "id": f"reserved-room-{room}-slot-{slot}",
                    "title": "créneau réservé",
                    "fixed_slot": f"slot-{slot}",
                    "fixed_room": f"room-{room}",
                }
                for slot in sorted(kept_slots)
                for room in self.room_pks
                if (f"slot-{slot}", f"room-{room}") not in taken
            ]
        problem = parse_instance(data)
        problem.ignored_wishes = self.ignored_wishes
        track_index: dict[int, int] = {}
        blockers = [None] * (problem.n_sessions - len(self.session_pks))
        problem.tracks = [
            track_index.setdefault(self.tracks[pk], len(track_index)) if pk in self.tracks else None
            for pk in self.session_pks
        ] + blockers
        slot_index = {pk: i for i, pk in enumerate(self.slot_pks)}
        room_index = {pk: i for i, pk in enumerate(self.room_pks)}
        problem.current = [
            (slot_index[self.current[pk][0]], room_index[self.current[pk][1]])
            if pk in self.current
            else None
            for pk in self.session_pks
        ] + blockers
        return problem


def _room_blockers(rooms: list[Room], slots: list[TimeSlot]) -> list[dict]:
    """A room closed during a slot (its availability window) is held by a fixed placeholder
    session: the exchange format has no per-room availability. They come after the real
    sessions."""
    return [
        {
            "id": f"closed-room-{room.pk}-slot-{slot.pk}",
            "title": f"{room.name} : salle indisponible",
            "fixed_slot": f"slot-{slot.pk}",
            "fixed_room": f"room-{room.pk}",
        }
        for room in rooms
        for slot in slots
        if not room.is_available(slot.start, slot.end)
    ]


def programme_sessions(edition: Edition):
    return Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES).order_by(
        "pk"
    )


def edition_instance(edition: Edition) -> ExportedInstance:
    slots = list(TimeSlot.objects.filter(edition=edition).order_by("start", "end", "pk"))
    rooms = list(Room.objects.filter(edition=edition).order_by("position", "name", "pk"))
    sessions = list(
        programme_sessions(edition).values(
            "pk", "title", "needs_step_free", "slot_id", "room_id", "track_id", "format_type_id"
        )
    )
    session_pks = [s["pk"] for s in sessions]
    speakers: dict[int, list[str]] = {pk: [] for pk in session_pks}
    for session_pk, speaker_pk in SessionSpeaker.objects.filter(
        session__in=session_pks
    ).values_list("session_id", "speaker_id"):
        speakers[session_pk].append(f"speaker-{speaker_pk}")
    known_slots, known_rooms = {s.pk for s in slots}, {r.pk for r in rooms}
    current = {
        s["pk"]: (s["slot_id"], s["room_id"])
        for s in sessions
        if s["slot_id"] in known_slots and s["room_id"] in known_rooms
    }
    unavailable = unavailable_by_session(edition)
    wanted: dict[int, list[str]] = {}
    ignored = 0
    active = set(session_pks)
    wishes = Wish.objects.filter(session__edition=edition).exclude(
        registration__status=Registration.Status.CANCELLED
    )
    for registration_pk, session_pk in wishes.values_list("registration_id", "session_id").order_by(
        "registration_id", "session_id"
    ):
        if session_pk in active:
            wanted.setdefault(registration_pk, []).append(f"session-{session_pk}")
        else:  # cancelled or declined since the wish
            ignored += 1
    data = {
        "format": INSTANCE_FORMAT,
        "name": edition.title,
        "slots": [
            {"id": f"slot-{slot.pk}", "start": slot.start.isoformat(), "end": slot.end.isoformat()}
            for slot in slots
        ],
        "rooms": [
            {
                "id": f"room-{room.pk}",
                "name": room.name,
                "capacity": room.capacity,
                "step_free": room.step_free,
            }
            for room in rooms
        ],
        "sessions": [
            {
                "id": f"session-{s['pk']}",
                "title": s["title"],
                "speakers": sorted(set(speakers[s["pk"]])),
                "unavailable_slots": [
                    f"slot-{slot.pk}" for slot in slots if slot.pk in unavailable.get(s["pk"], ())
                ],
                "needs_step_free": s["needs_step_free"],
            }
            for s in sessions
        ]
        + _room_blockers(rooms, slots),
        "attendees": [
            {"id": f"registration-{pk}", "wishes": session_ids}
            for pk, session_ids in sorted(wanted.items())
        ],
    }
    return ExportedInstance(
        data=data,
        ignored_wishes=ignored,
        session_pks=session_pks,
        slot_pks=[slot.pk for slot in slots],
        room_pks=[room.pk for room in rooms],
        tracks={s["pk"]: s["track_id"] for s in sessions if s["track_id"]},
        current=current,
        formats={s["pk"]: s["format_type_id"] for s in sessions if s["format_type_id"]},
        unavailable=unavailable,
    )
